import { parseClock } from "../time";
import { trimRuns } from "../trim";

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
/** A single time or a range, in optional brackets, for building other patterns (no capture groups). */
export const TIME_PATTERN = String.raw`${OPEN}${CLOCK}${CLOSE}(?:${DASH}${OPEN}${CLOCK}${CLOSE})?`;
// findTime reads `(0:24) - [2:37]` by hand around each clock: as one pattern (`\s*[)\]]?\s*-\s*…`) its
// adjacent runs of spaces were retried from every position of a long line.
const CLOCK_AT = new RegExp(CLOCK, "y");
const CLOCKS = new RegExp(CLOCK, "g");
const DASH_AT = /-{1,2}>?|[–—→]|\b(?:to|until|through)\b/iy;
const isSpace = (c: string) => c !== "" && /\s/.test(c);

interface TimeMatch {
	start: number | null;
	end: number | null;
	/** Where the time, with its brackets, sits in the text. */
	index: number;
	length: number;
}

/** The first time range in `text`, else its first single time. */
export function findTime(text: string): TimeMatch | null {
	let single: TimeMatch | null = null;
	CLOCKS.lastIndex = 0;
	// Every clock, including one inside another (`1:19:29` holds `19:29`), as a pattern tried at each position would.
	for (let clock = CLOCKS.exec(text); clock; CLOCKS.lastIndex = clock.index + 1, clock = CLOCKS.exec(text)) {
		const index = opened(text, clock.index);
		let at = closed(text, clock.index + clock[0].length);
		single ??= { start: parseClock(clock[0]), end: null, index, length: at - index };
		while (isSpace(text.charAt(at))) at++;
		DASH_AT.lastIndex = at;
		const dash = DASH_AT.exec(text);
		if (!dash) continue;
		at += dash[0].length;
		while (isSpace(text.charAt(at))) at++;
		if (text.charAt(at) === "(" || text.charAt(at) === "[") at++;
		while (isSpace(text.charAt(at))) at++;
		CLOCK_AT.lastIndex = at;
		const second = CLOCK_AT.exec(text);
		if (!second) continue;
		const end = closed(text, at + second[0].length);
		return { start: parseClock(clock[0]), end: parseClock(second[0]), index, length: end - index };
	}
	return single;
}

/** Where a time's opening bracket and spaces begin, reading back from its clock. */
function opened(text: string, clock: number): number {
	let at = clock;
	while (isSpace(text.charAt(at - 1))) at--;
	return text.charAt(at - 1) === "(" || text.charAt(at - 1) === "[" ? at - 1 : at;
}

/** Where a time's spaces and closing bracket end, reading on from its clock. */
function closed(text: string, end: number): number {
	let at = end;
	while (isSpace(text.charAt(at))) at++;
	return text.charAt(at) === ")" || text.charAt(at) === "]" ? at + 1 : at;
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
// eslint-disable-next-line regexp/no-super-linear-backtracking -- tested only on the 40 characters before a time (see below), so bounded.
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
	return trimRuns(text.replace(/\*\*|__/g, ""), isEmphasis).trim();
}

const isEmphasis = (c: string) => c === "*" || c === "_";

// `[0:24](https://youtu.be/…?t=24)` → `0:24`; `![alt](…)` → nothing. Neither part may hold a bracket, so a
// failed match stops at the next `[` and a line full of them is still read in linear time.
const LINK = /(!?)\[([^[\]\n]*)\]\([^()[\]\s]*\)/g;
const BARE_URL = /<?\bhttps?:\/\/[^\s)>\]]+>?/g;

/** A line without the links the model added: each link becomes its own text, and a bare address goes. */
export function withoutLinks(text: string): string {
	return text.replace(LINK, (_, image: string, label: string) => (image ? "" : label)).replace(BARE_URL, "");
}

// Leftovers a removed time leaves behind or a model puts around a title.
const DURATION = /\(\s*(?:~|about |approx\.? )?\d+(?:\.\d+)?\s*(?:[hms]|hrs?|hours?|mins?|minutes?|secs?|seconds?)\.?(?:\s+\d+\s*(?:s|secs?|seconds?))?\s*\)/gi;
const NUMBERING = /^(?:(?:section|part|chapter|topic|segment|teil|abschnitt|partie|sección|parte)\s*\d{1,3}\s*[:.\-–—]\s*|\d{1,3}[.)]\s+)/i;
const TRAILING_WORD = /(?:^|[\s(])\(?(?:from|at|starting at|between|von|de|desde|ab)$/i;
const EMOJI = /^[\p{Extended_Pictographic}\uFE0F\u200D\s]+/u;

/** Reads heading text that has already lost its `#` or list marker. */
export function readHeading(text: string): Heading {
	const plain = stripEmphasis(withoutLinks(text).replace(/`/g, ""));
	const time = findTime(plain);
	const before = time === null ? plain : plain.slice(0, time.index).trimEnd().replace(TRAILING_WORD, "");
	const after = time === null ? "" : plain.slice(time.index + time.length);
	const spaced = `${before} ${after}`
		.replace(DURATION, "")
		.replace(/\(\s*\)|\[\s*\]/g, "")
		.replace(/\s+/g, " ");
	const title = trimRuns(
		trimRuns(
			spaced,
			(c) => isSpace(c) || "-–—:|,.·•".includes(c),
			(c) => isSpace(c) || "-–—:|,·•".includes(c),
		)
			.replace(EMOJI, "")
			.replace(NUMBERING, ""),
		isEmphasis,
	).trim();
	return { title, start: time?.start ?? null, end: time?.end ?? null };
}
