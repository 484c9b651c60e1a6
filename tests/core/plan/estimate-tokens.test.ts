import { describe, expect, it } from "vitest";

import { CHARS_PER_TOKEN, estimateTokens, tokenWeight } from "../../../src/core/plan/estimate-tokens";

describe("estimateTokens", () => {
	it("counts nothing for empty text", () => {
		expect(estimateTokens("")).toBe(0);
	});

	it("takes 3.5 characters of English as one token, rounding up", () => {
		expect(CHARS_PER_TOKEN).toBe(3.5);
		expect(estimateTokens("a".repeat(350))).toBe(100);
		expect(estimateTokens("a".repeat(351))).toBe(101);
		expect(estimateTokens("hello")).toBe(2);
	});

	it("errs high on scripts that split into more tokens than English", () => {
		const english = "summary ".repeat(50);
		const russian = "резюме ".repeat(50);
		const chinese = "总结".repeat(50);
		expect(estimateTokens(russian)).toBeGreaterThan(russian.length / CHARS_PER_TOKEN);
		expect(estimateTokens(chinese)).toBe(chinese.length);
		expect(estimateTokens(english)).toBe(Math.ceil(english.length / CHARS_PER_TOKEN));
	});

	it("weighs text by its characters, one non-ASCII character among many included", () => {
		expect(tokenWeight("a".repeat(70))).toBe(20);
		expect(tokenWeight(`${"a".repeat(70)}\u0080`)).toBeCloseTo(20 + 1 / 2.5);
		expect(tokenWeight(`${"a".repeat(70)}\u00e9\u2e80`)).toBeCloseTo(20 + 1 / 2.5 + 1);
		expect(tokenWeight("\u{1F600}")).toBe(2);
	});

	it("adds up without rounding each piece when weights are summed", () => {
		const pieces = Array.from({ length: 10 }, () => "ab");
		expect(Math.ceil(pieces.reduce((sum, p) => sum + tokenWeight(p), 0))).toBe(estimateTokens(pieces.join("")));
		expect(pieces.reduce((sum, p) => sum + estimateTokens(p), 0)).toBe(10);
	});
});
