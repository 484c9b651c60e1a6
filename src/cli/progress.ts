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
export function isStreaming(p: Progress): boolean {
	return (p.chars ?? 0) > 0 || (p.thinking ?? 0) > 0;
}

export interface ProgressReporter {
	/** A step, or the count of an answer streaming in. */
	report(p: Progress): void;
	/**
	 * Where a batch stands, one line or more (its count, then each video in flight). On a terminal the lines
	 * are rewritten in place like the step of one video; in a log each line is printed the first time it is
	 * seen, so a video's steps are printed once each.
	 */
	board(text: string): void;
	/** A line that stays, printed between the steps (a retry, a hint). */
	note(line: string): void;
	/** Clears the live line, so that whatever is printed next starts on a line of its own. */
	end(): void;
	/** Whether the counts of answers streaming in are shown; a log leaves them out. */
	readonly streams: boolean;
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
		board: (text) => reporter.board(terminalSafe(text)),
		note: (line) => reporter.note(terminalSafe(line)),
		end: () => reporter.end(),
		streams: terminal,
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
	const boardLines = new Set<string>();
	return {
		streams: false,
		board(text) {
			for (const line of text.split("\n")) {
				if (boardLines.has(line)) continue;
				boardLines.add(line);
				write(`${line}\n`);
			}
		},
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

	const fitLine = (text: string): string => {
		const columns = options.columns?.() ?? 0;
		// One column spare: a line that fills the last one makes some terminals wrap before the next write.
		return columns > 1 && text.length > columns - 1 ? `${text.slice(0, columns - 2)}…` : text;
	};
	// Each line on its own: a line that wrapped would throw off the count the cursor is moved back by.
	const fit = (text: string): string => text.split("\n").map(fitLine).join("\n");
	const lineCount = (text: string): number => (text === "" ? 0 : text.split("\n").length);
	// Back to the start of the first line shown; a batch shows several.
	const home = (): string => {
		const up = lineCount(shown) - 1;
		return `${up > 0 ? `\x1b[${up}A` : ""}\r`;
	};
	const draw = () => {
		clearTimeout(timer);
		timer = undefined;
		if (wanted === shown) return;
		// Written over the old text, each line's rest cleared, and the lines below too when there were more: the
		// lines are never blank in between.
		const below = lineCount(shown) > lineCount(wanted) ? "\x1b[J" : "\x1b[K";
		write(`${home()}${wanted.split("\n").join("\x1b[K\n")}${below}`);
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
		if (shown !== "") write(`${home()}${lineCount(shown) > 1 ? "\x1b[J" : "\x1b[K"}`);
		shown = "";
	};

	return {
		streams: true,
		board(text) {
			parts = undefined;
			show(text);
		},
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
