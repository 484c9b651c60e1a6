import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";
import { exampleInput } from "../../support/prompt-example";

const example = exampleInput;

describe("YouTube's inline copy: the prompt's example transcript", () => {
	const t = parseTranscript(example);

	it("is read as the inline form, timed", () => {
		expect(t.format).toBe("youtube-inline");
		expect(t.timed).toBe(true);
	});

	it("gives one segment per stamp, in rising order", () => {
		// The example holds 86 stamps, from 0:00 to 8:55.
		expect(t.segments).toHaveLength(86);
		expect(t.segments[85]?.start).toBe(535);
		t.segments.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThan(t.segments[i]?.start ?? Infinity));
	});

	it("reads the first segments exactly", () => {
		expect(t.segments.slice(0, 3)).toEqual([
			{ start: 0, text: "hi everyone so recently I gave a 30-minute talk on large language models just kind of like an intro talk um" },
			{
				start: 6,
				text: "unfortunately that talk was not recorded but a lot of people came to me after the talk and they told me that uh they",
			},
			{
				start: 11,
				text: "really liked the talk so I would just I thought I would just re-record it and basically put it up on YouTube so here",
			},
		]);
		// The chapter title that YouTube pasted before 0:24 is not speech.
		expect(t.segments[3]?.text).toBe("we go the busy person's intro to large language models director Scott okay so let's begin first of all what is a large");
	});

	it("starts 0:24 with the words said there", () => {
		const at24 = t.segments.find((s) => s.start === 24);
		expect(at24?.text.startsWith("language model really well")).toBe(true);
		expect(t.segments.find((s) => s.start === 257)?.text.startsWith("parameters um basically")).toBe(true);
	});

	it("finds the chapters, each at the stamp after its title", () => {
		expect(t.chapters).toEqual([
			{ start: 0, title: "Intro: Large Language Model (LLM) talk" },
			{ start: 24, title: "LLM Inference" },
			{ start: 257, title: "LLM Training" },
		]);
	});
});

describe("YouTube's inline copy: times said in speech", () => {
	const filler = "and we keep on talking about the garden plans for a while";

	it("does not split at a time of day that happens to rise in order", () => {
		const text = `3:20 ${filler} 3:25 so we meet at 3:30 pm by the shed 3:35 ${filler} 3:40 ${filler}`;
		const t = parseTranscript(text);
		expect(t.format).toBe("youtube-inline");
		expect(t.segments.map((s) => s.start)).toEqual([200, 205, 215, 220]);
		expect(t.segments[1]?.text).toBe("so we meet at 3:30 pm by the shed");
	});

	it("does not split at a clock that breaks the order, nor at a score", () => {
		const text = `0:00 ${filler} 0:05 read verse 3:16 with me the score was 2:1 0:10 ${filler} 0:15 ${filler}`;
		const t = parseTranscript(text);
		expect(t.segments).toEqual([
			{ start: 0, text: filler },
			{ start: 5, text: "read verse 3:16 with me the score was 2:1" },
			{ start: 10, text: filler },
			{ start: 15, text: filler },
		]);
	});

	it("reads h:mm:ss past the first hour", () => {
		const text = `59:50 ${filler} 59:56 ${filler} 1:00:02 ${filler} 1:00:09 ${filler}`;
		expect(parseTranscript(text).segments.map((s) => s.start)).toEqual([3590, 3596, 3602, 3609]);
	});

	it("keeps capitalised words as speech when the captions are not lower case", () => {
		const text =
			"0:00 Welcome to the show. Today we talk to Ada Lovelace 0:05 About engines and numbers, and what She Wrote 0:10 Notes that changed How We Compute 0:15 The end of the intro, and now on to the first question of the day.";
		const t = parseTranscript(text);
		expect(t.chapters).toEqual([]);
		expect(t.segments[0]?.text).toBe("Welcome to the show. Today we talk to Ada Lovelace");
	});

	it("takes the pronoun I for lower case, so captions full of it still get chapters, and other words in I for capitals", () => {
		const said = "so I think I'm right and I\u2019ve said it before and I know it";
		const text = `0:00 ${said} Getting Started 0:05 ${said} 0:10 ${said} 0:15 ${said}`;
		expect(parseTranscript(text).chapters).toEqual([{ start: 5, title: "Getting Started" }]);
		const capitalised = text.replace(/\bI\b/g, "Ice");
		expect(parseTranscript(capitalised).chapters).toEqual([]);
	});

	it("is the inline form up to 60 words a stamp, however the words are spaced", () => {
		const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
		const text = (extra: string) => `  0:00 ${words(59)} 0:05 ${words(30)}\n\n${words(29)} 0:10\t${words(59)}${extra}  `;
		expect(parseTranscript(text("")).format).toBe("youtube-inline");
		expect(parseTranscript(text(" more")).format).toBe("plain");
	});
});
