import type { Chapter, Segment, Transcript, TranscriptFormat } from "../types";
import { refuseTooShort, refuseUnusableText } from "./check-text";
import { parsePlain } from "./parse-plain";
import { parseSpeaker, readSpeakerHead } from "./parse-speaker";
import { parseSrt } from "./parse-srt";
import { parseTimestampedLines, readTimestampedHead } from "./parse-timestamped-lines";
import { parseVtt } from "./parse-vtt";
import { findInlineStamps, parseYoutubeInline } from "./parse-youtube-inline";
import { parseYoutubeLines, readYoutubeLineHead } from "./parse-youtube-lines";
import { isTimingLine } from "./read-cues";
import { countRising, type HeadReader, textLines } from "./stamp-lines";

export { MIN_WORDS } from "./check-text";

type Parsed = { format: TranscriptFormat; segments: Segment[]; chapters: Chapter[] };
type LineFormat = { format: TranscriptFormat; read: HeadReader; parse: (lines: string[]) => Omit<Parsed, "format"> };

const noChapters = (segments: Segment[]) => ({ segments, chapters: [] });

// In this order, so that a tie goes to the format that reads more from each line (speaker names).
const LINE_FORMATS: LineFormat[] = [
	{ format: "speaker", read: readSpeakerHead, parse: (lines) => noChapters(parseSpeaker(lines)) },
	{ format: "youtube-lines", read: readYoutubeLineHead, parse: parseYoutubeLines },
	{ format: "timestamped-lines", read: readTimestampedHead, parse: (lines) => noChapters(parseTimestampedLines(lines)) },
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
function detectAndParse(text: string): Parsed {
	if (/^\s*WEBVTT(?:\s|$)/.test(text)) return { format: "vtt", ...noChapters(parseVtt(text)) };
	if (text.split("\n").some(isTimingLine)) return { format: "srt", ...noChapters(parseSrt(text)) };
	const lines = textLines(text);
	const scored = LINE_FORMATS.map((f) => ({ ...f, score: countRising(lines, f.read) }));
	const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
	const inline = findInlineStamps(text).length;
	if (best.score >= 2 && inline <= 2 * best.score) return { format: best.format, ...best.parse(lines) };
	if (inline >= 3 && (text.match(/\S+/g)?.length ?? 0) <= 60 * inline) return { format: "youtube-inline", ...parseYoutubeInline(text) };
	return { format: "plain", ...noChapters(parsePlain(text)) };
}

function tidy(text: string): string {
	return text.replace(/\s+/g, " ").trim();
}

/** Reads a pasted or fetched transcript in any supported format; throws SummaryError("input") when unusable. */
export function parseTranscript(text: string): Transcript {
	const body = stripFrontmatter(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
	refuseUnusableText(body);
	const parsed = detectAndParse(body);
	const byTime = (a: { start: number }, b: { start: number }) => a.start - b.start;
	const segments = parsed.segments
		.map((s) => ({ ...s, text: tidy(s.text) }))
		.filter((s) => s.text !== "")
		.sort(byTime);
	refuseTooShort(segments);
	const chapters = parsed.chapters
		.map((c) => ({ ...c, title: tidy(c.title) }))
		.filter((c) => c.title !== "")
		.sort(byTime);
	return { segments, timed: parsed.format !== "plain", format: parsed.format, chapters };
}
