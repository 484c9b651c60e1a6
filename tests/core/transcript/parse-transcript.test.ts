import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript, parseTranscriptPausing } from "../../../src/core/transcript/parse-transcript";
import { exampleInput } from "../../support/prompt-example";
import { syntheticTranscriptText } from "../../support/synthetic-transcript";

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

describe("whitespace in segments", () => {
	it("tidies every kind of untidy segment and leaves tidy ones as they are", () => {
		const untidy = ["so\tthe plan", " so the plan", "so the plan ", "so  the plan", "so\u00a0the plan", "so the\fplan"];
		const text = [...untidy, "so the plan"].map((speech, i) => `0:${String(i * 5).padStart(2, "0")} ${speech} is to plant beans in rows of twelve`).join("\n");
		expect(parseTranscript(text).segments.map((s) => s.text)).toEqual(Array.from({ length: 7 }, () => "so the plan is to plant beans in rows of twelve"));
	});
});

describe("parseTranscriptPausing", () => {
	const inputs: [string, string][] = [
		["workshop.srt", fixture("transcripts/workshop.srt")],
		["sourdough-auto-captions.vtt", fixture("transcripts/sourdough-auto-captions.vtt")],
		["garden-youtube-lines.txt", fixture("transcripts/garden-youtube-lines.txt")],
		["bakery-podcast.md", fixture("transcripts/bakery-podcast.md")],
		["the inline example", example],
		["two hours of timestamped lines", syntheticTranscriptText({ seconds: 7200, seed: 3 })],
	];
	it.each(inputs)("reads %s as parseTranscript does", async (_, text) => {
		expect(await parseTranscriptPausing(text, () => Promise.resolve())).toEqual(parseTranscript(text));
	});

	it("gives the event loop turns while it reads a line-based transcript", async () => {
		let pauses = 0;
		await parseTranscriptPausing(syntheticTranscriptText({ seconds: 600 }), async () => {
			pauses++;
			await new Promise((resolve) => setTimeout(resolve, 0));
		});
		expect(pauses).toBeGreaterThanOrEqual(5);
	});

	it("refuses what parseTranscript refuses, with the same error", async () => {
		await expect(parseTranscriptPausing("0:00 too short", () => Promise.resolve())).rejects.toThrow(/^Only 3 words of transcript found/);
		await expect(parseTranscriptPausing("%PDF-1.7\u0000\u0001\u0002", () => Promise.resolve())).rejects.toThrow(/does not look like text/);
	});
});
