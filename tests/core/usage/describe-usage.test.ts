import { describe, expect, it } from "vitest";

import { describeEstimate, describeUsage } from "../../../src/core/usage/describe-usage";

describe("describeUsage", () => {
	it("says the tokens and, when the price is known, the cost", () => {
		expect(describeUsage({ promptTokens: 10146, completionTokens: 745 }, 0.0123)).toBe("10,146 tokens in, 745 out, about $0.0123");
		expect(describeUsage({ promptTokens: 12, completionTokens: 3, estimated: true }, null)).toBe("12 tokens in, 3 out (estimated)");
		expect(describeUsage({ promptTokens: 12, completionTokens: 3 }, 0)).toBe("12 tokens in, 3 out, at no cost");
		expect(describeUsage({ promptTokens: 10146, completionTokens: 745, cachedPromptTokens: 8192 }, 0.0051)).toBe(
			"10,146 tokens in (8,192 cached), 745 out, about $0.0051",
		);
		expect(describeUsage({ promptTokens: 12, completionTokens: 3, cachedPromptTokens: 0 }, null)).toBe("12 tokens in, 3 out");
	});
});

describe("describeEstimate", () => {
	it("says the size of a run before it starts", () => {
		expect(describeEstimate({ promptTokens: 60_000, completionTokens: 9_000, calls: 12, cost: 1.234 })).toBe(
			"This run will use about 69,000 tokens in 12 calls, about $1.23.",
		);
		expect(describeEstimate({ promptTokens: 1, completionTokens: 1, calls: 1, cost: null })).toBe("This run will use about 2 tokens in 1 call.");
	});
});
