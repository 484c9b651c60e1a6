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

function risingHeads(lines: readonly string[], read: HeadReader): Map<number, Head> {
	const found: Array<[number, Head]> = [];
	lines.forEach((line, i) => {
		const head = read(line);
		if (head) found.push([i, head]);
	});
	return new Map(risingIndices(found.map(([, head]) => head.start)).map((k) => found[k] as [number, Head]));
}

/** How many lines `read` takes for heads once out-of-order ones are dropped: the score of a format. */
export function countRising(lines: readonly string[], read: HeadReader): number {
	return risingHeads(lines, read).size;
}

/**
 * Splits lines at the rising heads. A head that breaks the order stays in the speech as plain text, unless
 * `everyHeadSplits` (heads that can never be speech): then it opens a block whose start is kept between
 * the starts of the rising heads around it.
 */
export function groupAtHeads(lines: readonly string[], read: HeadReader, everyHeadSplits = false): { preamble: string[]; blocks: Block[] } {
	const heads = risingHeads(lines, read);
	const preamble: string[] = [];
	const blocks: Array<Block & { stray: boolean }> = [];
	lines.forEach((line, i) => {
		const head = heads.get(i) ?? (everyHeadSplits ? read(line) : null);
		const last = blocks[blocks.length - 1];
		if (head) blocks.push({ ...head, lines: head.rest === "" ? [] : [head.rest], stray: !heads.has(i) });
		else if (last) last.lines.push(line);
		else preamble.push(line);
	});
	blocks.forEach((b, i) => {
		if (!b.stray) return;
		const next = blocks.slice(i + 1).find((n) => !n.stray)?.start ?? Infinity;
		b.start = Math.max(blocks[i - 1]?.start ?? 0, Math.min(b.start, next));
	});
	return { preamble, blocks: blocks.map(({ stray: _, ...b }) => b) };
}

/** Short enough to be a chapter heading rather than a caption or a paragraph. */
export function looksLikeTitle(text: string): boolean {
	const words = text.split(/\s+/).filter(Boolean).length;
	return /\p{L}/u.test(text) && text.length <= 80 && words <= 12 && !/[.,;]$/.test(text);
}
