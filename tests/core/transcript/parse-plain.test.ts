import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";

const sentence = (i: number) => `This is sentence number ${i} of a talk about keeping bees in a small city garden.`;

describe("plain text without timestamps", () => {
	it("gives one untimed segment per paragraph", () => {
		const text = `${sentence(1)} ${sentence(2)}\n\n${sentence(3)}\nstill the third paragraph.\n \n${sentence(4)}`;
		const t = parseTranscript(text);
		expect(t).toEqual({
			format: "plain",
			timed: false,
			chapters: [],
			segments: [
				{ start: 0, text: `${sentence(1)} ${sentence(2)}` },
				{ start: 0, text: `${sentence(3)} still the third paragraph.` },
				{ start: 0, text: sentence(4) },
			],
		});
	});

	it("groups sentences to about 300 characters when there are no paragraphs", () => {
		// Each sentence is 82 characters, so four of them pass 300.
		const text = Array.from({ length: 10 }, (_, i) => sentence(i + 1)).join(" ");
		const segments = parseTranscript(text).segments;
		expect(segments.map((s) => s.text)).toEqual([[1, 2, 3, 4].map(sentence).join(" "), [5, 6, 7, 8].map(sentence).join(" "), [9, 10].map(sentence).join(" ")]);
		expect(segments.every((s) => s.start === 0)).toBe(true);
	});

	it("cuts text without sentences after the word that reaches 600 characters", () => {
		const text = Array.from({ length: 200 }, () => "and").join(" ");
		const segments = parseTranscript(text).segments;
		expect(segments.map((s) => s.text.length)).toEqual([603, 195]);
	});

	it("does not take times said in prose for timestamps", () => {
		const text = `We met at 9:00 for breakfast and talked until 10:30 about the hives. ${sentence(1)} ${sentence(2)}`;
		expect(parseTranscript(text).format).toBe("plain");
		// Three rising times, but far fewer than one per 60 words, as a real transcript would have.
		const many = Array.from({ length: 12 }, (_, i) => sentence(i)).join(" ");
		const day = `We met at 9:00 and ate. ${many} Lunch was at 12:15 today. ${many} We left at 17:45 again. ${many}`;
		expect(parseTranscript(day).format).toBe("plain");
	});

	it("reads an earlier summary note without crashing, as plain text", () => {
		const prompt = readFileSync(new URL("../../fixtures/prompt/summarize-youtube-video.prompt.txt", import.meta.url), "utf8");
		const summary = /<example_output>([\s\S]*?)<\/example_output>/.exec(prompt)?.[1] ?? "";
		const t = parseTranscript(summary);
		expect(t.format).toBe("plain");
		expect(t.timed).toBe(false);
		expect(t.segments[0]?.text.startsWith("### What is a large language model? (0:24 - 3:44)")).toBe(true);
	});
});
