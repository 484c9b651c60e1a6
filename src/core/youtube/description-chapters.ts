import { parseClock } from "../time";
import type { Chapter } from "../types";

// "0:00 Intro", "00:00 - Intro", "(1:02:03) Title", "▶ 2:44 | Title", "Intro - 0:00", "Intro (0:00)".
const STAMP_FIRST = /^[\s\-–—•*▶►·]*[([]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?\s*(?:[-–—:|•.]\s*)?(.+?)\s*$/u;
const STAMP_LAST = /^[\s\-–—•*▶►·]*(.+?)\s*(?:[-–—:|•]\s*)?[([]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?\s*$/u;

function stampedLine(line: string): Chapter | undefined {
	const first = STAMP_FIRST.exec(line);
	if (first?.[1] && first[2]) {
		const start = parseClock(first[1]);
		if (start !== null) return { start, title: first[2] };
	}
	const last = STAMP_LAST.exec(line);
	if (last?.[1] && last[2]) {
		const start = parseClock(last[2]);
		if (start !== null) return { start, title: last[1] };
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
