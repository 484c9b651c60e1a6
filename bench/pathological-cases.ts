/**
 * Inputs that once took seconds to minutes (super-linear regex backtracking, quadratic loops), each built at
 * a size `n` and run through the real function, with a check of what it returned. Shared by the regression
 * test (tests/core/pathological-inputs.test.ts) and the growth table of `npm run bench`.
 */
import { sourceFromText } from "../src/core/source/choose-source";
import { transcriptFromSummary } from "../src/core/source/earlier-summary";
import { findYouTubeLink } from "../src/core/source/youtube-link";
import { cleanQuote } from "../src/core/summary/clean-quote";
import { indexTranscript, locateQuote } from "../src/core/summary/locate-quote";
import { readAnswer } from "../src/core/summary/read-answer";
import { readHeading } from "../src/core/summary/read-heading";
import { readMerge } from "../src/core/summary/read-merge";
import { unwrapAnswer } from "../src/core/summary/unwrap-answer";
import { parseVtt } from "../src/core/transcript/parse-vtt";
import type { CheckedSection } from "../src/core/types";
import { descriptionChapters } from "../src/core/youtube/description-chapters";

export interface PathologicalCase {
	name: string;
	/** Where the time went. */
	where: string;
	/** The base size: 1× builds `build(base)`. */
	base: number;
	/** What the size counts, for the table. */
	unit: string;
	/** The largest multiple of `base` the benchmark runs (100 or 1000). */
	most: number;
	/** The multiple of `base` the regression test runs: one that took longer than the test timeout before the fix. */
	tested: number;
	/** Runs the real function on an input of size `n` and says whether its answer is right. */
	run: (n: number) => boolean;
}

const spaces = (n: number) => " ".repeat(n);

/** A word of letters only (digits would make every word a number), different for each `i`. */
function letters(i: number): string {
	let word = "";
	for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) word = String.fromCharCode(97 + ((k - 1) % 26)) + word;
	return `w${word}`;
}

const section = (title: string, start: number): CheckedSection => ({ title, start, end: null, summary: [], quotes: [] });

export const PATHOLOGICAL_CASES: PathologicalCase[] = [
	{
		name: "label line: `Summary` + spaces + `\\u2028x\\u2028y`",
		where: "read-answer.ts / answer-words.ts",
		base: 300,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) => {
			const reading = readAnswer(`Summary${spaces(n)}\u2028x\u2028y`);
			return !reading.ok && reading.shown.startsWith("Summary");
		},
	},
	{
		name: 'quote `"a` + spaces + `x`',
		where: "clean-quote.ts TIME_AFTER",
		base: 100,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) => cleanQuote(`"a${spaces(n)}x`) === `a${spaces(n)}x`,
	},
	{
		name: "answer on one line, long runs of spaces",
		where: "read-answer.ts linesOf",
		base: 1_000,
		unit: "spaces per gap",
		most: 1000,
		tested: 100,
		run: (n) => {
			const gap = spaces(n);
			const reading = readAnswer(`## Intro (0:00)${gap}1. First point here${gap}## Next (1:00)${gap}2. Second point here`);
			return reading.ok && reading.sections.map((s) => s.start).join() === "0,60";
		},
	},
	{
		name: "a long word in a quote against a transcript word",
		where: "normalize-words.ts edit distance",
		base: 160,
		unit: "chars",
		most: 1000,
		tested: 100,
		run: (n) => {
			const transcript = {
				segments: [{ start: 0, text: `so we said hello world ${"ab".repeat(n / 2)} and left` }],
				timed: true,
				format: "plain" as const,
				chapters: [],
			};
			return locateQuote(indexTranscript(transcript), `hello world ${"cd".repeat(n / 2)}`) === null;
		},
	},
	{
		name: "a long quote",
		where: "align-words.ts via locate-quote.ts",
		base: 56,
		unit: "words",
		most: 1000,
		tested: 100,
		run: (n) => {
			const words = Array.from({ length: n }, (_, i) => letters(i));
			const segments = [];
			for (let i = 0; i < n; i += 10) segments.push({ start: i, text: words.slice(i, i + 10).join(" ") });
			const transcript = { segments, timed: true, format: "plain" as const, chapters: [] };
			return locateQuote(indexTranscript(transcript), words.join(" "))?.text === words.join(" ");
		},
	},
	{
		name: "transcript with one long token",
		where: "youtube-link.ts, choose-source.ts",
		base: 1_000,
		unit: "chars",
		most: 1000,
		tested: 100,
		run: (n) => {
			const text = `${"a".repeat(n)} https://youtu.be/dQw4w9WgXcQ`;
			return findYouTubeLink(text)?.id === "dQw4w9WgXcQ" && sourceFromText(text, "file", "T").video?.id === "dQw4w9WgXcQ";
		},
	},
	{
		name: "`youtube.com` repeated",
		where: "youtube-link.ts, choose-source.ts",
		base: 100,
		unit: "repeats",
		most: 1000,
		tested: 100,
		run: (n) => {
			const text = `${"youtube.com".repeat(n)} and some words`;
			return findYouTubeLink(text) === null && sourceFromText(text, "file", "T").video === undefined;
		},
	},
	{
		name: "description line of spaces",
		where: "description-chapters.ts",
		base: 500,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) =>
			descriptionChapters(`0:00 Intro\n1:00 Middle${spaces(n)}\n${spaces(n)}\n2:00 End`)
				.map((c) => c.title)
				.join("|") === "Intro|Middle|End",
	},
	{
		name: "`[0:00](https://x?` repeated",
		where: "earlier-summary.ts",
		base: 200,
		unit: "repeats",
		most: 1000,
		tested: 100,
		run: (n) => transcriptFromSummary("[0:00](https://x?".repeat(n)) === null,
	},
	{
		name: "WebVTT, two cues of many lines",
		where: "parse-vtt.ts",
		base: 500,
		unit: "lines per cue",
		most: 1000,
		tested: 400,
		run: (n) => {
			const cue = (from: number) => Array.from({ length: n }, (_, i) => `line ${from + i}`).join("\n");
			const segments = parseVtt(`WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${cue(0)}\n\n00:00:01.000 --> 00:00:02.000\n${cue(n)}\n`);
			return segments.length === 2 && segments[1]?.text.split(" ").length === 2 * n;
		},
	},
	{
		name: "merge answer: heading + spaces",
		where: "read-merge.ts HEADING",
		base: 1_000,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) => {
			const sections = [section("One", 0), section("Two", 60)];
			const merged = readMerge(`## a${spaces(n)}x\n## Both [S1-S2]${spaces(n)}\n- point`, sections, (text) => ({ text, quotes: [] }) as never);
			return merged.length === 1 && merged[0]?.title === "Both";
		},
	},
	{
		name: "heading with spaces",
		where: "read-heading.ts",
		base: 1_000,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) => {
			const heading = readHeading(`Intro${spaces(n)}x (1:00${spaces(n)}`);
			return heading.title === "Intro x" && heading.start === 60;
		},
	},
	{
		name: "reasoning and fences with spaces",
		where: "unwrap-answer.ts",
		base: 1_000,
		unit: "spaces",
		most: 1000,
		tested: 100,
		run: (n) => unwrapAnswer(`<think>${spaces(n)}\n\`\`\`${spaces(n)}x\n## Intro 0:00\ntext`) === "## Intro 0:00\ntext",
	},
];
