import { describe, expect, it } from "vitest";

import { describeBatchProgress } from "../../../src/core/batch/describe-progress";
import { outcomeOfError } from "../../../src/core/batch/outcome";
import { type BatchItem, type BatchProgress, runBatch, STARTING, type Written } from "../../../src/core/batch/run-batch";
import { SummaryError } from "../../../src/core/errors";

const MEMBERS_ONLY =
	'YouTube says: "Join this channel to get access to members-only content like this video." The video is for channel members only. If you are a member, open "Show transcript" under the video on YouTube, copy it into a note, and run the command there.';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** One call of a video's job, held open until the test ends it. */
interface Call {
	signal: AbortSignal;
	stage: (message: string) => void;
	finish: (path?: string) => void;
	fail: (error: unknown) => void;
}

/** Video ids that look real: "vid0-------" … */
const idOf = (i: number) => `vid${i}`.padEnd(11, "-");

/**
 * Videos whose jobs end only when the test says. A job answers an abort with an AbortError, as the SDK does,
 * unless it is one of `ignoresAbort` (its note was being written and will still be). `started(i)` resolves
 * when video i's job is called; `inFlight` and `peak` count the jobs running.
 */
function videos(count: number, options: { ignoresAbort?: number[] } = {}) {
	const calls: (Call | undefined)[] = [];
	const starts = Array.from({ length: count }, () => deferred<Call>());
	let inFlight = 0;
	let peak = 0;
	const items: BatchItem[] = Array.from({ length: count }, (_, i) => ({
		videoId: idOf(i),
		title: `Video ${i}`,
		run: (signal, stage) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			const gate = deferred<Written>();
			if (!options.ignoresAbort?.includes(i)) {
				signal.addEventListener("abort", () => gate.reject(new DOMException("The user aborted a request.", "AbortError")), { once: true });
			}
			const call: Call = { signal, stage, finish: (path = `Videos/Video ${i} summary.md`) => gate.resolve({ path }), fail: gate.reject };
			calls[i] = call;
			starts[i]?.resolve(call);
			return gate.promise.finally(() => inFlight--);
		},
	}));
	return {
		items,
		calls,
		started: (i: number) => starts[i]?.promise as Promise<Call>,
		get inFlight() {
			return inFlight;
		},
		get peak() {
			return peak;
		},
	};
}

