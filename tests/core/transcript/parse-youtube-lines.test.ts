import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";
import { exampleInput } from "../../support/prompt-example";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), "utf8");

describe("YouTube's copy with one stamp per line", () => {
	it("reads segments and chapters of the garden video", () => {
		const t = parseTranscript(fixture("garden-youtube-lines.txt"));
		expect(t.format).toBe("youtube-lines");
		expect(t.timed).toBe(true);
		expect(t.segments).toEqual([
			{ start: 0, text: "welcome back everyone today we are planning the" },
			{ start: 4, text: "community garden meeting so grab a coffee" },
			{ start: 9, text: "we meet at 3:30 pm on Thursday by the shed" },
			{ start: 15, text: "bring gloves a spade and a watering can" },
			{ start: 21, text: "if you have one the rest is provided" },
			{ start: 26, text: "by the council who also pay for seeds" },
			{ start: 3598, text: "now the planting order tomatoes go in first" },
			{ start: 3603, text: "then beans along the fence and herbs" },
			{ start: 3609, text: "near the path so people can pick them" },
		]);
		expect(t.chapters).toEqual([
			{ start: 0, title: "Welcome and plan" },
			{ start: 15, title: "Tools" },
			{ start: 3598, title: "Planting" },
		]);
	});

	it("keeps a stamp-only line that breaks the order as speech", () => {
		const text = [
			"0:00",
			"the reading for this sunday is from the gospel of john",
			"0:05",
			"chapter three and the verse is",
			"3:16",
			"0:09",
			"which many people know by heart already",
			"0:14",
			"so let us read it together slowly now",
		].join("\n");
		expect(parseTranscript(text).segments).toEqual([
			{ start: 0, text: "the reading for this sunday is from the gospel of john" },
			{ start: 5, text: "chapter three and the verse is 3:16" },
			{ start: 9, text: "which many people know by heart already" },
			{ start: 14, text: "so let us read it together slowly now" },
		]);
		expect(parseTranscript(text).chapters).toEqual([]);
	});

	it("drops the screen reader's reading of each stamp", () => {
		const text = [
			"0:00",
			"0 seconds",
			"hi everyone and welcome back to the workshop channel today",
			"1:05",
			"1 minute, 5 seconds",
			"we are going to fix a bicycle puncture with",
			"1:10",
			"1 minute, 10 seconds",
			"nothing but a patch kit a tyre lever and a bit of patience",
		].join("\n");
		const t = parseTranscript(text);
		expect(t.segments.map((s) => s.text)).toEqual([
			"hi everyone and welcome back to the workshop channel today",
			"we are going to fix a bicycle puncture with",
			"nothing but a patch kit a tyre lever and a bit of patience",
		]);
		expect(t.chapters).toEqual([]);
	});

	it("takes no chapters when blocks are not one caption line each", () => {
		const text = [
			"0:00",
			"first we talk about the weather",
			"and the forecast",
			"0:10",
			"then about the roads",
			"and the traffic on them",
			"0:20",
			"and last about the news",
			"of the town and its people",
			"Traffic",
			"0:30",
			"thank you all for watching this",
		].join("\n");
		const t = parseTranscript(text);
		expect(t.chapters).toEqual([]);
		expect(t.segments[2]).toEqual({ start: 20, text: "and last about the news of the town and its people Traffic" });
	});
});

describe("the prompt's example transcript, laid out one stamp per line", () => {
	const inline = exampleInput;
	// As YouTube's panel copies it: each stamp on its line, the caption under it, chapter titles on their own line.
	const lines = inline.replace(/ (LLM Inference|LLM Training) (?=\d+:\d\d )/g, "\n$1 ").replace(/(?:^| )(\d+:\d\d) /gm, "\n$1\n");

	it("reads the same segments and chapters as the inline copy", () => {
		const t = parseTranscript(lines);
		expect(t.format).toBe("youtube-lines");
		expect(t.segments).toHaveLength(86);
		expect(t.segments).toEqual(parseTranscript(inline).segments);
		expect(t.segments.find((s) => s.start === 24)?.text.startsWith("language model really")).toBe(true);
		expect(t.chapters).toEqual([
			{ start: 0, title: "Intro: Large Language Model (LLM) talk" },
			{ start: 24, title: "LLM Inference" },
			{ start: 257, title: "LLM Training" },
		]);
	});
});
