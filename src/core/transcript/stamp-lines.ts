import { risingIndices } from "./rising-stamps";

/** A clock as transcripts write it (`1:02`, `01:02:03`, `00:01:02,500`); parseClock decides if it is a time. */
export const CLOCK = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;

/** What a line-based format reads from a line that opens a segment. */
export interface Head {
	start: number;
	speaker?: string;
	/** Speech on the same line, after the timestamp. */
	rest: string;
}

export type HeadReader = (line: string) => Head | null;

export interface Block extends Head {
	/** The speech: `rest` when not empty, then the lines up to the next head. */
	lines: string[];
}

/** Trimmed, non-empty lines without Markdown headings, which are titles of a note, never speech. */
export function textLines(text: string): string[] {
	return text
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line !== "" && !/^#{1,6}\s/.test(line));
}

/** The heads `read` finds, by line, once out-of-order ones are dropped; their number is the score of a format. */
export function risingHeads(lines: readonly string[], read: HeadReader): Map<number, Head> {
	const found: Array<[number, Head]> = [];
	lines.forEach((line, i) => {
		const head = read(line);
		if (head) found.push([i, head]);
	});
	return new Map(risingIndices(found.map(([, head]) => head.start)).map((k) => found[k] as [number, Head]));
}

/**
 * Splits lines at the rising heads (`heads`, when the caller has them already). A head that breaks the order
 * stays in the speech as plain text, unless `everyHeadSplits` (heads that can never be speech): then it opens a
 * block whose start is kept between the starts of the rising heads around it.
 */
export function groupAtHeads(
	lines: readonly string[],
	read: HeadReader,
	everyHeadSplits = false,
	heads = risingHeads(lines, read),
): { preamble: string[]; blocks: Block[] } {
	const preamble: string[] = [];
	const blocks: Block[] = [];
	const stray: boolean[] = [];
	lines.forEach((line, i) => {
		const rising = heads.get(i);
		const head = rising ?? (everyHeadSplits ? read(line) : null);
		const last = blocks[blocks.length - 1];
		if (head) {
			// Built field by field: spreading the head into a new object cost ten times as much on a long transcript.
			const block: Block = { start: head.start, rest: head.rest, lines: head.rest === "" ? [] : [head.rest] };
			if (head.speaker !== undefined) block.speaker = head.speaker;
			blocks.push(block);
			stray.push(rising === undefined);
		} else if (last) last.lines.push(line);
		else preamble.push(line);
	});
	// The start of the next rising block after each block, found from the end: looking ahead from every stray
	// block was quadratic in a transcript of many.
	const next = new Float64Array(blocks.length);
	for (let i = blocks.length - 1, after = Infinity; i >= 0; i--) {
		next[i] = after;
		if (!stray[i]) after = blocks[i]?.start ?? after;
	}
	blocks.forEach((b, i) => {
		if (stray[i]) b.start = Math.max(blocks[i - 1]?.start ?? 0, Math.min(b.start, next[i] ?? Infinity));
	});
	return { preamble, blocks };
}

/** Short enough to be a chapter heading rather than a caption or a paragraph. */
export function looksLikeTitle(text: string): boolean {
	const words = text.split(/\s+/).filter(Boolean).length;
	return /\p{L}/u.test(text) && text.length <= 80 && words <= 12 && !/[.,;]$/.test(text);
}

// Whitespace that tidy would change: any but a single space between words.
const UNTIDY = /[^\S ]| {2}|^ | $/;

/** Whitespace runs as single spaces, none at either end. */
export function tidy(text: string): string {
	// Most texts are tidy already (a caption, a trimmed chunk): testing is much cheaper than rebuilding each one.
	return UNTIDY.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}
