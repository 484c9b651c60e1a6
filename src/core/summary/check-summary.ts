import type { CheckedQuote, CheckedSection, ParsedSection, Segment, Transcript } from "../types";
import { indexTranscript, locateQuote } from "./locate-quote";

/**
 * Holds the model's sections against the transcript: each quote is replaced by the transcript's own words
 * where it can be found (and marked unverified where it cannot), and each section's times are moved onto
 * real segment starts, so that every link in the note opens the video where the words are said.
 */
export function checkSummary(sections: ParsedSection[], transcript: Transcript): CheckedSection[] {
	const index = indexTranscript(transcript);
	const segments = transcript.segments;
	const timed = transcript.timed && segments.length > 0;
	const checkQuote = (quote: string, near: number | null): CheckedQuote => {
		const found = locateQuote(index, quote, near ?? 0);
		if (found === null) return { text: quote, start: null, verified: false };
		return { text: found.text, start: timed ? (segments[found.segment]?.start ?? null) : null, verified: true };
	};
	const checked = sections.map(
		(section): CheckedSection => ({ ...section, start: null, end: null, quotes: distinct(section.quotes.map((q) => checkQuote(q, section.start))) }),
	);
	if (!timed) return checked;

	let previous = segments[0]?.start ?? 0;
	checked.forEach((section, i) => {
		const said = sections[i]?.start ?? null;
		const quoteStarts = section.quotes.flatMap((q) => (q.start === null ? [] : [q.start]));
		const start = said === null ? (quoteStarts[0] ?? previous) : nearestStart(segments, said);
		// A quote the model placed in this section shows where the section really begins, unless it
		// reaches back into the section before, which would make the two overlap.
		const floor = i === 0 ? -Infinity : previous;
		section.start = Math.min(start, ...quoteStarts.filter((q) => q > floor));
		previous = section.start;
	});
	const ordered = checked.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
	const lastStart = segments[segments.length - 1]?.start ?? 0;
	ordered.forEach((section, i) => {
		section.end = ordered[i + 1]?.start ?? lastStart;
	});
	return ordered;
}

/** The segment start closest to `seconds` (the earlier one on a tie). Segments are in time order. */
function nearestStart(segments: Segment[], seconds: number): number {
	let lo = 0;
	let hi = segments.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((segments[mid]?.start ?? 0) < seconds) lo = mid + 1;
		else hi = mid;
	}
	const after = segments[lo]?.start ?? 0;
	const before = segments[lo - 1]?.start;
	return before !== undefined && seconds - before <= after - seconds ? before : after;
}

/** Two quotes that resolve to the same transcript words are one quote: models repeat themselves. */
function distinct(quotes: CheckedQuote[]): CheckedQuote[] {
	const seen = new Set<string>();
	return quotes.filter((q) => {
		const key = q.text.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
