import { describe, expect, it } from "vitest";

import { checkSummary, checkSummaryPausing } from "../../../src/core/summary/check-summary";
import type { ParsedSection, Segment, Transcript } from "../../../src/core/types";
import { exampleOutput, exampleTranscript } from "../../support/prompt-example";
import { sectionsOf } from "../../support/read-sections";

function section(title: string, start: number | null, quotes: string[]): ParsedSection {
	return { title, start, end: null, summary: ["A point."], quotes };
}

function checkOne(quote: string, transcript: Transcript = exampleTranscript) {
	const [checked] = checkSummary([section("S", 0, [quote])], transcript);
	const found = checked?.quotes[0];
	if (found === undefined) throw new Error("no quote came back");
	return found;
}

describe("checkSummary on the prompt's own example", () => {
	const checked = checkSummary(sectionsOf(exampleOutput), exampleTranscript);

	it("verifies all nine quotes and grounds each on the segment where it starts", () => {
		expect(checked.map((s) => s.quotes.map((q) => q.verified))).toEqual([
			[true, true, true],
			[true, true, true],
			[true, true, true],
		]);
		expect(checked.map((s) => s.quotes.map((q) => q.start))).toEqual([
			[24, 75, 157],
			[263, 329, 368],
			[407, 418, 480],
		]);
	});

	it("replaces the model's words with the transcript's, across segments and elisions", () => {
		// The model wrote "the Run file that runs those parameters": one word changed and a four-word aside
		// ("some kind of a code") left out, with nine of its ten words in order. That is a light edit of what
		// was said, not an invention, so it passes, and the note shows what was really said.
		expect(checked[0]?.quotes[0]?.text).toBe(
			"a large language model is just two files … the parameters file and the Run uh some kind of a code that runs those parameters",
		);
		// Caption typos stay as spoken ("competition", "chpt", "set"), fillers the model dropped come back.
		expect(checked[1]?.quotes[0]?.text).toBe(
			"model training is a competition very involved process … you basically take a chunk of the internet that is roughly you should be thinking 10 terab of text",
		);
		expect(checked[1]?.quotes[2]?.text).toBe(
			"if you want to think about state-of-the-art neural networks like say what you might use in chpt or Claude or Bard or something like that uh these numbers are off by factor of 10 or more",
		);
		expect(checked[2]?.quotes[0]?.text).toBe(
			"this neural network basically is just trying to predict the next word in a sequence … so you can feed in a sequence of words for example C set on a this feeds into a neural net",
		);
	});

	it("keeps the sections' times on segment starts, each ending where the next begins", () => {
		expect(checked.map((s) => [s.title, s.start, s.end])).toEqual([
			["What is a large language model?", 24, 257],
			["LLM Training", 257, 400],
			["Next-Word Prediction and Neural Networks", 400, 535],
		]);
	});
});

describe("checkSummary on single quotes", () => {
	it("does not verify invented sentences that share common words with the transcript", () => {
		for (const invented of [
			"The parameters of the neural network are stored in a zip file on the internet.",
			"A large language model is just a file of weights that anyone can train on a laptop in a day.",
			"Training runs today cost billions of dollars and use millions of GPUs for months.",
		]) {
			expect(checkOne(invented)).toEqual({ text: invented, start: null, verified: false });
		}
	});

	it("does not verify a real sentence with its facts changed, nor two real halves from different places", () => {
		// Said: "this is a 70 billion parameter model uh every one of those parameters is stored as 2 bytes and so
		// therefore the parameters file here is 140 gigabytes".
		const changed = "This is a 7 billion parameter model, every one of those weights is saved as 4 bits, and so the weights file is 14 gigabytes.";
		expect(checkOne(changed)).toEqual({ text: changed, start: null, verified: false });
		const spliced = "A large language model is just two files, you need about 6,000 GPUs and you would run this for about 12 days.";
		expect(checkOne(spliced)).toEqual({ text: spliced, start: null, verified: false });
	});

	it("verifies a re-punctuated quote with curly marks and dashes", () => {
		expect(
			checkOne(
				"These parameters are dispersed throughout this neural network — and there’s neurons, and they’re connected to each other; and they all fire in a certain way!",
			),
		).toEqual({
			text: "these parameters are dispersed throughout this neural network and there's neurons and they're connected to each other and they all fire in a certain way",
			start: 418,
			verified: true,
		});
	});

	it("verifies a quote whose caption typo the model fixed, or whose word it cut short", () => {
		expect(checkOne("you need about 6,000 GPUs and you would run this for about 12 days to get a Llama 2 70B")).toMatchObject({
			verified: true,
			start: 313,
		});
		expect(checkOne("you should be thinking 10 terabytes of text this typically comes from like a crawl of the internet")).toMatchObject({
			verified: true,
			start: 286,
		});
	});

	it("wants the pieces of an elided quote in order and close together", () => {
		expect(checkOne("the model architecture was never released... this is unlike many other language models").verified).toBe(false);
		// Both pieces are real, but eight minutes apart.
		expect(checkOne("a large language model is just two files... all this knowledge is being compressed into the weights").verified).toBe(false);
	});

	it("does not let a quote leave out a long stretch without marking it", () => {
		// Seventeen words are missing between the halves; with "..." it would pass.
		const unmarked = "this is unlike many other language models the model architecture was never released";
		expect(checkOne(unmarked).verified).toBe(false);
		expect(checkOne(unmarked.replace("models the", "models... the")).verified).toBe(true);
	});

	it("does not verify a quote with no words", () => {
		expect(checkOne("…")).toEqual({ text: "…", start: null, verified: false });
	});
});

