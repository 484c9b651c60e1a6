import type { Segment, Transcript } from "../types";

const CLOCK = String.raw`\d{1,3}(?::\d{2}){1,2}`;
// A time link as this plugin writes it, `[4:46](https://www.youtube.com/watch?v=…&t=286s)`, also as a range.
// The address may hold no bracket, so a link that never closes stops at the next `[` and a line of them
// stays linear; its time is read from the address afterwards (SECONDS).
const LINK = String.raw`\[${CLOCK}(?:[–-]${CLOCK})?\]\((https?:\/\/[^()[\]\s]*)\)`;
const TIME_LINK = new RegExp(LINK, "g");
const SECONDS = /[?&](?:t|start)=(\d+)/;
// A quotation this plugin verified: the words in quotation marks, then their time link in brackets.
const VERIFIED = new RegExp(String.raw`"([^"\n]+)" \(${LINK}\)`, "g");

/** The second a time link's address points at, or undefined when it carries none. */
function secondsOf(address: string | undefined): string | undefined {
	return SECONDS.exec(address ?? "")?.[1];
}
const SKIP = /^(?:---|quotes:?|\*\*quotes:?\*\*|\[watch on youtube\]|>\s*\[!)/i;

/**
 * Whether the text holds two time links with a second in them, the least a summary read back needs. Asked first,
 * since most texts are transcripts with none: searching for the links' `](http` is far cheaper than reading
 * every line. No link spans lines, so the whole text finds the links its lines would.
 */
function hasTwoTimeLinks(text: string): boolean {
	if (!text.includes("](http")) return false;
	let found = 0;
	for (const link of text.matchAll(TIME_LINK)) if (secondsOf(link[1]) !== undefined && ++found === 2) return true;
	return false;
}

function plain(text: string): string {
	return text
		.replace(TIME_LINK, (link: string, address: string) => (secondsOf(address) === undefined ? link : " "))
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
 * are kept as context the model reads but no quote can be verified against. Null when the text carries fewer
 * than two time links, i.e. it is not such a summary.
 */
export function transcriptFromSummary(text: string): Transcript | null {
	if (!hasTwoTimeLinks(text)) return null;
	const segments: Segment[] = [];
	let current: number | null = null;
	let linked = 0;
	for (const line of text.split(/\r?\n/)) {
		let seconds: string | undefined;
		for (const link of line.matchAll(TIME_LINK)) if ((seconds = secondsOf(link[1])) !== undefined) break;
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
			const second = secondsOf(quote[2]);
			if (second === undefined) continue;
			context(line.slice(at, quote.index), current);
			segments.push({ start: Number(second), text: quote[1] ?? "" });
			at = (quote.index ?? 0) + quote[0].length;
		}
		context(line.slice(at), current);
	}
	if (linked < 2 || segments.length === 0) return null;
	segments.sort((a, b) => a.start - b.start);
	return { segments, timed: true, format: "timestamped-lines", chapters: [] };
}
