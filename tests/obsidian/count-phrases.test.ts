import { describe, expect, it } from "vitest";

import { describeEstimate, describeUsage } from "../../src/core/usage/describe-usage";

// The counts Obsidian shows in the run's last notice and in the "Summarize a long video?" dialog.
describe("count phrases shown in Obsidian", () => {
	it("agree with their number", () => {
		expect(describeUsage({ promptTokens: 1, completionTokens: 1 }, null)).toBe("1 token in, 1 out");
		expect(describeUsage({ promptTokens: 2, completionTokens: 1 }, 0)).toBe("2 tokens in, 1 out, at no cost");
		expect(describeEstimate({ promptTokens: 1, completionTokens: 0, calls: 1, cost: null })).toBe("This run will use about 1 token in 1 call.");
		expect(describeEstimate({ promptTokens: 1_000, completionTokens: 234, calls: 2, cost: 0 })).toBe(
			"This run will use about 1,234 tokens in 2 calls, at no cost.",
		);
	});
});
