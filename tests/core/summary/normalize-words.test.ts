import { describe, expect, it } from "vitest";

import { wordsAlike, wordsOf } from "../../../src/core/summary/normalize-words";

describe("wordsOf", () => {
	it("lower-cases, folds accents and apostrophes, splits at other marks and drops fillers", () => {
		const text = "Uh, you’re state-of-the-art — “Café” um isn't";
		const words = wordsOf(text);
		expect(words.map((w) => w.norm)).toEqual(["youre", "state", "of", "the", "art", "cafe", "isnt"]);
		expect(words.map((w) => text.slice(w.from, w.to))).toEqual(["you’re", "state", "of", "the", "art", "Café", "isn't"]);
	});

	it("keeps a letter and its combining accent in one word", () => {
		expect(wordsOf("Cafe\u0301 au lait").map((w) => w.norm)).toEqual(["cafe", "au", "lait"]);
	});
});

describe("wordsAlike", () => {
	it.each([
		["set", "sat"],
		["predition", "prediction"],
		["terab", "terabytes"],
		["parameters", "paramters"],
		["compression", "compresion"],
	])("takes %s for %s", (a, b) => {
		expect(wordsAlike(a, b)).toBe(true);
		expect(wordsAlike(b, a)).toBe(true);
	});

	it.each([
		["the", "they"],
		["chpt", "chatgpt"],
		["6000", "7000"],
		["70b", "7b"],
		["model", "modern"],
		["a", "i"],
	])("keeps %s apart from %s", (a, b) => {
		expect(wordsAlike(a, b)).toBe(false);
	});
});
