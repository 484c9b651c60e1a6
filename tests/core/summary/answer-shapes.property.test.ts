import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { renderNote } from "../../../src/core/note/render-note";
import { checkSummary } from "../../../src/core/summary/check-summary";
import { readAnswer } from "../../../src/core/summary/read-answer";
import { formatClock } from "../../../src/core/time";
import { INVENTED_QUOTE, judgeNote, KNOWN_SECTIONS, VIDEO_ID } from "../../support/answer-corpus";
import { exampleTranscript } from "../../support/prompt-example";

/**
 * The corpus's known content written in random combinations of the shapes models use: heading, time, range,
 * label, quote and summary formats per section, with or without reasoning, chatter, overview and takeaways.
 * Each answer is read, checked against the transcript and rendered, and the note is judged like the corpus's.
 */

const SEED = 20261202;
const RUNS = 300;
const LAST_START = 535;

const pad = (n: number) => String(n).padStart(2, "0");
const TIMES = {
	short: (s: number) => formatClock(s),
	padded: (s: number) => `${pad(Math.floor(s / 60))}:${pad(s % 60)}`,
	hours: (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`,
};
const DASHES = [" - ", " – ", "–", " — ", " to "];

interface Shape {
	heading: "h2" | "h3" | "h4" | "bold" | "bold-title" | "gemini" | "numbered" | "bullet-bold-time" | "label-line";
	time: keyof typeof TIMES;
	dash: string;
	startOnly: boolean;
	bracket: "()" | "[]" | "";
	label: "Quotes:" | "**Key Quotes:**" | "💬 **Key quotes:**" | "#### Notable quotes" | "Zitate:" | "none";
	quote: "numbered" | "bullet-curly" | "blockquote" | "blockquote-bare" | "bare-time" | "attributed";
	summary: "plain" | "bullet" | "numbered" | "lead-in" | "inline-quote";
}

const shape: fc.Arbitrary<Shape> = fc.record({
	heading: fc.constantFrom("h2", "h3", "h4", "bold", "bold-title", "gemini", "numbered", "bullet-bold-time", "label-line"),
	time: fc.constantFrom("short", "padded", "hours"),
	dash: fc.constantFrom(...DASHES),
	startOnly: fc.boolean(),
	bracket: fc.constantFrom("()", "[]", ""),
	label: fc.constantFrom("Quotes:", "**Key Quotes:**", "💬 **Key quotes:**", "#### Notable quotes", "Zitate:", "none"),
	quote: fc.constantFrom("numbered", "bullet-curly", "blockquote", "blockquote-bare", "bare-time", "attributed"),
	summary: fc.constantFrom("plain", "bullet", "numbered", "lead-in", "inline-quote"),
});

interface Frame {
	reasoning: "none" | "closed" | "open" | "close-only";
	preamble: boolean;
	closing: boolean;
	overview: boolean;
	takeaways: boolean;
	summaryTag: boolean;
}

const frame: fc.Arbitrary<Frame> = fc.record({
	reasoning: fc.constantFrom("none", "closed", "open", "close-only"),
	preamble: fc.boolean(),
	closing: fc.boolean(),
	overview: fc.boolean(),
	takeaways: fc.boolean(),
	summaryTag: fc.boolean(),
});

const REPUNCTUATED = "So basically, what we're doing can best be sort of understood as kind of a compression of a good chunk of Internet.";

function sectionText(index: number, s: Shape): string {
	const known = KNOWN_SECTIONS[index];
	if (known === undefined) throw new Error("no such section");
	const end = KNOWN_SECTIONS[index + 1]?.start ?? LAST_START;
	const time = TIMES[s.time];
	// A list line is a section only with a range: a single time there is a summary point citing it.
	const startOnly = s.startOnly && !["numbered", "bullet-bold-time"].includes(s.heading);
	const bare = startOnly ? time(known.start) : `${time(known.start)}${s.dash}${time(end)}`;
	const range = s.bracket === "" ? bare : `${s.bracket[0]}${bare}${s.bracket[1]}`;
	const title = known.title;
	const heading = {
		h2: `## ${title} ${range}`,
		h3: `### ${title} ${range}`,
		h4: `#### ${range} ${title}`,
		bold: `**${title} ${range}**`,
		"bold-title": `**${title}** ${range}`,
		gemini: `**${bare}: ${title}**`,
		numbered: `${index + 1}. ${title} (${bare})`,
		"bullet-bold-time": `- **${bare}** ${title}`,
		"label-line": `### ${title}\n**Timestamp:** ${bare}`,
	}[s.heading];
	const summary = {
		plain: known.summary,
		bullet: `- ${known.summary}`,
		numbered: `1. ${known.summary}`,
		"lead-in": `- **In short:** ${known.summary}`,
		// The section's first quote, cited inside the summary's own sentence.
		"inline-quote": `- ${known.summary} In his words, “${known.quotes[0]?.words ?? ""}”.`,
	}[s.summary];
	const words = known.quotes.map((q) => (q.at === 268 ? REPUNCTUATED : q.words));
	if (index === 2) words.push(INVENTED_QUOTE);
	const quoteLines = words.map((w, i) => {
		const at = formatClock(known.quotes[i]?.at ?? known.start);
		return {
			numbered: `${i + 1}. "${w}"`,
			"bullet-curly": `- “${w}”`,
			blockquote: `> "${w}"`,
			"blockquote-bare": `> ${w}\n>\n> — Andrej Karpathy`,
			"bare-time": `"${w}" — ${at}`,
			attributed: `- "${w}" — *Andrej Karpathy* (${at})`,
		}[s.quote];
	});
	// Blockquotes of different quotes are told apart by a blank line, as models write them.
	const joiner = s.quote.startsWith("blockquote") ? "\n\n" : "\n";
	const label = s.label === "none" ? "" : `${s.label}\n`;
	return `${heading}\n${summary}\n\n${label}${quoteLines.join(joiner)}`;
}

