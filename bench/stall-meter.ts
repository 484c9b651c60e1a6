/**
 * The longest synchronous stretch of a run: how long the event loop (in Obsidian, the window) could not answer a
 * click or paint a frame.
 *
 * How: a stretch is one task, a timer's or an immediate's or an I/O callback with the microtasks it leaves, as
 * Chromium runs them one by one with input and painting in between. An async hook notes the time each task
 * begins, so the gap from one beginning to the next is the task before it; promise reactions and nextTicks are
 * part of the task that queued them and are no boundary. A setImmediate that reschedules itself keeps the loop
 * from ever sleeping, so no gap holds idle time. This is exact to the microsecond (performance.now) and knows
 * when each stretch began and ended, so the marks the run sets say where the longest one happened.
 *
 * A stretch is as long as its wall time or the process's CPU time in it, whichever is shorter: on a busy machine
 * the scheduler takes the CPU away in the middle of a task, which lengthens its wall time with the work of other
 * programs, not ours. (CPU time counts V8's helper threads too, so it cannot hide our own work.)
 *
 * Coarser ways miss in both directions: a sampler alone (setImmediate or setTimeout(0)) sees one gap for a whole
 * turn of the loop, so two unrelated tasks that fall in the same turn (a timer and an answer arriving) read as one
 * stretch; perf_hooks.monitorEventLoopDelay (resolution 1 ms) is itself a libuv timer with that same blind spot,
 * rounds to the millisecond and keeps a histogram without times, which cannot say which step stalled.
 */
import { createHook, executionAsyncResource } from "node:async_hooks";

export interface Stall {
	/** The stretch's own time: wall time, unless the process had less CPU time in it. */
	ms: number;
	wallMs: number;
	/** The step under way when the stretch began, then every mark set during it: `a → b`. */
	where: string;
}

export interface Stalls<T> {
	result: T;
	longestMs: number;
	where?: string;
	/** The longest few stretches, longest first. */
	stalls: Stall[];
}

/** Labels the run's steps as they begin, so that a stall can be put in the step it happened in. */
export type Mark = (label: string) => void;

const KEPT = 5;

/** A promise reaction or a nextTick: it runs inside the task that queued it. */
function isMicrotask(resource: object): boolean {
	return resource instanceof Promise || Object.getPrototypeOf(resource) === Object.prototype;
}

export async function measureStalls<T>(run: (mark: Mark) => Promise<T>): Promise<Stalls<T>> {
	const marks: { at: number; label: string }[] = [];
	const gaps: { from: number; to: number; cpuMs: number }[] = [];
	let last = performance.now();
	let lastCpu = process.cpuUsage();
	const begins = (): void => {
		const now = performance.now();
		const cpu = process.cpuUsage();
		gaps.push({ from: last, to: now, cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000 });
		last = now;
		lastCpu = cpu;
	};
	const hook = createHook({
		before() {
			if (!isMicrotask(executionAsyncResource())) begins();
		},
	});
	const spin = (): void => {
		next = setImmediate(spin);
	};
	let next = setImmediate(spin);
	hook.enable();
	let result: T;
	try {
		result = await run((label) => marks.push({ at: performance.now(), label }));
	} finally {
		hook.disable();
		clearImmediate(next);
	}
	// The stretch from the last task's beginning to the run's end is a stretch too.
	begins();

	const whereOf = ({ from, to }: { from: number; to: number }): string => {
		const before = marks.filter((m) => m.at <= from).pop();
		const during = marks.filter((m) => m.at > from && m.at <= to);
		return [...(before ? [before] : []), ...during].map((m) => m.label).join(" → ") || "(before any mark)";
	};
	const stalls = gaps
		.map((gap) => ({ ms: Math.min(gap.to - gap.from, gap.cpuMs), wallMs: gap.to - gap.from, where: whereOf(gap) }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, KEPT);
	const longest = stalls[0];
	return { result, longestMs: longest?.ms ?? 0, ...(longest ? { where: longest.where } : {}), stalls };
}