describe("checkSummary on sections", () => {
	const quoteAt407 = "this neural network basically is just trying to predict the next word in a sequence";
	const quoteAt329 = "these parameters that I showed you in an earlier slide are best kind of thought of as like a zip file";
	const quoteAt157 = "you can take these two files and you can take your MacBook and this is a fully self-contained package";

	it("snaps starts to the nearest segment, fills missing ones from quotes and sorts a shuffled answer", () => {
		const checked = checkSummary(
			[
				section("Neural net", 402, [quoteAt407]), // 6:42, between the segments at 6:40 and 6:47
				section("Two files", 25, []),
				section("Zip file", null, [quoteAt329]),
			],
			exampleTranscript,
		);
		expect(checked.map((s) => [s.title, s.start, s.end])).toEqual([
			["Two files", 24, 329],
			["Zip file", 329, 400],
			["Neural net", 400, 535],
		]);
	});

	it("widens a section back to a quote that comes before its start", () => {
		const [checked] = checkSummary([section("Running it", 180, [quoteAt157])], exampleTranscript);
		expect(checked?.start).toBe(157);
	});

	it("keeps a section without time or verified quote right after the one before it", () => {
		const checked = checkSummary([section("Later", 400, []), section("Unplaced", null, ["words nobody said"]), section("Earlier", 24, [])], exampleTranscript);
		expect(checked.map((s) => [s.title, s.start])).toEqual([
			["Earlier", 24],
			["Later", 400],
			["Unplaced", 400],
		]);
	});

	it("gives no times for an untimed transcript and keeps the model's order", () => {
		const untimed: Transcript = {
			...exampleTranscript,
			segments: exampleTranscript.segments.map((s) => ({ ...s, start: 0 })),
			timed: false,
			format: "plain",
		};
		const checked = checkSummary([section("B", 400, [quoteAt407]), section("A", 24, [quoteAt157])], untimed);
		expect(checked.map((s) => [s.title, s.start, s.end])).toEqual([
			["B", null, null],
			["A", null, null],
		]);
		expect(checked[0]?.quotes[0]).toEqual({ text: quoteAt407, start: null, verified: true });
	});
});

