import { describe, expect, it } from "vitest";
import { transcriptFromSummary } from "../../../src/core/source/earlier-summary";

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
				{ start: 257, text: "Training" },
				{ start: 257, text: "Training compresses ten terabytes of text." },
				{ start: 286, text: "you basically take a chunk of the internet" },
				{ start: 329, text: "a zip file of the internet" },
				{ start: 329, text: "made up words" },
			],
		});
	});
	it("is null for text without time links", () => {
		expect(transcriptFromSummary("0:00 hello\n0:05 there")).toBeNull();
	});
});
