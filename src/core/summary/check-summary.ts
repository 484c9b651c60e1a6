import { allAtOnce, type Steps, withPauses } from "../plan/steps";
import type { CheckedQuote, CheckedSection, ParsedSection, Prose, Segment, Transcript } from "../types";
import { indexTranscript, locateQuote } from "./locate-quote";
import { quotedSpans } from "./quote-marks";
import { inTimeOrder } from "./time-order";

/**
 * Holds the model's sections against the transcript: each quote, in a quotes list or inside a sentence, is
 * replaced by the transcript's own words where it can be found (and marked unverified where it cannot), and
 * each section's times are moved onto real segment starts, so that every link in the note opens the video
 * where the words are said. Overview and takeaway blocks keep no times of their own.
 */
export function checkSummary(sections: ParsedSection[], transcript: Transcript): CheckedSection[] {
	return allAtOnce(checkingSteps(sections, transcript));
}

/** checkSummary with `pause` awaited once the transcript is indexed and after each section (see steps.ts). */
export function checkSummaryPausing(sections: ParsedSection[], transcript: Transcript, pause: () => Promise<void>): Promise<CheckedSection[]> {
	return withPauses(checkingSteps(sections, transcript), pause);
}

function* checkingSteps(sections: ParsedSection[], transcript: Transcript): Steps<CheckedSection[]> {
	const check = quoteChecker(transcript);
	const segments = transcript.segments;
	if (sections.some((s) => s.quotes.length > 0)) {
		check.index();
		yield;
	}
	const checked: CheckedSection[] = [];
	for (const section of sections) {
		checked.push({
			...section,
			start: null,
			end: null,
			summary: section.summary.map((p) => check.prose(p, section.start)),
			quotes: distinct(section.quotes.map((q) => check.quote(q, section.start))),
		});
		yield;
	}
	if (!transcript.timed || segments.length === 0) return checked;

	let previous = segments[0]?.start ?? 0;
	let first = true;
	checked.forEach((section, i) => {
		if (section.aside !== undefined) return;
		const said = sections[i]?.start ?? null;
		const quoteStarts = section.quotes.flatMap((q) => (q.start === null ? [] : [q.start]));
		const start = said === null ? (quoteStarts[0] ?? previous) : nearestStart(segments, said);
		// A quote the model placed in this section shows where the section really begins, unless it
		// reaches back into the section before, which would make the two overlap.
		const floor = first ? -Infinity : previous;
		section.start = Math.min(start, ...quoteStarts.filter((q) => q > floor));
		previous = section.start;
		first = false;
	});
	return inTimeOrder(checked, segments[segments.length - 1]?.start ?? 0);
}

const MODEL_TIME = /^\s*[([]\s*\d{1,2}(?::\d{2}){1,2}(?:\s*[-–—]\s*\d{1,2}(?::\d{2}){1,2})?\s*[)\]]/;

export interface QuoteChecker {
	/** Indexes the transcript now rather than on the first quote, so that the work can be a step of its own. */
	index: () => void;
	/** A quote as the model gave it, found in the transcript or marked unverified. */
	quote: (text: string, near: number | null) => CheckedQuote;
	/** The model's own sentence, with each quotation inside it checked like a quote. */
	prose: (text: string, near: number | null) => Prose;
}

/** Checks quotes against one transcript, indexed once when first needed. `near` is where the model placed the words. */
export function quoteChecker(transcript: Transcript): QuoteChecker {
	// Indexed on the first quote only: a merge's sentences rarely quote, and a long transcript costs to index.
	let index: ReturnType<typeof indexTranscript> | null = null;
	const segments = transcript.segments;
	const timed = transcript.timed && segments.length > 0;
	const indexed = () => (index ??= indexTranscript(transcript));
	const quote = (text: string, near: number | null): CheckedQuote => {
		const found = locateQuote(indexed(), text, near ?? 0);
		if (found === null) return { text, start: null, verified: false };
		return { text: found.text, start: timed ? (segments[found.segment]?.start ?? null) : null, verified: true };
	};
	const prose = (text: string, near: number | null): Prose => {
		const parts: Prose = [];
		let at = 0;
		for (const span of quotedSpans(text)) {
			if (span.index > at) parts.push(text.slice(at, span.index));
			parts.push(quote(span.words, near));
			// The model's own time after the quotation gives way to the transcript's.
			at = span.end + (MODEL_TIME.exec(text.slice(span.end))?.[0].length ?? 0);
		}
		if (at < text.length) parts.push(text.slice(at));
		return parts;
	};
	return { index: indexed, quote, prose };
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
