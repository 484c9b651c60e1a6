import { SummaryError } from "../errors";
import type { Segment } from "../types";

/** Below this many words there is nothing worth summarizing. */
export const MIN_WORDS = 30;

/** NUL, other control characters than tab/newline/form feed, and U+FFFD, the mark of undecodable bytes. */
function isJunk(code: number): boolean {
	return (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0x7f || code === 0xfffd;
}

// The same characters as isJunk, for one search by the regex engine: most transcripts hold none, and counting them
// one by one took 5 ms on ten hours of transcript before the code had warmed up (the search: 1 ms).
const JUNK = /[^\P{Cc}\t\n\f\r\x80-\x9f]|\ufffd/u;

/** Refuses empty text and data that is not text (a PDF or an image opened as a note). */
export function refuseUnusableText(text: string): void {
	if (text.trim() === "") {
		throw new SummaryError("input", "The note or selection is empty. Paste a transcript or a YouTube link first.");
	}
	let junk = 0;
	if (JUNK.test(text)) for (let i = 0; i < text.length; i++) if (isJunk(text.charCodeAt(i))) junk++;
	// A few stray replacement characters happen in real transcripts; a binary file has them everywhere.
	if (text.includes("\u0000") || (junk >= 3 && junk > text.length / 100)) {
		throw new SummaryError("input", "This does not look like text (perhaps a PDF or an image). Give the transcript itself, as text.");
	}
}

/** Words in the segments, counted up to `enough`: a four-hour transcript need not be counted to the end. */
export function countWords(segments: readonly Segment[], enough = Infinity): number {
	let n = 0;
	for (const s of segments) {
		// Sound tags such as [Music] or [Applause] are not speech: a transcript of nothing else is refused.
		n += s.text
			.replace(/\[[^\]\n]{0,40}\]/g, " ")
			.split(/\s+/)
			.filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
		if (n >= enough) break;
	}
	return n;
}

export function refuseTooShort(segments: readonly Segment[]): void {
	const words = countWords(segments, MIN_WORDS);
	if (words < MIN_WORDS) {
		throw new SummaryError(
			"input",
			`Only ${words} word${words === 1 ? "" : "s"} of transcript found. A summary needs a longer transcript: paste at least ${MIN_WORDS} words.`,
		);
	}
}
