import { parseClock } from "../time";

/** A section heading's title and times, in whichever order, brackets and dress the model wrote them. */
export interface Heading {
	title: string;
	start: number | null;
	end: number | null;
}

// `\b` rather than a lookbehind, which iOS before 16.4 cannot parse; the leftmost match wins, so `1:19:29` is
// never read as `19:29`. A colon may follow (`0:00 - 2:35: Title`) but not another pair of digits.
const CLOCK = String.raw`\b\d{1,2}(?::\d{2}){1,2}(?!\d|:\d)`;
const DASH = String.raw`\s*(?:-{1,2}>?|–|—|→|\bto\b|\buntil\b|\bthrough\b)\s*`;
const OPEN = String.raw`[(\[]?\s*`;
const CLOSE = String.raw`\s*[)\]]?`;
const RANGE = new RegExp(String.raw`${OPEN}(${CLOCK})${CLOSE}${DASH}${OPEN}(${CLOCK})${CLOSE}`, "i");
/** A single time or a range, in optional brackets, for building other patterns (no capture groups). */
export const TIME_PATTERN = String.raw`${OPEN}${CLOCK}${CLOSE}(?:${DASH}${OPEN}${CLOCK}${CLOSE})?`;
const SINGLE = new RegExp(String.raw`${OPEN}(${CLOCK})${CLOSE}`);

interface TimeMatch {
	start: number | null;
	end: number | null;
	/** Where the time, with its brackets, sits in the text. */
	index: number;
	length: number;
}

/** The first time range in `text`, else its first single time. */
export function findTime(text: string): TimeMatch | null {
	const range = RANGE.exec(text);
	if (range) {
		return { start: parseClock(range[1] ?? ""), end: parseClock(range[2] ?? ""), index: range.index, length: range[0].length };
	}
	const single = SINGLE.exec(text);
	if (single) return { start: parseClock(single[1] ?? ""), end: null, index: single.index, length: single[0].length };
	return null;
}

const SEPARATORS = /^[\s\-–—:|,.·•()[\]]*$/;

/** Whether `text` carries nothing but a time (and the brackets, separators or "from" around it). */
export function isOnlyTime(text: string): boolean {
	const time = findTime(text);
	if (time === null) return false;
	return SEPARATORS.test((text.slice(0, time.index) + text.slice(time.index + time.length)).replace(/\bfrom\b/gi, ""));
}

/** A time at the very start of `text` (`**0:24 - 0:27**:`, `[00:00:24]`, `0:24 –`), and the text after it. */
export function leadingTime(text: string): { time: Heading; rest: string } | null {
	const plain = stripEmphasis(withoutLinks(text));
	const time = findTime(plain);
	if (time === null || time.start === null || !SEPARATORS.test(plain.slice(0, time.index))) return null;
	const rest = plain.slice(time.index + time.length).replace(/^[\s*_]*[-–—:|,.]*\s*/, "");
	return { time: { title: "", start: time.start, end: time.end }, rest };
}

// What may stand before a time on a line of its own: `**Timestamp:** 00:24 - 02:37`, `Time: [0:24]`,
// `⏱️ 0:24–2:37`, `Zeit: 0:24`, `from 0:24 to 2:37`. Only tried on a short prefix, so it stays linear.
const TIME_LABEL = /^[^\p{L}\d]*(?:\p{L}[\p{L} ]{0,20}:|from|von|de|desde)?[^\p{L}\d]*$/iu;

/** The times of a line that carries only a time, under or over the heading it belongs to; else null. */
export function timeOnlyLine(text: string): Heading | null {
	const plain = stripEmphasis(withoutLinks(text));
	const time = findTime(plain);
	if (time === null || time.start === null) return null;
	const before = plain.slice(0, time.index);
	if (before.length > 40 || !TIME_LABEL.test(before) || !SEPARATORS.test(plain.slice(time.index + time.length))) return null;
	return { title: "", start: time.start, end: time.end };
}

export function stripEmphasis(text: string): string {
	return text
		.replace(/\*\*|__/g, "")
		.replace(/^[*_]+|[*_]+$/g, "")
		.trim();
}

// `[0:24](https://youtu.be/…?t=24)` → `0:24`; `![alt](…)` → nothing. Neither part may hold a bracket, so a
// failed match stops at the next `[` and a line full of them is still read in linear time.
const LINK = /(!?)\[([^[\]\n]*)\]\([^()[\]\s]*\)/g;
const BARE_URL = /<?\bhttps?:\/\/[^\s)>\]]+>?/g;

/** A line without the links the model added: each link becomes its own text, and a bare address goes. */
export function withoutLinks(text: string): string {
	return text.replace(LINK, (_, image: string, label: string) => (image ? "" : label)).replace(BARE_URL, "");
}

// Leftovers a removed time leaves behind or a model puts around a title.
const DURATION = /\(\s*(?:~|about |approx\.? )?\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\.?(?:\s+\d+\s*(?:s|secs?|seconds?))?\s*\)/gi;
const NUMBERING = /^(?:(?:section|part|chapter|topic|segment|teil|abschnitt|partie|sección|parte)\s*\d{1,3}\s*[:.\-–—]\s*|\d{1,3}[.)]\s+)/i;
const TRAILING_WORD = /(?:^|[\s(])\(?(?:from|at|starting at|between|von|de|desde|ab)$/i;
const EMOJI = /^[\p{Extended_Pictographic}\uFE0F\u200D\s]+/u;

/** Reads heading text that has already lost its `#` or list marker. */
export function readHeading(text: string): Heading {
	const plain = stripEmphasis(withoutLinks(text).replace(/`/g, ""));
	const time = findTime(plain);
	const before = time === null ? plain : plain.slice(0, time.index).trimEnd().replace(TRAILING_WORD, "");
	const after = time === null ? "" : plain.slice(time.index + time.length);
	const title = `${before} ${after}`
		.replace(DURATION, "")
		.replace(/\(\s*\)|\[\s*\]/g, "")
		.replace(/\s+/g, " ")
		.replace(/^[\s\-–—:|,.·•]+|[\s\-–—:|,·•]+$/g, "")
		.replace(EMOJI, "")
		.replace(NUMBERING, "")
		.replace(/^[*_]+|[*_]+$/g, "")
		.trim();
	return { title, start: time?.start ?? null, end: time?.end ?? null };
}