describe("checkSummary at scale (its speed is measured in npm run bench)", () => {
	// A deterministic stand-in for a four-hour talk: the example's own words in random order.
	function random(seed: number): () => number {
		let state = seed;
		return () => {
			state = (state * 1664525 + 1013904223) % 4294967296;
			return state / 4294967296;
		};
	}

	it("checks 60 quotes, a quarter of them invented, against a four-hour transcript", () => {
		const next = random(7);
		const vocabulary = exampleTranscript.segments.flatMap((s) => s.text.split(" "));
		const segments: Segment[] = [];
		for (let i = 0; i < 2700; i++) {
			const words = Array.from({ length: 14 }, () => vocabulary[Math.floor(next() * vocabulary.length)] ?? "");
			segments.push({ start: i * 5.3, text: words.join(" ") });
		}
		const transcript: Transcript = { segments, timed: true, format: "youtube", chapters: [] };
		const allWords = segments.flatMap((s) => s.text.split(" "));
		expect(segments.reduce((n, s) => n + s.text.length + 1, 0)).toBeGreaterThan(180_000);

		// The model's own sentences from the example stand for invented quotes: same words, never said.
		const invented = sectionsOf(exampleOutput).flatMap((s) => s.summary);
		const quotes = Array.from({ length: 60 }, (_, i) => {
			const at = Math.floor(next() * (allWords.length - 40));
			const words = allWords.slice(at, at + 30);
			if (i % 4 === 1) return `${words.slice(0, 12).join(" ")}... ${words.slice(18).join(" ")}`;
			if (i % 4 === 2) words[10] = "elephant";
			if (i % 4 === 3) return `${invented[i % invented.length] ?? ""} Number ${i}.`;
			return words.join(" ");
		});
		const sections = [section("All", 0, quotes)];

		const checked = checkSummary(sections, transcript);
		expect(checked[0]?.quotes.map((q) => q.verified)).toEqual(quotes.map((_, i) => i % 4 !== 3));
	});
});

describe("checkSummary duplicates", () => {
	it("keeps a quote once when the model repeats it, even re-punctuated", () => {
		const quoteAt157 = "you can take these two files and you can take your MacBook and this is a fully self-contained package";
		const checked = checkSummary([section("Twice", 157, [quoteAt157, `“${quoteAt157.toUpperCase()}!”`])], exampleTranscript);
		expect(checked[0]?.quotes.map((q) => q.text)).toEqual([checked[0]?.quotes[0]?.text]);
		expect(checked[0]?.quotes.length).toBe(1);
	});
});

describe("checkSummary with quotes said more than once", () => {
	it("takes the occurrence nearest the section's own time", () => {
		const early = checkSummary([section("Early", 24, ["the neural network"])], exampleTranscript);
		const late = checkSummary([section("Late", 420, ["the neural network"])], exampleTranscript);
		expect(early[0]?.quotes[0]?.start).toBeLessThan(200);
		expect(late[0]?.quotes[0]?.start).toBeGreaterThanOrEqual(400);
	});

	it("does not pull a section back over the one before it for a quote that belongs there", () => {
		const quoteAt24 = "a large language model is just two files";
		const checked = checkSummary([section("First", 24, []), section("Second", 400, ["the next word prediction", quoteAt24])], exampleTranscript);
		expect(checked.map((s) => [s.title, s.start])).toEqual([
			["First", 24],
			["Second", 400],
		]);
	});
});

describe("checkSummary on quotations inside the model's sentences", () => {
	it("links a found one where it stands and marks an invented one, dropping the times the model gave them", () => {
		const [checked] = checkSummary(
			[
				{
					title: "S",
					start: 24,
					end: null,
					summary: ['He opens with "a large language model is just two files" (0:25), then "it costs nothing at all" [1:00].'],
					quotes: [],
				},
			],
			exampleTranscript,
		);
		expect(checked?.summary).toEqual([
			[
				"He opens with ",
				{ text: "a large language model is just two files", start: 24, verified: true },
				", then ",
				{ text: "it costs nothing at all", start: null, verified: false },
				".",
			],
		]);
	});
});

describe("checkSummaryPausing", () => {
	it("checks as checkSummary does, with a turn of the event loop once the transcript is indexed and after each section", async () => {
		const sections = sectionsOf(exampleOutput);
		let pauses = 0;
		const checked = await checkSummaryPausing(sections, exampleTranscript, async () => {
			pauses++;
			await new Promise((resolve) => setTimeout(resolve, 0));
		});
		expect(checked).toEqual(checkSummary(sections, exampleTranscript));
		expect(pauses).toBe(sections.length + 1);
	});

	it("does not index a transcript for sections without quotes", async () => {
		const sections = [{ title: "S", start: 24, end: null, summary: ["A point."], quotes: [] }];
		let pauses = 0;
		const checked = await checkSummaryPausing(sections, exampleTranscript, () => Promise.resolve(void pauses++));
		expect(checked).toEqual(checkSummary(sections, exampleTranscript));
		expect(pauses).toBe(1);
	});
});
