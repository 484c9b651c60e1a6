import { parseClock } from "../time";

/** A section heading's title and times, in whichever order and brackets the model wrote them. */
export interface Heading {
	title: string;
	start: number | null;
	end: number | null;
}

// `\b` rather than a lookbehind, which iOS before 16.4 cannot parse; the leftmost match wins, so `1:19:29` is never read as `19:29`.
const CLOCK = String.raw`\b\d{1,2}(?::\d{2}){1,2}(?![\d:])`;
const DASH = String.raw`\s*(?:-|–|—|\bto\b|\buntil\b)\s*`;
const RANGE = new RegExp(String.raw`[(\[]?\s*(${CLOCK})${DASH}(${CLOCK})\s*[)\]]?`, "i");
/** A single time or a range, in optional brackets, for building other patterns (no capture groups). */
export const TIME_PATTERN = String.raw`[(\[]?\s*${CLOCK}(?:${DASH}${CLOCK})?\s*[)\]]?`;
const SINGLE = new RegExp(String.raw`[(\[]?\s*(${CLOCK})\s*[)\]]?`);

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

/** Whether `text` carries nothing but a time (and the brackets or separators around it). */
export function isOnlyTime(text: string): boolean {
	const time = findTime(text);
	if (time === null) return false;
	return /^[\s\-–—:|,.]*$/.test(text.slice(0, time.index) + text.slice(time.index + time.length));
}

/** Whether a time opens or closes `text`, as in `[0:24] Title` or `Title 0:24-3:44`. */
export function hasTimeAtEdge(text: string): boolean {
	const time = findTime(text);
	if (time === null) return false;
	const body = text.replace(/[\s:.]+$/, "");
	return time.index === 0 || time.index + time.length >= body.length;
}

export function stripEmphasis(text: string): string {
	return text
		.replace(/\*\*|__/g, "")
		.replace(/^[*_]+|[*_]+$/g, "")
		.trim();
}

/** Reads heading text that has already lost its `#` or list marker. */
export function readHeading(text: string): Heading {
	const plain = stripEmphasis(text);
	const time = findTime(plain);
	const rest = time === null ? plain : plain.slice(0, time.index) + " " + plain.slice(time.index + time.length);
	const title = rest
		.replace(/\(\s*\)|\[\s*\]/g, "")
		.replace(/\s+/g, " ")
		.replace(/^[\s\-–—:|,.]+|[\s\-–—:|,]+$/g, "");
	return { title, start: time?.start ?? null, end: time?.end ?? null };
}
