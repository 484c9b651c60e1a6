import { describe, expect, it } from "vitest";

import { transcriptFromSummary } from "../../../src/core/source/earlier-summary";
import { syntheticTranscriptText } from "../../support/synthetic-transcript";

const url = (t: number) => `https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=${t}s`;

describe("transcriptFromSummary", () => {
	it("reads a selected part of an earlier summary back with each line's own time", () => {
		const selection = [
			`## Training ([4:17–6:39](${url(257)}))`,
			"Training compresses ten terabytes of text.",
			"",
			"Quotes:",
			`1. "you basically take a chunk of the internet" ([4:46](${url(286)}))`,
			`2. "a zip file of the internet" ([5:29](${url(329)}))`,
			`3. "made up words" (unverified)`,
		].join("\n");
		expect(transcriptFromSummary(selection)).toEqual({
			timed: true,
			format: "timestamped-lines",
			chapters: [],
			segments: [
				{ start: 257, text: "Training", said: false },
				{ start: 257, text: "Training compresses ten terabytes of text.", said: false },
				{ start: 286, text: "you basically take a chunk of the internet" },
				{ start: 329, text: "a zip file of the internet" },
				{ start: 329, text: '"made up words"', said: false },
			],
		});
	});
	it("keeps a verified quotation inside a sentence as said at its own time, and the sentence around it as context", () => {
		const selection = [
			`## Two files ([0:24–2:37](${url(24)}))`,
			`He says "a large language model is just two files" ([0:24](${url(24)})) and "it is magic" (unverified).`,
		].join("\n");
		expect(transcriptFromSummary(selection)?.segments).toEqual([
			{ start: 24, text: "Two files", said: false },
			{ start: 24, text: "He says", said: false },
			{ start: 24, text: "a large language model is just two files" },
			{ start: 24, text: 'and "it is magic" .', said: false },
		]);
	});

	it("is null for text without time links", () => {
		expect(transcriptFromSummary("0:00 hello\n0:05 there")).toBeNull();
	});

	it("is null with fewer than two time links that carry a second", () => {
		const video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
		expect(transcriptFromSummary(`## Start ([0:10](${url(10)}))\nThe opening words of the talk.`)).toBeNull();
		expect(transcriptFromSummary(`## Start ([0:10](${url(10)}))\n## Later ([0:20](${video}))\nMore words.`)).toBeNull();
		expect(transcriptFromSummary(`## Start ([0:10](${url(10)})) and [0:20](${url(20)})\nTwo links on one line are one line's time.`)).toBeNull();
		expect(transcriptFromSummary(`${syntheticTranscriptText({ seconds: 3600 })}\nSee [0:10](${url(10)}).`)).toBeNull();
	});

	it("reads time links on lines ended by CRLF, after a long stretch without any", () => {
		const plain = (t: number) => `http://youtu.be/dQw4w9WgXcQ?t=${t}`;
		const text = `${syntheticTranscriptText({ seconds: 3600 })}\r\n## Part ([1:00](${plain(60)}))\r\n1. "the words said there" ([1:05](${plain(65)}))`;
		expect(transcriptFromSummary(text)?.segments).toEqual([
			{ start: 60, text: "Part", said: false },
			{ start: 65, text: "the words said there" },
		]);
	});
});
