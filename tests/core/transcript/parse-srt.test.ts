import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";

const srt = readFileSync(new URL("../../fixtures/transcripts/workshop.srt", import.meta.url), "utf8");

const expected = [
	{ start: 1, text: "Welcome back to the workshop. Today we are building a bird feeder." },
	{ start: 4.5, text: "First, measure the cedar board and mark it every twenty centimetres." },
	{ start: 8.3, text: "Cut along the marks & sand the edges so nobody gets a splinter." },
	{ start: 3723.4, text: "That is it for today. Hang the feeder somewhere the cats cannot reach it." },
];

describe("SRT", () => {
	it("reads cues: index lines gone, tags and {\\an8} removed, entities decoded, hours kept", () => {
		const t = parseTranscript(srt);
		expect(t.format).toBe("srt");
		expect(t.timed).toBe(true);
		expect(t.chapters).toEqual([]);
		expect(t.segments).toEqual(expected);
	});

	it("reads Windows line endings and a byte order mark", () => {
		expect(parseTranscript(`\uFEFF${srt.replace(/\n/g, "\r\n")}`).segments).toEqual(expected);
	});

	it("does not take an index for text when the blank line before it is missing", () => {
		const squeezed = srt.replace("splinter.\n\n4\n", "splinter.\n4\n");
		expect(parseTranscript(squeezed).segments).toEqual(expected);
	});

	it("puts cues back in time order", () => {
		const cues = srt.trim().split("\n\n");
		expect(parseTranscript(cues.reverse().join("\n\n")).segments).toEqual(expected);
	});
});
