import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), "utf8");

describe("WebVTT", () => {
	it("says each line of YouTube's roll-up auto-captions once, at the cue where it first appears", () => {
		const t = parseTranscript(fixture("sourdough-auto-captions.vtt"));
		expect(t.format).toBe("vtt");
		expect(t.timed).toBe(true);
		expect(t.segments).toEqual([
			{ start: 0, text: "so today we're going to talk about" },
			{ start: 2.32, text: "sourdough starters and why they fail" },
			{ start: 5.04, text: "the first thing is flour & water" },
			{ start: 8.16, text: "at the same temperature every single day" },
			{ start: 11.5, text: "and a warm spot away from the window" },
		]);
	});

	it("skips NOTE, STYLE and REGION blocks and cue identifiers, keeps voices as speakers", () => {
		const t = parseTranscript(fixture("kitchen-interview.vtt"));
		expect(t.format).toBe("vtt");
		expect(t.segments).toEqual([
			{ start: 0, speaker: "Ana", text: "Welcome to the kitchen & thanks for coming." },
			{ start: 3.5, speaker: "Ben", text: "It's a pleasure. I brought three knives and a very old whetstone." },
			{ start: 7, speaker: "Ana", text: "Is 3 < 4? Sure \u2014 start with the smallest one." },
			{ start: 3600, speaker: "Ben", text: "Keep the angle low > twenty degrees is too steep for this blade." },
		]);
	});
});
