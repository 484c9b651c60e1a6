import { allAtOnce, type Steps, withPauses } from "../plan/steps";
import type { Chapter, Segment, Transcript, TranscriptFormat } from "../types";
import { refuseTooShort, refuseUnusableText } from "./check-text";
import { parsePlain } from "./parse-plain";
import { parseSpeaker, readSpeakerHead } from "./parse-speaker";
import { parseSrt } from "./parse-srt";
import { parseTimestampedLines, readTimestampedHead } from "./parse-timestamped-lines";
import { parseVtt } from "./parse-vtt";
import { findInlineStamps, parseYoutubeInline } from "./parse-youtube-inline";
import { parseYoutubeLines, readYoutubeLineHead } from "./parse-youtube-lines";
import { isTimingLine, readCues } from "./read-cues";
import { type Head, type HeadReader, risingHeads, textLines, tidy } from "./stamp-lines";

export { MIN_WORDS } from "./check-text";

type Parsed = { format: TranscriptFormat; segments: Segment[]; chapters: Chapter[] };
type LineFormat = { format: TranscriptFormat; read: HeadReader; parse: (lines: string[], heads: Map<number, Head>) => Omit<Parsed, "format"> };

const noChapters = (segments: Segment[]) => ({ segments, chapters: [] });

// In this order, so that a tie goes to the format that reads more from each line (speaker names).
const LINE_FORMATS: LineFormat[] = [
	{ format: "speaker", read: readSpeakerHead, parse: (lines, heads) => noChapters(parseSpeaker(lines, heads)) },
	{ format: "youtube-lines", read: readYoutubeLineHead, parse: parseYoutubeLines },
	{ format: "timestamped-lines", read: readTimestampedHead, parse: (lines, heads) => noChapters(parseTimestampedLines(lines, heads)) },
];

/** Drops a leading YAML frontmatter block: it describes the note, it is not speech. */
function stripFrontmatter(text: string): string {
	return text.replace(/^---\n[\s\S]*?\n---[ \t]*(?:\n|$)/, "");
}

/**
 * Format rule: a `WEBVTT` header means WebVTT; otherwise any `-->` timing line means SRT. Otherwise each
 * line-based format scores the line-start timestamps it reads that still rise in order, and the best
 * scores if it has two or more, unless inline stamps (whitespace-bounded, rising) outnumber it more than
 * twice, as in YouTube's one-line copy. Three rising inline stamps, one per 60 words at least, also make
 * the inline form; anything else is plain text.
 */
function* detectAndParse(text: string): Steps<Parsed> {
	if (/^\s*WEBVTT(?:\s|$)/.test(text)) {
		const cues = readCues(text);
		yield;
		return { format: "vtt", ...noChapters(parseVtt(text, cues)) };
	}
	// A timing line holds an arrow: a transcript without one is not split into lines to look for it.
	if (text.includes("-->") && text.split("\n").some(isTimingLine)) {
		yield;
		const cues = readCues(text);
		yield;
		return { format: "srt", ...noChapters(parseSrt(text, cues)) };
	}
	const lines = textLines(text);
	// The heads found in scoring are the ones the best format then splits at: they are not read twice.
	const scored: (LineFormat & { heads: Map<number, Head>; score: number })[] = [];
	for (const f of LINE_FORMATS) {
		const heads = risingHeads(lines, f.read);
		scored.push({ ...f, heads, score: heads.size });
		yield;
	}
	const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
	const stamps = findInlineStamps(text);
	const inline = stamps.length;
	yield;
	if (best.score >= 2 && inline <= 2 * best.score) return { format: best.format, ...best.parse(lines, best.heads) };
	if (inline >= 3 && wordCount(text) <= 60 * inline) {
		yield;
		return { format: "youtube-inline", ...parseYoutubeInline(text, stamps) };
	}
	return { format: "plain", ...noChapters(parsePlain(text)) };
}

/**
 * Runs of other characters than whitespace, counted as the runs of whitespace between them: a run of spaces is
 * one string V8 keeps already, where each word would be a new one.
 */
function wordCount(text: string): number {
	const trimmed = text.trim();
	return trimmed === "" ? 0 : (trimmed.match(/\s+/g)?.length ?? 0) + 1;
}

/** Reads a pasted or fetched transcript in any supported format; throws SummaryError("input") when unusable. */
export function parseTranscript(text: string): Transcript {
	return allAtOnce(readingSteps(text));
}

/** parseTranscript with `pause` awaited between its steps (see steps.ts); rejects where parseTranscript throws. */
export function parseTranscriptPausing(text: string, pause: () => Promise<void>): Promise<Transcript> {
	return withPauses(readingSteps(text), pause);
}

/**
 * The reading, in steps: each `yield` ends one. A line-based format (timestamps at line starts, speaker lines) is
 * read a pass over the lines a step; SRT and WebVTT in two (the cues, then their text), YouTube's one-line copy in
 * one after its stamps are found.
 */
function* readingSteps(text: string): Steps<Transcript> {
	const body = stripFrontmatter(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
	refuseUnusableText(body);
	yield;
	const parsed = yield* detectAndParse(body);
	yield;
	const byTime = (a: { start: number }, b: { start: number }) => a.start - b.start;
	const segments = parsed.segments
		.map((s) => {
			// The parsers' segments are new objects: one already tidy is kept rather than copied.
			const text = tidy(s.text);
			return text === s.text ? s : { ...s, text };
		})
		.filter((s) => s.text !== "")
		.sort(byTime);
	refuseTooShort(segments);
	const chapters = parsed.chapters
		.map((c) => ({ ...c, title: tidy(c.title) }))
		.filter((c) => c.title !== "")
		.sort(byTime);
	return { segments, timed: parsed.format !== "plain", format: parsed.format, chapters };
}
