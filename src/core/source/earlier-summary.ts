import type { Segment, Transcript } from "../types";

const TIME_LINK = /\(?\[(\d{1,3}(?::\d{2}){1,2})(?:[–-]\d{1,3}(?::\d{2}){1,2})?\]\((?:https?:\/\/[^)\s]*?[?&](?:t|start)=(\d+)s?[^)\s]*)\)\)?/g;
const SKIP = /^(?:---|quotes:?|\*\*quotes:?\*\*|\[watch on youtube\]|>\s*\[!)/i;

function plain(line: string): string {
	return line
		.replace(TIME_LINK, " ")
		.replace(/^\s*(?:#{1,6}\s+|\d+[.)]\s+|[-*+]\s+|>\s*)/, "")
		.replace(/\(unverified\)/gi, " ")
		.replace(/^["“”]|["“”]$/g, "")
		.replace(/\s+/g, " ")
		.trim()
		.replace(/^["“”]|["“”]$/g, "");
}

/**
 * A selection from a summary this plugin wrote, read back as a timed transcript: each line takes the
 * time of its own link (a quote's second, a section's start) or of the line before. Re-summarizing it
 * then keeps working links. Null when the text carries no time links, i.e. it is not such a summary.
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
		const words = plain(line);
		if (!words || SKIP.test(line.trim()) || current === null) continue;
		segments.push({ start: current, text: words });
	}
	if (linked < 2 || segments.length === 0) return null;
	segments.sort((a, b) => a.start - b.start);
	return { segments, timed: true, format: "timestamped-lines", chapters: [] };
}
