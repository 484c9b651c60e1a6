import { parseClock } from "../time";
import type { Chapter } from "../types";

// "0:00 Intro", "00:00 - Intro", "(1:02:03) Title", "▶ 2:44 | Title", "Intro - 0:00", "Intro (0:00)". The line
// is trimmed and its bullets cut first, and the stamp is looked for only at either end, so that no pattern
// has two quantifiers that could trade the same characters (a line of spaces once took seconds).
const BULLETS = /^[\s\-–—•*▶►·]+/u;
const STAMP_AT_START = /^[([]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?/u;
const STAMP_AT_END = /[([]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?$/u;

function stampedLine(raw: string): Chapter | undefined {
	const line = raw.trim().replace(BULLETS, "");
	const first = STAMP_AT_START.exec(line);
	if (first?.[1]) {
		const after = line.slice(first[0].length).trimStart();
		const title = (/^[-–—:|•.]/u.test(after) ? after.slice(1).trimStart() : after).trimEnd();
		const start = parseClock(first[1]);
		if (title !== "" && start !== null) return { start, title };
	}
	const last = STAMP_AT_END.exec(line);
	if (last?.[1] && last.index > 0) {
		let title = line.slice(0, last.index).trimEnd();
		if (/[-–—:|•]$/u.test(title)) title = title.slice(0, -1).trimEnd();
		const start = parseClock(last[1]);
		if (title !== "" && start !== null) return { start, title };
	}
	return undefined;
}

/**
 * Chapters as YouTube makes them from a description: a list of timestamped lines that starts at 0:00
 * and rises, with at least three entries (YouTube's own rule; fewer make no chapters on YouTube either).
 * The list ends at the first stamp that does not rise; stamps elsewhere in the text ("at 3:16 I said")
 * do not start a list because they are not 0:00.
 */
export function descriptionChapters(description: string | undefined, durationSeconds?: number): Chapter[] {
	if (!description) return [];
	const chapters: Chapter[] = [];
	for (const line of description.split(/\r?\n/)) {
		const stamped = stampedLine(line);
		if (!stamped) continue;
		if (chapters.length === 0) {
			if (stamped.start === 0) chapters.push(stamped);
			continue;
		}
		const last = chapters[chapters.length - 1];
		if (!last || stamped.start <= last.start) break;
		if (durationSeconds !== undefined && durationSeconds > 0 && stamped.start >= durationSeconds) break;
		chapters.push(stamped);
	}
	return chapters.length >= 3 ? chapters : [];
}
