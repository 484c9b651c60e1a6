import { parseClock } from "../time";
import type { Segment } from "../types";
import { CLOCK, groupAtHeads, type Head } from "./stamp-lines";

// `0:00 text`, `[00:01:02] text`, `(1:02) text`, `00:01:02 - text`, optionally as a Markdown list item.
const LINE = new RegExp(String.raw`^(?:[-*+]\s+)?(?:\[(${CLOCK})\]|\((${CLOCK})\)|(${CLOCK})(?=\s|$))(?:\s*[-–—|:](?=\s|$))?\s*(.*)$`);

export function readTimestampedHead(line: string): Head | null {
	const m = LINE.exec(line);
	const rest = m?.[4] ?? "";
	// "3:30 pm we meet" opens with a time of day, not a timestamp.
	if (!m || /^[ap]\.?m\b/i.test(rest)) return null;
	const start = parseClock(m[1] ?? m[2] ?? m[3] ?? "");
	return start === null ? null : { start, rest };
}

export function parseTimestampedLines(lines: readonly string[], heads?: Map<number, Head>): Segment[] {
	const { preamble, blocks } = groupAtHeads(lines, readTimestampedHead, false, heads);
	const head: Segment[] = preamble.length ? [{ start: 0, text: preamble.join(" ") }] : [];
	return head.concat(blocks.map((b) => ({ start: b.start, text: b.lines.join(" ") })));
}
