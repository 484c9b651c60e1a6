import timers from "node:timers";

import type { Progress } from "../summarize";
import { terminalSafe } from "./terminal-text";

const BAR_WIDTH = 20;
/** A terminal line is rewritten at most this often: a streamed answer reports every few characters. */
export const REDRAW_MS = 100;

function bar(done: number, total: number): string {
	const filled = Math.round((done / Math.max(1, total)) * BAR_WIDTH);
	return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} parts`;
}

/** A report that only counts what is streaming in; every other report is a step of its own. */
function isStreaming(p: Progress): boolean {
	return (p.chars ?? 0) > 0 || (p.thinking ?? 0) > 0;
}

export interface ProgressReporter {
	/** A step, or the count of an answer streaming in. */
	report(p: Progress): void;
	/** A line that stays, printed between the steps (a retry, a hint). */
	note(line: string): void;
	/** Clears the live line, so that whatever is printed next starts on a line of its own. */
	end(): void;
}

export interface TerminalOptions {
	/** The terminal's width, read at each redraw; a longer line would wrap and could not be rewritten in place. */
	columns?: () => number | undefined;
	/** Node's timers, unless a test brings its own. */
	timers?: Pick<typeof timers, "setTimeout" | "clearTimeout">;
}

/**
 * Progress on standard error. On a terminal one line is rewritten in place (with a bar for the parts of a
 * long video), only when its text changes and at most every REDRAW_MS. In a log, each step is printed once,
 * as one line, and the counts of streaming answers are left out.
 */
export function progressReporter(write: (text: string) => void, terminal: boolean, options: TerminalOptions = {}): ProgressReporter {
	const reporter = terminal ? terminalReporter(write, options) : logReporter(write);
	// Steps carry titles and notes carry servers' words: made safe here, before the reporter adds its own escapes.
	return {
		report: (p) => reporter.report({ ...p, message: terminalSafe(p.message) }),
		note: (line) => reporter.note(terminalSafe(line)),
		end: () => reporter.end(),
	};
}

/**
 * The phase a step belongs to: checking quotes is part of summarizing, which for a long video repeats per
 * part, in any order. Within a phase, a line already printed is not printed again.
 */
function phaseOf(p: Progress): Progress["stage"] {
	return p.stage === "checking" ? "summarizing" : p.stage;
}

function logReporter(write: (text: string) => void): ProgressReporter {
	let phase: Progress["stage"] | undefined;
	const printed = new Set<string>();
	return {
		report(p) {
			if (isStreaming(p)) return;
			if (phaseOf(p) !== phase) printed.clear();
			phase = phaseOf(p);
			if (printed.has(p.message)) return;
			printed.add(p.message);
			write(`${p.message}\n`);
		},
		note(line) {
			write(`${line}\n`);
		},
		end() {},
	};
}

function terminalReporter(write: (text: string) => void, options: TerminalOptions): ProgressReporter {
	const { setTimeout, clearTimeout } = options.timers ?? timers;
	/** What the terminal shows now ("" for nothing), and what it should show. */
	let shown = "";
	let wanted = "";
	let shownAt = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let parts: Progress["parts"];

	const fit = (text: string): string => {
		const columns = options.columns?.() ?? 0;
		// One column spare: a line that fills the last one makes some terminals wrap before the next write.
		return columns > 1 && text.length > columns - 1 ? `${text.slice(0, columns - 2)}…` : text;
	};
	const draw = () => {
		clearTimeout(timer);
		timer = undefined;
		if (wanted === shown) return;
		// Written over the old text, then the rest of the line cleared: the line is never blank in between.
		write(`\r${wanted}\x1b[K`);
		shown = wanted;
		shownAt = Date.now();
	};
	const show = (text: string) => {
		wanted = fit(text);
		if (wanted === shown || timer) return;
		const wait = shownAt + REDRAW_MS - Date.now();
		if (wait <= 0) draw();
		else timer = setTimeout(draw, wait).unref();
	};
	const clear = () => {
		clearTimeout(timer);
		timer = undefined;
		if (shown !== "") write("\r\x1b[K");
		shown = "";
	};

	return {
		report(p) {
			// The bar stays while the parts are summarized, also while one of them streams or is checked.
			if (p.parts) parts = p.parts;
			else if (p.stage !== "summarizing" && p.stage !== "checking") parts = undefined;
			show(`${parts ? `${bar(parts.done, parts.total)} ` : ""}${p.message}`);
		},
		note(line) {
			const current = wanted;
			clear();
			write(`${line}\n`);
			wanted = current;
			if (current !== "") draw();
		},
		end() {
			clear();
			wanted = "";
		},
	};
}
