import type { Segment, Transcript } from "../types";

const CLOCK = String.raw`\d{1,3}(?::\d{2}){1,2}`;
// A time link as this plugin writes it, `[4:46](https://www.youtube.com/watch?v=…&t=286s)`, also as a range.
const TIME_LINK = new RegExp(String.raw`\[(${CLOCK})(?:[–-]${CLOCK})?\]\((?:https?:\/\/[^)\s]*?[?&](?:t|start)=(\d+)s?[^)\s]*)\)`, "g");
// A quotation this plugin verified: the words in quotation marks, then their time link in brackets.
const VERIFIED = new RegExp(String.raw`"([^"\n]+)" \(${TIME_LINK.source}\)`, "g");
const SKIP = /^(?:---|quotes:?|\*\*quotes:?\*\*|\[watch on youtube\]|>\s*\[!)/i;

function plain(text: string): string {
	return text
		.replace(TIME_LINK, " ")
		.replace(/^\s*(?:#{1,6}\s+|\d+[.)]\s+|[-*+]\s+|>\s*)/, "")
		.replace(/\(unverified\)/gi, " ")
		.replace(/\(\s*\)/g, " ")
		.replace(/\s+/g, " ")
		.trim();
}

/**
 * A selection from a summary this plugin wrote, read back as a timed transcript: each line takes the time of
 * its own link (a quote's second, a section's start) or of the line before, so re-summarizing it keeps working
 * links. Only the quotes that note verified were said in the video; its headings, prose and unverified quotes
 * are kept as context the model reads but no quote can be verified against. Null when the text carries no
 * time links, i.e. it is not such a summary.
 */
export function transcriptFromSummary(text: string): Transcript | null {
	const segments: Segment[] = [];
	let current: number | null = null;
	let linked = 0;
	for (const line of text.split(/\r?\n/)) {
		const seconds = [...line.matchAll(TIME_LINK)][0]?.[2];
		if (seconds !== undefined) {
			current = Number(seconds);
			linked++;
		}
		if (current === null || SKIP.test(line.trim())) continue;
		let at = 0;
		const context = (words: string, start: number): void => {
			const said = plain(words);
			if (said !== "") segments.push({ start, text: said, said: false });
		};
		for (const quote of line.matchAll(VERIFIED)) {
			context(line.slice(at, quote.index), current);
			segments.push({ start: Number(quote[3]), text: quote[1] ?? "" });
			at = (quote.index ?? 0) + quote[0].length;
		}
		context(line.slice(at), current);
	}
	if (linked < 2 || segments.length === 0) return null;
	segments.sort((a, b) => a.start - b.start);
	return { segments, timed: true, format: "timestamped-lines", chapters: [] };
}
