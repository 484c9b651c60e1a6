import { describe, expect, it } from "vitest";

import { captionText, decodeEntities } from "../../../src/core/youtube/caption-text";
import { parseCaptionBody, sniffCaptionFormat } from "../../../src/core/youtube/parse-captions";
import { tidyCues } from "../../../src/core/youtube/tidy-cues";
import { fixture } from "../../support/fake-youtube";

function segmentsOf(body: string) {
	const parsed = parseCaptionBody(body);
	if (!parsed) throw new Error("not a caption body");
	return { format: parsed.format, cues: parsed.cues, segments: tidyCues(parsed.cues) };
}

describe("format sniffing", () => {
	it("tells the three formats apart by their first bytes, not by the fmt= asked for", () => {
		expect(sniffCaptionFormat(fixture("timedtext/json3_asr_en_anderlaw.json"))).toBe("json3");
		expect(sniffCaptionFormat(fixture("timedtext/srv3_manual_en_rwby.xml"))).toBe("srv3");
		expect(sniffCaptionFormat(fixture("timedtext/srv1_classic_jdepoix_edited.xml"))).toBe("srv1");
		expect(sniffCaptionFormat("")).toBeUndefined();
		expect(sniffCaptionFormat("<html><body>Sorry</body></html>")).toBeUndefined();
		expect(sniffCaptionFormat('{"events": []}')).toBeUndefined();
		expect(parseCaptionBody("<html></html>")).toBeUndefined();
		expect(parseCaptionBody('{"wireMagic":"pb3", "events": ')).toBeUndefined();
	});
});

describe("srv1 (seconds)", () => {
	it("reads jdepoix's sample: seconds, entity-encoded tags stripped, the empty cue dropped", () => {
		const { format, cues, segments } = segmentsOf(fixture("timedtext/srv1_classic_jdepoix_edited.xml"));
		expect(format).toBe("srv1");
		expect(cues).toHaveLength(4);
		expect(segments).toEqual([
			{ start: 0, text: "Hey, this is just a test" },
			{ start: 1.54, text: "this is not the original transcript" },
			{ start: 5.7, text: "just something shorter, I made up for testing" },
		]);
	});

	it("drops roll-up repeats and sound-only cues, keeps a word said twice with a pause, decodes double-encoded entities", () => {
		expect(segmentsOf(fixture("handmade/srv1_rollup.xml")).segments).toEqual([
			{ start: 2.6, text: "welcome back to the kitchen" },
			{ start: 5.8, text: "today we knead the dough" },
			{ start: 8.9, text: "for ten minutes" },
			{ start: 20, text: "No." },
			{ start: 23, text: "No." },
			{ start: 24, text: '"Rest" it & wait' },
		]);
	});
});

