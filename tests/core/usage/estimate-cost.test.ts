import { describe, expect, it } from "vitest";

import { estimateCost, estimateRun, formatCost } from "../../../src/core/usage/estimate-cost";

describe("estimateCost", () => {
	it("prices prompt and answer tokens separately, per million", () => {
		expect(estimateCost({ promptTokens: 1_000_000, completionTokens: 0 }, { input: 0.4, output: 1.6 })).toBeCloseTo(0.4, 10);
		expect(estimateCost({ promptTokens: 50_000, completionTokens: 4_000 }, { input: 0.4, output: 1.6 })).toBeCloseTo(0.0264, 10);
	});

	it("prices cached prompt tokens at the cached rate, and at the input rate when the price has none", () => {
		const usage = { promptTokens: 100_000, completionTokens: 1_000, cachedPromptTokens: 80_000 };
		expect(estimateCost(usage, { input: 0.4, output: 1.6, cachedInput: 0.1 })).toBeCloseTo((20_000 * 0.4 + 80_000 * 0.1 + 1_000 * 1.6) / 1e6, 12);
		expect(estimateCost(usage, { input: 0.4, output: 1.6 })).toBeCloseTo((100_000 * 0.4 + 1_000 * 1.6) / 1e6, 12);
		// A report of more cached tokens than the prompt had counts the whole prompt as cached, no more.
		expect(estimateCost({ ...usage, cachedPromptTokens: 200_000 }, { input: 0.4, output: 1.6, cachedInput: 0.1 })).toBeCloseTo(
			(100_000 * 0.1 + 1_000 * 1.6) / 1e6,
			12,
		);
	});

	it("is free at a zero price and unknown without a price", () => {
		expect(estimateCost({ promptTokens: 50_000, completionTokens: 4_000 }, { input: 0, output: 0 })).toBe(0);
		expect(estimateCost({ promptTokens: 50_000, completionTokens: 4_000 }, null)).toBeNull();
	});
});

describe("formatCost", () => {
	it.each([
		[0, "$0"],
		[0.0004, "< $0.001"],
		[0.001, "$0.001"],
		[0.0123, "$0.0123"],
		[0.012345, "$0.0123"],
		[0.05, "$0.05"],
		[0.1, "$0.10"],
		[0.256, "$0.26"],
		[1.5, "$1.50"],
		[1234.5, "$1,234.50"],
		[-1, "unknown"],
		[Number.NaN, "unknown"],
	])("writes %s dollars as %s", (dollars, text) => {
		expect(formatCost(dollars)).toBe(text);
	});
});

describe("estimateRun", () => {
	it("counts one call for one chunk: the prompt, the transcript and one answer", () => {
		expect(estimateRun(20_000, 1, 5_000)).toEqual({ promptTokens: 25_000, completionTokens: 2_000, calls: 1 });
	});

	it("caps and floors one answer at what a summary takes", () => {
		expect(estimateRun(500, 1, 0).completionTokens).toBe(1_000);
		expect(estimateRun(200_000, 1, 0).completionTokens).toBe(4_096);
	});

	it("counts a map call per chunk, each with the prompt, and a reduce call reading every answer", () => {
		// 10 maps of 5k transcript tokens: 10 × (6k prompt) + 50k; each answer 1k; reduce reads 6k + 10k.
		expect(estimateRun(50_000, 10, 6_000)).toEqual({ promptTokens: 10 * 6_000 + 50_000 + 6_000 + 10_000, completionTokens: 10_000 + 4_096, calls: 11 });
	});

	it("costs more as map-reduce than as one call for the same transcript", () => {
		const one = estimateRun(50_000, 1, 6_000);
		const many = estimateRun(50_000, 10, 6_000);
		expect(many.promptTokens).toBeGreaterThan(one.promptTokens);
		expect(many.completionTokens).toBeGreaterThan(one.completionTokens);
	});

	it("treats a chunk count below one as one call", () => {
		expect(estimateRun(10_000, 0, 1_000)).toEqual(estimateRun(10_000, 1, 1_000));
	});
});
