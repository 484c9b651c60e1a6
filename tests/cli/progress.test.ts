/**
 * The CLI's progress on a terminal, which the child-process tests cannot show (their standard error is a
 * pipe): what is written, and when, under a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { progressReporter, REDRAW_MS } from "../../src/cli/progress";
import type { Progress } from "../../src/summarize";

let writes: string[];

beforeEach(() => {
	vi.useFakeTimers();
	writes = [];
});
afterEach(() => {
	vi.useRealTimers();
});

function terminal(columns?: number) {
	// The global timers, which vitest's fake ones replace; the CLI takes Node's from node:timers.
	return progressReporter((text) => writes.push(text), true, { columns: () => columns, timers: globalThis });
}

const step = (message: string, extra: Partial<Progress> = {}): Progress => ({ stage: "summarizing", message, ...extra });
const streamed = (chars: number): Progress => step(`Summarizing with m… ${chars.toLocaleString("en-US")} characters`, { chars });

describe("progress on a terminal", () => {
	it("rewrites the line only when its text changes", () => {
		const progress = terminal();
		progress.report(step("Reading the transcript…", { stage: "transcript" }));
		progress.report(step("Reading the transcript…", { stage: "transcript" }));
		vi.advanceTimersByTime(1000);
		progress.report(step("Reading the transcript…", { stage: "transcript" }));
		expect(writes).toEqual(["\rReading the transcript…\x1b[K"]);
	});

	it("redraws a streaming answer at most ten times a second, and shows the latest count", () => {
		const progress = terminal();
		// A chunk every 5 ms for two seconds: 400 reports.
		for (let chars = 1; chars <= 400; chars++) {
			progress.report(streamed(chars * 10));
			vi.advanceTimersByTime(5);
		}
		vi.advanceTimersByTime(REDRAW_MS);
		expect(writes.length).toBeGreaterThanOrEqual(15);
		expect(writes.length).toBeLessThanOrEqual(21);
		expect(writes.at(-1)).toBe("\rSummarizing with m… 4,000 characters\x1b[K");
	});

	it("never leaves a partial line: end clears it, and nothing is drawn after", () => {
		const progress = terminal();
		progress.report(streamed(10));
		progress.report(streamed(20)); // waiting for its redraw when the run ends
		progress.end();
		vi.advanceTimersByTime(1000);
		expect(writes).toEqual(["\rSummarizing with m… 10 characters\x1b[K", "\r\x1b[K"]);
	});

	it("prints a note on a line of its own and draws the progress again under it", () => {
		const progress = terminal();
		progress.report(step("Asking m to plan the summary…", { stage: "planning" }));
		progress.note("The endpoint answered 429; trying again in 2 s…");
		expect(writes).toEqual([
			"\rAsking m to plan the summary…\x1b[K",
			"\r\x1b[K",
			"The endpoint answered 429; trying again in 2 s…\n",
			"\rAsking m to plan the summary…\x1b[K",
		]);
	});

	it("keeps the parts bar while a part streams, and cuts the line to the terminal's width", () => {
		const progress = terminal(40);
		progress.report(step("Summarizing 4 parts with m: 1 done…", { parts: { done: 1, total: 4 } }));
		vi.advanceTimersByTime(REDRAW_MS);
		progress.report(step("Summarizing 4 parts with m: 1 done… 300 characters", { chars: 300 }));
		vi.advanceTimersByTime(REDRAW_MS);
		expect(writes).toEqual(["\r[#####---------------] 1/4 parts Summa…\x1b[K"]);
		expect([...(writes[0] ?? "").replace(/^\r|\x1b\[K$/g, "")]).toHaveLength(39);
	});
});

describe("a batch's progress on a terminal", () => {
	it("rewrites its lines in place, clearing lines left over from a taller board, and clears them all at the end", () => {
		const progress = terminal();
		progress.board("0 of 3 videos summarized\nFirst: Starting…");
		vi.advanceTimersByTime(REDRAW_MS);
		progress.board("0 of 3 videos summarized\nFirst: Fetching…\nSecond: Starting…");
		vi.advanceTimersByTime(REDRAW_MS);
		progress.board("2 of 3 videos summarized");
		vi.advanceTimersByTime(REDRAW_MS);
		progress.board("2 of 3 videos summarized\nThird: Starting…");
		vi.advanceTimersByTime(REDRAW_MS);
		progress.end();
		expect(writes).toEqual([
			"\r0 of 3 videos summarized\x1b[K\nFirst: Starting…\x1b[K",
			"\x1b[1A\r0 of 3 videos summarized\x1b[K\nFirst: Fetching…\x1b[K\nSecond: Starting…\x1b[K",
			"\x1b[2A\r2 of 3 videos summarized\x1b[J",
			"\r2 of 3 videos summarized\x1b[K\nThird: Starting…\x1b[K",
			"\x1b[1A\r\x1b[J",
		]);
	});

	it("prints a note above the board and draws the board again under it, each line cut to the terminal's width", () => {
		const progress = terminal(20);
		progress.board("1 of 2 videos summarized\nA talk with a long title: Summarizing…");
		progress.note("failed: x: no captions");
		expect(writes).toEqual([
			"\r1 of 2 videos summ…\x1b[K\nA talk with a long…\x1b[K",
			"\x1b[1A\r\x1b[J",
			"failed: x: no captions\n",
			"\r1 of 2 videos summ…\x1b[K\nA talk with a long…\x1b[K",
		]);
	});
});

describe("progress in a log", () => {
	it("prints each line of a batch's board the first time it is seen", () => {
		const progress = progressReporter((text) => writes.push(text), false);
		expect(progress.streams).toBe(false);
		progress.board("0 of 2 videos summarized\nFirst: Starting…");
		progress.board("0 of 2 videos summarized\nFirst: Fetching…\nSecond: Starting…");
		progress.board("1 of 2 videos summarized\nSecond: Starting…");
		progress.board("1 of 2 videos summarized\nSecond: \x1b[2JFetching…");
		expect(writes.join("")).toBe(
			"0 of 2 videos summarized\nFirst: Starting…\nFirst: Fetching…\nSecond: Starting…\n1 of 2 videos summarized\nSecond: [2JFetching…\n",
		);
	});

	it("prints each step once, and no streaming counts", () => {
		const progress = progressReporter((text) => writes.push(text), false);
		progress.report(step("Asking m to plan the summary…", { stage: "planning" }));
		progress.report(step("Asking m to plan the summary… 120 characters", { stage: "planning", chars: 120 }));
		progress.report(step("Asking m to plan the summary… thinking… 80 characters", { stage: "planning", chars: 0, thinking: 80 }));
		progress.report(step("Summarizing with m…", { chars: 0 }));
		progress.report(streamed(500));
		progress.report(step("Checking quotes against the transcript…", { stage: "checking" }));
		progress.note("The endpoint answered 503; trying again…");
		progress.report(step("Checking quotes against the transcript…", { stage: "checking" }));
		progress.end();
		expect(writes.join("")).toBe(
			"Asking m to plan the summary…\nSummarizing with m…\nChecking quotes against the transcript…\nThe endpoint answered 503; trying again…\n",
		);
	});
});

describe("progress and outside text", () => {
	it("drops escapes and bidi overrides from a step's title and a note, and keeps only its own", () => {
		const progress = terminal();
		progress.report(step("Summarizing \x1b]0;pwned\x07Title\u202E with m…"));
		progress.note("The endpoint said \x1b[2Jhello\r");
		progress.end();
		expect(writes.join("")).toBe(
			"\rSummarizing ]0;pwnedTitle with m…\x1b[K\r\x1b[KThe endpoint said [2Jhello\n\rSummarizing ]0;pwnedTitle with m…\x1b[K\r\x1b[K",
		);
		const log: string[] = [];
		const plain = progressReporter((text) => log.push(text), false);
		plain.report(step("A \x1b[31mred\x9b title"));
		expect(log).toEqual(["A [31mred title\n"]);
	});
});