describe("runBatch", () => {
	it("never has more than `concurrency` videos in flight, and does use all of them", async () => {
		const v = videos(7);
		const batch = runBatch(v.items, { concurrency: 3 });
		await v.started(2);
		// Nothing finished yet: a fourth must wait.
		expect(v.calls.filter(Boolean)).toHaveLength(3);
		// Finish them out of order; each end lets exactly one more start.
		for (const i of [1, 0, 2, 4, 3, 5, 6]) {
			const call = await v.started(i);
			call.finish();
			expect(v.inFlight).toBeLessThanOrEqual(3);
		}
		const results = await batch;
		expect(v.peak).toBe(3);
		expect(results.map((r) => r.status)).toEqual(Array(7).fill("written"));
		expect(results[4]).toEqual({ status: "written", path: "Videos/Video 4 summary.md" });
	});

	it("lets one video fail without stopping the others, and says why each failed", async () => {
		const v = videos(4);
		const batch = runBatch(v.items, { concurrency: 2 });
		(await v.started(1)).fail(new SummaryError("youtube", MEMBERS_ONLY));
		(await v.started(0)).finish();
		(await v.started(2)).fail(new TypeError("cannot read properties of undefined"));
		(await v.started(3)).finish();
		const results = await batch;
		expect(results).toEqual([
			{ status: "written", path: "Videos/Video 0 summary.md" },
			{ status: "failed", message: MEMBERS_ONLY },
			{
				status: "failed",
				message:
					"Something unexpected went wrong (cannot read properties of undefined). Try again; if it keeps happening, report it with the steps that lead to it.",
			},
			{ status: "written", path: "Videos/Video 3 summary.md" },
		]);
		// No failure aborted anyone else.
		expect(v.calls.map((c) => c?.signal.aborted)).toEqual([false, false, false, false]);
	});

	it("on cancel aborts the videos in flight, starts no other and keeps what finished", async () => {
		const v = videos(6);
		const controller = new AbortController();
		const batch = runBatch(v.items, { concurrency: 2, signal: controller.signal });
		(await v.started(0)).finish();
		(await v.started(1)).fail(new SummaryError("youtube", MEMBERS_ONLY));
		await v.started(3);
		controller.abort();
		const results = await batch;
		expect(results).toEqual([
			{ status: "written", path: "Videos/Video 0 summary.md" },
			{ status: "failed", message: MEMBERS_ONLY },
			{ status: "cancelled" },
			{ status: "cancelled" },
			{ status: "cancelled" },
			{ status: "cancelled" },
		]);
		expect(v.calls).toHaveLength(4);
		expect(v.calls.map((c) => c?.signal.aborted)).toEqual([false, false, true, true]);
	});

	it("waits after a cancel for a video whose note was being written, and reports it written", async () => {
		const v = videos(3, { ignoresAbort: [1] });
		const controller = new AbortController();
		const batch = runBatch(v.items, { concurrency: 2, signal: controller.signal });
		const writing = await v.started(1);
		controller.abort();
		expect(writing.signal.aborted).toBe(true);
		writing.finish("Videos/Video 1 summary.md");
		expect(await batch).toEqual([{ status: "cancelled" }, { status: "written", path: "Videos/Video 1 summary.md" }, { status: "cancelled" }]);
		expect(v.calls[2]).toBeUndefined();
	});

	it("runs nothing when cancelled before it starts, and keeps the skipped videos' notes", async () => {
		const v = videos(2);
		const controller = new AbortController();
		controller.abort();
		const items: BatchItem[] = [{ videoId: idOf(9), skip: { reason: "Summarized before.", path: "Videos/Old summary.md" } }, ...v.items];
		expect(await runBatch(items, { concurrency: 2, signal: controller.signal })).toEqual([
			{ status: "skipped", reason: "Summarized before.", path: "Videos/Old summary.md" },
			{ status: "cancelled" },
			{ status: "cancelled" },
		]);
		expect(v.calls).toEqual([]);
	});

	it("reports progress: counts, the videos running in the order they started, and each one's stage", async () => {
		const v = videos(4);
		const items: BatchItem[] = [
			v.items[0] as BatchItem,
			{ videoId: idOf(1), title: "Already done", skip: { reason: "Summarized before.", path: "Videos/Already done summary.md" } },
			v.items[2] as BatchItem,
			{ ...(v.items[3] as BatchItem), title: undefined },
		];
		const seen: BatchProgress[] = [];
		let waiting: { test: (p: BatchProgress) => boolean; resolve: () => void }[] = [];
		const reported = (test: (p: BatchProgress) => boolean) => new Promise<void>((resolve) => waiting.push({ test, resolve }));
		const onProgress = (p: BatchProgress) => {
			seen.push(p);
			waiting = waiting.filter((w) => !w.test(p) || (w.resolve(), false));
		};
		const batch = runBatch(items, { concurrency: 2, onProgress });
		const a = await v.started(0);
		const c = await v.started(2);
		c.stage("Fetching the captions from YouTube…");
		c.stage("Summarizing with gpt-4.1-mini… 1,024 characters");
		c.finish();
		const d = await v.started(3);
		const failedReported = reported((p) => p.failed === 1);
		a.fail(new SummaryError("model", "The model endpoint refused the request (HTTP 400). Check the model name in settings."));
		await failedReported;
		// A stage reported by a job that has ended is not shown.
		a.stage("Checking quotes against the transcript…");
		d.finish();
		await batch;

		const A = { index: 0, videoId: idOf(0), title: "Video 0" };
		const C = { index: 2, videoId: idOf(2), title: "Video 2" };
		const D = { index: 3, videoId: idOf(3) };
		expect(seen).toEqual([
			{ total: 4, done: 1, failed: 0, running: [] },
			{ total: 4, done: 1, failed: 0, running: [{ ...A, stage: STARTING }] },
			{
				total: 4,
				done: 1,
				failed: 0,
				running: [
					{ ...A, stage: STARTING },
					{ ...C, stage: STARTING },
				],
			},
			{
				total: 4,
				done: 1,
				failed: 0,
				running: [
					{ ...A, stage: STARTING },
					{ ...C, stage: "Fetching the captions from YouTube…" },
				],
			},
			{
				total: 4,
				done: 1,
				failed: 0,
				running: [
					{ ...A, stage: STARTING },
					{ ...C, stage: "Summarizing with gpt-4.1-mini… 1,024 characters" },
				],
			},
			{ total: 4, done: 2, failed: 0, running: [{ ...A, stage: STARTING }] },
			{
				total: 4,
				done: 2,
				failed: 0,
				running: [
					{ ...A, stage: STARTING },
					{ ...D, stage: STARTING },
				],
			},
			{ total: 4, done: 2, failed: 1, running: [{ ...D, stage: STARTING }] },
			{ total: 4, done: 3, failed: 1, running: [] },
		]);
		expect(describeBatchProgress(seen[4] as BatchProgress)).toBe(
			"1 of 4 videos summarized\nVideo 0: Starting…\nVideo 2: Summarizing with gpt-4.1-mini… 1,024 characters",
		);
		expect(describeBatchProgress(seen[7] as BatchProgress)).toBe(`2 of 4 videos summarized, 1 failed\n${idOf(3)}: Starting…`);
	});

	it("rejects when the host's progress callback throws, aborting the videos in flight", async () => {
		const v = videos(3);
		const bug = new Error("the notice was closed");
		const batch = runBatch(v.items, {
			concurrency: 2,
			onProgress: (p) => {
				if (p.running.length === 2) throw bug;
			},
		});
		await expect(batch).rejects.toBe(bug);
		expect(v.calls[0]?.signal.aborted).toBe(true);
	});
});

describe("outcomeOfError", () => {
	it("is cancelled for anything once the batch is cancelled, and for a video the user declined", () => {
		expect(outcomeOfError(new DOMException("The user aborted a request.", "AbortError"), true)).toEqual({ status: "cancelled" });
		expect(outcomeOfError(new SummaryError("model", "HTTP 500"), true)).toEqual({ status: "cancelled" });
		expect(outcomeOfError(new SummaryError("cancelled", "Not summarized: you chose not to start this run."), false)).toEqual({ status: "cancelled" });
	});

	it("fails the one video otherwise, with the message the user is shown", () => {
		expect(outcomeOfError(new SummaryError("youtube", MEMBERS_ONLY), false)).toEqual({ status: "failed", message: MEMBERS_ONLY });
		// An abort the batch did not ask for (a timeout inside the job) is a failure of that video.
		expect(outcomeOfError(new DOMException("signal timed out", "TimeoutError"), false)).toEqual({
			status: "failed",
			message: "Something unexpected went wrong (signal timed out). Try again; if it keeps happening, report it with the steps that lead to it.",
		});
	});
});
