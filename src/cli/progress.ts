import type { Progress } from "../summarize";

const BAR_WIDTH = 20;

function bar(done: number, total: number): string {
	const filled = Math.round((done / Math.max(1, total)) * BAR_WIDTH);
	return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} parts`;
}

/**
 * Progress on standard error. On a terminal one line is rewritten in place, with a bar for the parts of a
 * long video; in a log, each stage and each finished part is printed once.
 */
export function progressReporter(write: (text: string) => void, terminal: boolean): { report: (p: Progress) => void; end: () => void } {
	let lastLine = "";
	let lastDone = -1;
	return {
		report(p) {
			if (terminal) {
				write(`\r\x1b[K${p.parts ? `${bar(p.parts.done, p.parts.total)} ` : ""}${p.message}`);
				return;
			}
			const done = p.parts?.done ?? -1;
			const line = p.parts ? `${p.stage}: ${p.parts.done} of ${p.parts.total} parts done` : `${p.message.replace(/….*$/, "…")}`;
			if (line !== lastLine && (done !== lastDone || !p.parts)) write(`${line}\n`);
			lastLine = line;
			lastDone = done;
		},
		end() {
			if (terminal) write("\r\x1b[K");
		},
	};
}