describe("srv3 (milliseconds)", () => {
	it("reads the RWBY captions in seconds, joins lines, decodes &#39; and &quot;", () => {
		const { format, segments } = segmentsOf(fixture("timedtext/srv3_manual_en_rwby.xml"));
		expect(format).toBe("srv3");
		expect(segments).toHaveLength(198);
		expect(segments.slice(0, 4)).toEqual([
			{ start: 3.934, text: "Narrator: Legends." },
			{ start: 5.4, text: "Stories scattered through time." },
			{ start: 8.3, text: "Mankind has grown quite fond of recounting the exploits" },
			{ start: 11.66, text: "of heroes and villains, forgetting so easily" },
		]);
		expect(segments[11]).toEqual({ start: 41.746, text: "on returning man's brief existence to the void." });
		expect(segments[16]).toEqual({ start: 59.9, text: 'This power was appropriately named, "Dust".' });
		expect(segments[segments.length - 1]).toEqual({ start: 727.28, text: "♪ And victory is in a simple soul. ♪♪♪" });
		expect(segments.every((s) => !/[<>]|&[#a-z0-9]+;/i.test(s.text))).toBe(true);
		expect(segments.filter((s, i) => i > 0 && segments[i - 1]?.text === s.text)).toEqual([]);
	});

	it("reads ASR word spans, skips append paragraphs and [Music], decodes named, decimal, hex and double-encoded entities", () => {
		expect(segmentsOf(fixture("handmade/srv3_asr_words.xml")).segments).toEqual([
			{ start: 2.48, text: "so today we're baking" },
			{ start: 4.64, text: "bread it's café style" },
			{ start: 6.64, text: "don’t worry… 3 < 5" },
		]);
	});
});

describe("json3 (milliseconds)", () => {
	it("reads anderlaw's ASR captions: aAppend newlines and the window event skipped, times in seconds", () => {
		const { format, cues, segments } = segmentsOf(fixture("timedtext/json3_asr_en_anderlaw.json"));
		expect(format).toBe("json3");
		expect(cues).toHaveLength(402);
		expect(segments).toHaveLength(402);
		expect(segments.slice(0, 3)).toEqual([
			{ start: 2.399, text: "hey in today's lesson I'm going to help" },
			{ start: 4.44, text: "you finally think and then speak English" },
			{ start: 9.2, text: "when you're trying to be a fluent" },
		]);
		expect(segments[segments.length - 1]).toEqual({ start: 1208.799, text: "to you in the next lesson" });
		expect(segments.some((s) => s.text.includes("\n") || s.text === "")).toBe(false);
		expect(segments.filter((s, i) => i > 0 && segments[i - 1]?.text === s.text)).toEqual([]);
	});
});

describe("the three formats agree", () => {
	const srv3 = fixture("handmade/srv3_asr_words.xml");
	const srv1 = `<?xml version="1.0" encoding="utf-8" ?><transcript><text start="0" dur="2.48">[Music]</text><text start="2.48" dur="4.16">so today we&amp;#39;re baking</text><text start="4.64" dur="4.32">bread it&amp;amp;#39;s caf&amp;#233; style</text><text start="6.64" dur="3">don&amp;#x2019;t worry&amp;hellip; 3 &amp;lt; 5</text></transcript>`;
	const json3 = JSON.stringify({
		wireMagic: "pb3",
		events: [
			{ tStartMs: 0, dDurationMs: 9640, id: 1, wpWinPosId: 1, wsWinStyleId: 1 },
			{ tStartMs: 0, dDurationMs: 2480, wWinId: 1, segs: [{ utf8: "[Music]" }] },
			{
				tStartMs: 2480,
				dDurationMs: 4160,
				wWinId: 1,
				segs: [{ utf8: "so" }, { utf8: " today", tOffsetMs: 240 }, { utf8: " we're", tOffsetMs: 560 }, { utf8: " baking", tOffsetMs: 880 }],
			},
			{ tStartMs: 4630, dDurationMs: 2010, wWinId: 1, aAppend: 1, segs: [{ utf8: "\n" }] },
			{ tStartMs: 4640, dDurationMs: 4320, wWinId: 1, segs: [{ utf8: "bread" }, { utf8: " it&#39;s" }, { utf8: " café" }, { utf8: " style" }] },
			{ tStartMs: 6640, dDurationMs: 3000, wWinId: 1, segs: [{ utf8: "don’t" }, { utf8: " worry…" }, { utf8: " 3 < 5" }] },
		],
	});

	it("gives identical segments for the same captions in srv1, srv3 and json3", () => {
		const expected = segmentsOf(srv3).segments;
		expect(expected).toHaveLength(3);
		expect(segmentsOf(srv1).segments).toEqual(expected);
		expect(segmentsOf(json3).segments).toEqual(expected);
	});
});

describe("caption text", () => {
	it("decodes named, decimal, hex and nested entities, and leaves unknown ones", () => {
		expect(decodeEntities("Tom &amp; Jerry &#233;t&#xE9; &quot;x&quot; &amp;#39;s &amp;amp;amp; &bogus; &#0;")).toBe(`Tom & Jerry été "x" 's & &bogus; &#0;`);
	});

	it("strips tags but keeps a lone < in speech", () => {
		expect(captionText('I &lt;3 this &lt;i>really&lt;/i> <font color="#E5E5E5">much</font>, 1 &lt; 2')).toBe("I <3 this really much, 1 < 2");
	});
});
