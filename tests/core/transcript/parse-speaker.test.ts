import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";
import { sharedTranscript } from "../../support/shared-transcripts";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), "utf8");

describe("speaker-labelled transcripts", () => {
	it("reads the podcast excerpt: frontmatter and headings skipped, speakers kept", () => {
		const t = parseTranscript(fixture("bakery-podcast.md"));
		expect(t.format).toBe("speaker");
		expect(t.timed).toBe(true);
		expect(t.chapters).toEqual([]);
		expect(t.segments).toEqual([
			{ start: 0, speaker: "Mara Quist", text: "Bread is patient. If you rush it, it tells you the next morning." },
			{ start: 6, speaker: "Host", text: "Welcome to the show. When does your day start?" },
			{
				start: 9,
				speaker: "Mara Quist",
				text: "We meet at 3:30 am, every single day, and the first thing we do is feed the starter. It took me ten years to stop hating the alarm.",
			},
			// A stamp without a name continues the last speaker.
			{ start: 75, speaker: "Mara Quist", text: "Sorry, the oven timer. Where was I?" },
			{ start: 3723, speaker: "Host", text: "That is all we have time for. Thank you for coming on." },
		]);
	});

	it("reads `Name 00:12:34` and `[00:12:34] Name: text`", () => {
		const bare = [
			"Ines Duarte 00:00:00",
			"Thanks for having me on the show today, it is a real pleasure.",
			"Tom 00:00:04",
			"Let us start with the ferry strike and what it means for the islands.",
			"Ines Duarte 00:00:11",
			"It means nobody gets fresh bread on Tuesdays.",
		].join("\n");
		const leading = [
			"[00:00:00] Ines Duarte: Thanks for having me on the show today, it is a real pleasure.",
			"[00:00:04] Tom: Let us start with the ferry strike and what it means for the islands.",
			"[00:00:11] Ines Duarte: It means nobody gets fresh bread on Tuesdays.",
		].join("\n");
		const expected = [
			{ start: 0, speaker: "Ines Duarte", text: "Thanks for having me on the show today, it is a real pleasure." },
			{ start: 4, speaker: "Tom", text: "Let us start with the ferry strike and what it means for the islands." },
			{ start: 11, speaker: "Ines Duarte", text: "It means nobody gets fresh bread on Tuesdays." },
		];
		for (const text of [bare, leading]) {
			const t = parseTranscript(text);
			expect(t.format).toBe("speaker");
			expect(t.segments).toEqual(expected);
		}
	});

	it("splits at a speaker line whose time runs backwards, keeping the order", () => {
		const text = [
			"Ana (00:10:00):",
			"So the first batch was ready at dawn and we sold out by nine in the morning.",
			"Ben (00:10:09):",
			"Nine? That is early for a bakery in this part of town, even on a market day.",
			"Ana (00:10:08):",
			"We were lucky with the weather.",
		].join("\n");
		expect(parseTranscript(text).segments).toEqual([
			{ start: 600, speaker: "Ana", text: "So the first batch was ready at dawn and we sold out by nine in the morning." },
			// Of 00:10:09 and 00:10:08 only one can rise; the other is kept within its neighbours' times.
			{ start: 608, speaker: "Ben", text: "Nine? That is early for a bakery in this part of town, even on a market day." },
			{ start: 608, speaker: "Ana", text: "We were lucky with the weather." },
		]);
	});

	it("keeps each of several stray speaker lines in a row between the rising times around them", () => {
		const said = [
			"We opened the doors at six in the morning.",
			"The queue was already long by then.",
			"It rained hard at noon for an hour.",
			"So we closed early that afternoon.",
			"Then we counted what was left over.",
			"And finally we all went home to sleep.",
		];
		const times = ["00:10:00", "00:10:50", "00:10:40", "00:10:10", "00:10:20", "00:11:00"];
		const text = times.flatMap((time, i) => [`${i % 2 === 0 ? "Ana" : "Ben"} (${time}):`, said[i] ?? ""]).join("\n");
		// 10:50 and 10:40 break the rise 10:00, 10:10, 10:20, 11:00: each is kept at the next rising time, 10:10.
		expect(parseTranscript(text).segments.map((s) => [s.start, s.text])).toEqual([
			[600, said[0]],
			[610, said[1]],
			[610, said[2]],
			[610, said[3]],
			[620, said[4]],
			[660, said[5]],
		]);
	});
});

const longTranscript = sharedTranscript("lenny_guillermo-rauch_88min.md");

describe.skipIf(!longTranscript.present)(`a real 88-minute podcast transcript (local only)${longTranscript.missing}`, () => {
	it("reads every speaker paragraph in order", () => {
		const text = readFileSync(longTranscript.path, "utf8");
		const t = parseTranscript(text);
		const heads = text.match(/^.*\(\d\d:\d\d:\d\d\):$/gm) ?? [];
		expect(t.format).toBe("speaker");
		expect(t.segments).toHaveLength(heads.length);
		expect(t.segments.every((s) => s.speaker !== undefined && !/\(\d\d:\d\d:\d\d\)/.test(s.text))).toBe(true);
		t.segments.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThanOrEqual(t.segments[i]?.start ?? Infinity));
		expect(t.segments[0]).toEqual({ start: 0, speaker: "Guillermo Rauch", text: "One of our users yesterday submitted feedback." });
		expect(t.segments[t.segments.length - 1]?.start).toBe(5239);
	});
});
