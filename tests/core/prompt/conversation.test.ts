import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { isOneShot, languageInstruction, openingMessage, transcriptMessage } from "../../../src/core/prompt/conversation";
import { SEED_TEMPLATE } from "../../../src/core/prompt/seed-template";
import { timeTaggedTranscript } from "../../../src/core/prompt/time-tagged-transcript";
import type { Transcript } from "../../../src/core/types";

const transcript: Transcript = {
	timed: true,
	format: "timestamped-lines",
	chapters: [],
	segments: [
		{ start: 0, text: "hi everyone" },
		{ start: 6, text: "so recently I gave a talk" },
		{ start: 31, text: "a large language model is just two files" },
		{ start: 3725, text: "and that is the end", speaker: "Ann" },
	],
};

describe("the default template", () => {
	it("is the product owner's prompt, byte for byte", () => {
		const seed = readFileSync(new URL("../../fixtures/prompt/summarize-youtube-video.prompt.txt", import.meta.url), "utf8");
		expect(SEED_TEMPLATE).toBe(seed);
	});
	it("is sent as written as the first message, asking the model to plan and ask for the transcript", () => {
		expect(isOneShot(SEED_TEMPLATE)).toBe(false);
		expect(openingMessage(SEED_TEMPLATE, { title: "T", outputLanguage: "" }, transcript)).toEqual({ role: "user", content: SEED_TEMPLATE });
	});
});

describe("timeTaggedTranscript", () => {
	it("tags half-minute blocks with m:ss or h:mm:ss and keeps speakers apart", () => {
		expect(timeTaggedTranscript(transcript)).toBe(
			["[0:00] hi everyone so recently I gave a talk", "[0:31] a large language model is just two files", "[1:02:05] Ann: and that is the end"].join("\n"),
		);
	});
	it("sends an untimed transcript as paragraphs without tags", () => {
		expect(timeTaggedTranscript({ ...transcript, timed: false })).toBe(
			"hi everyone\n\nso recently I gave a talk\n\na large language model is just two files\n\nand that is the end",
		);
	});
});

describe("transcriptMessage", () => {
	it("wraps the tagged transcript and asks for the transcript's language", () => {
		expect(transcriptMessage({ title: "Intro to LLMs", outputLanguage: "" }, transcript).content).toBe(
			[
				"Title: Intro to LLMs",
				"",
				"<transcript>",
				timeTaggedTranscript(transcript),
				"</transcript>",
				"",
				"Each line starts with its time in the video; give every section the time range it covers. The video runs to at least 1:02:05. Quote the transcript's words exactly, without the time tags.",
				"",
				languageInstruction(""),
			].join("\n"),
		);
	});
	it("names the output language when one is set", () => {
		expect(transcriptMessage({ title: "", outputLanguage: "German" }, transcript).content).toContain("Write the <summary> in German");
	});
});

describe("an edited template with placeholders", () => {
	it("fills title, language and transcript and is sent in one message", () => {
		const template = "Summarize {{title}}. {{language}}\n{{transcript}}";
		expect(isOneShot(template)).toBe(true);
		const content = openingMessage(template, { title: "My talk", outputLanguage: "French" }, transcript).content;
		expect(content.startsWith(`Summarize My talk. ${languageInstruction("French")}\n<transcript>\n[0:00] hi everyone`)).toBe(true);
		expect(content).not.toContain("{{");
	});
});