function answerText(shapes: Shape[], f: Frame): string {
	const parts: string[] = [];
	if (f.preamble) parts.push("Here is a structured summary of the talk, section by section:");
	if (f.overview) parts.push("## Overview\nAndrej gives a short, non-technical introduction to large language models.");
	shapes.forEach((s, i) => parts.push(sectionText(i, s)));
	if (f.takeaways) parts.push("**Key Takeaways**\n- Models are small to run and costly to train.\n- Prediction forces understanding.");
	if (f.closing) parts.push("---\nI hope this helps! Let me know if you'd like me to expand on any section.");
	let body = parts.join("\n\n");
	if (f.summaryTag) body = `<summary>\n${body}\n</summary>`;
	const plan = "I will write four sections with times, a summary and the quotes.";
	return {
		none: body,
		closed: `<think>\n${plan}\n</think>\n\n${body}`,
		open: `<think>\n${plan}\n\n${body}`,
		"close-only": `${plan}\n</think>\n\n${body}`,
	}[f.reasoning];
}

function noteOf(answer: string): string {
	const reading = readAnswer(answer);
	if (!reading.ok) return `---\n---\nunreadable: ${reading.shown}`;
	return renderNote({
		title: "Intro to LLMs",
		video: { id: VIDEO_ID },
		sections: checkSummary(reading.sections, exampleTranscript),
		timed: true,
		created: "2026-12-02T10:00:00.000Z",
		model: "m",
		source: "s",
	});
}

describe("answer shapes in random combinations", () => {
	it(`give the known note every time (${RUNS} answers, seed ${SEED})`, () => {
		fc.assert(
			fc.property(fc.tuple(shape, shape, shape, shape), frame, (shapes, f) => {
				const answer = answerText(shapes, f);
				const problems = judgeNote(
					noteOf(answer),
					KNOWN_SECTIONS.map((s) => s.title),
					true,
				);
				expect(problems, answer).toEqual([]);
			}),
			{ seed: SEED, numRuns: RUNS },
		);
	});
});
