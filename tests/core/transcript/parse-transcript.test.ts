import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";
import { exampleInput } from "../../support/prompt-example";

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), "utf8");
const example = exampleInput;

describe("format detection", () => {
	it.each([
		["transcripts/workshop.srt", "srt"],
		["transcripts/sourdough-auto-captions.vtt", "vtt"],
		["transcripts/kitchen-interview.vtt", "vtt"],
		["transcripts/garden-youtube-lines.txt", "youtube-lines"],
		["transcripts/bakery-podcast.md", "speaker"],
	])("reads %s as %s", (path, format) => {
		expect(parseTranscript(fixture(path)).format).toBe(format);
	});

	it("reads a WebVTT file without its header as SRT-like cues", () => {
		const vtt = fixture("transcripts/kitchen-interview.vtt").replace(/^WEBVTT.*\n/, "");
		const t = parseTranscript(vtt);
		expect(t.format).toBe("srt");
		expect(t.segments[0]?.text).toBe("Welcome to the kitchen & thanks for coming.");
	});

	it("reads the inline copy even when it was broken into lines, some of them opening with a stamp", () => {
		let n = 0;
		const wrapped = example.replace(/ (?=\d+:\d\d )/g, () => (++n % 20 === 0 ? "\n" : " "));
		expect(wrapped.match(/^\d+:\d\d /gm)).toHaveLength(4);
		const t = parseTranscript(wrapped);
		expect(t.format).toBe("youtube-inline");
		expect(t.segments).toEqual(parseTranscript(example).segments);
	});

	it("strips frontmatter in every format", () => {
		const front = "---\ntitle: Workshop\nsource: 0:00 --> 0:05\ntime: 0:10\n---\n";
		const t = parseTranscript(front + fixture("transcripts/workshop.srt"));
		expect(t.segments[0]).toEqual({ start: 1, text: "Welcome back to the workshop. Today we are building a bird feeder." });
		const lines = parseTranscript(front + fixture("transcripts/garden-youtube-lines.txt"));
		expect(lines.format).toBe("youtube-lines");
		expect(lines.chapters[0]).toEqual({ start: 0, title: "Welcome and plan" });
	});

	it("collapses whitespace and drops empty segments", () => {
		const text =
			"0:00   so\tthe   plan is simple\n0:04\n0:09 we   plant the   beans in rows of twelve and water them every second evening until the first leaves show and then we wait for summer";
		expect(parseTranscript(text).segments).toEqual([
			{ start: 0, text: "so the plan is simple" },
			{ start: 9, text: "we plant the beans in rows of twelve and water them every second evening until the first leaves show and then we wait for summer" },
		]);
	});
});
