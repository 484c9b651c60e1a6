import { parseClock } from "../time";
import type { Chapter, Segment } from "../types";
import { risingIndices } from "./rising-stamps";
import { CLOCK, looksLikeTitle, tidy } from "./stamp-lines";

interface InlineStamp {
	start: number;
	/** Where the stamp's text begins and ends in the transcript. */
	from: number;
	to: number;
}

// YouTube sets its stamps apart with spaces, so "(3:30)" or "3:16," in speech is never a candidate.
const CANDIDATE = new RegExp(String.raw`(^|\s)(${CLOCK})(?=\s|$)`, "g");

/** The timestamps of an inline transcript: whitespace-bounded clocks, not times of day, in rising order. */
export function findInlineStamps(text: string): InlineStamp[] {
	const found: InlineStamp[] = [];
	for (const m of text.matchAll(CANDIDATE)) {
		const from = (m.index ?? 0) + (m[1] ?? "").length;
		const to = from + (m[2] ?? "").length;
		const start = parseClock(m[2] ?? "");
		if (start !== null && !/^\s+[ap]\.?m\b/i.test(text.slice(to, to + 6))) found.push({ start, from, to });
	}
	return risingIndices(found.map((s) => s.start)).map((i) => found[i] as InlineStamp);
}

const CAPITALISED = /^[\p{Lu}\d(]/u;

/**
 * Auto-captions are lower case, so in them a run of two to eight capitalised words right before a stamp is
 * most likely a chapter heading YouTube pasted in. Manual captions capitalise freely: no guessing there.
 */
function trailingTitle(chunk: string, lowerCase: boolean): string | null {
	// Most chunks end in a word in lower case: the tidy chunk's last word settles it without splitting the rest.
	if (!lowerCase || !CAPITALISED.test(chunk.slice(chunk.lastIndexOf(" ") + 1))) return null;
	const words = chunk.split(/\s+/).filter(Boolean);
	let n = 0;
	while (n < words.length && CAPITALISED.test(words[words.length - 1 - n] ?? "")) n++;
	const title = words.slice(words.length - n).join(" ");
	const firstWord = words[words.length - n] ?? "";
	const ok = n >= 2 && n <= 8 && n < words.length && /^\p{Lu}/u.test(firstWord) && !/\bI\b/.test(title);
	return ok ? title : null;
}

// Words that start with a letter, and those of them that start with a capital other than the pronoun I ("I",
// "I'm"): counted by the native regex engine, since splitting a long transcript into words took tens of milliseconds.
// Each match takes the space before its word, never a lookbehind (Safari before 16.4 cannot parse one).
const WORD_LETTER = /(?:^|\s)\p{L}/gu;
const WORD_CAPITAL = /(?:^|\s)(?!I(?:\s|$|['’]))\p{Lu}/gu;

function isLowerCase(text: string): boolean {
	const words = text.match(WORD_LETTER)?.length ?? 0;
	const capitalised = text.match(WORD_CAPITAL)?.length ?? 0;
	return capitalised < words * 0.1;
}

/**
 * Chapter rule: see trailingTitle; also, a short text before the first stamp titles the first chapter. `stamps`:
 * findInlineStamps(text), when the caller has them already.
 */
export function parseYoutubeInline(text: string, stamps = findInlineStamps(text)): { segments: Segment[]; chapters: Chapter[] } {
	const lowerCase = isLowerCase(text);
	const segments: Segment[] = [];
	const chapters: Chapter[] = [];
	const intro = tidy(text.slice(0, stamps[0]?.from ?? text.length).trim());
	if (stamps[0] && looksLikeTitle(intro)) chapters.push({ start: stamps[0].start, title: intro });
	else if (intro) segments.push({ start: 0, text: intro });
	stamps.forEach((stamp, i) => {
		const next = stamps[i + 1];
		let chunk = tidy(text.slice(stamp.to, next?.from ?? text.length).trim());
		const title = next ? trailingTitle(chunk, lowerCase) : null;
		if (next && title) {
			chapters.push({ start: next.start, title });
			chunk = chunk.slice(0, chunk.length - title.length).trim();
		}
		segments.push({ start: stamp.start, text: chunk });
	});
	return { segments, chapters };
}
