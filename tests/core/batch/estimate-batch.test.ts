import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { DEFAULT_VIDEO_SECONDS, estimateBatch } from "../../../src/core/batch/estimate-batch";
import { estimateTokens } from "../../../src/core/plan/estimate-tokens";
import { timeTaggedTranscript } from "../../../src/core/prompt/time-tagged-transcript";
import { describeBatchEstimate } from "../../../src/core/usage/describe-usage";

const MINI = { input: 0.4, output: 1.6 };
const PROMPT = 4_400;

describe("estimateBatch", () => {
	it("adds up each video's estimate from its length, a default length when unknown, and one planning turn", () => {
		const estimate = estimateBatch({ videos: [{ durationSeconds: 600 }, { durationSeconds: 7_200 }, {}], promptTokens: PROMPT, price: MINI });
		// At 4.4 transcript tokens a second:
		// 10 min: one call, 2,640 transcript tokens + the prompt in, the 1,000-token floor out.
		// 2 h: four parts (30-minute parts, one wave of four), 31,680 tokens + 3 × 30 s of overlap = 32,076;
		//   four calls of prompt + part, answering 1,000 each, then a merge reading the prompt and the 4,000.
		// Unknown: 20 minutes, 5,280 tokens, one call.
		// Planning: the prompt in, 500 out.
		const tenMinutes = { promptTokens: PROMPT + 2_640, completionTokens: 1_000, calls: 1 };
		const twoHours = { promptTokens: 4 * PROMPT + 32_076 + PROMPT + 4_000, completionTokens: 8_000, calls: 5 };
		const unknown = { promptTokens: PROMPT + 5_280, completionTokens: 1_000, calls: 1 };
		const planning = { promptTokens: PROMPT, completionTokens: 500, calls: 1 };
		const parts = [tenMinutes, twoHours, unknown, planning];
		const promptTokens = parts.reduce((n, p) => n + p.promptTokens, 0);
		const completionTokens = parts.reduce((n, p) => n + p.completionTokens, 0);
		expect(estimate).toEqual({
			videos: 3,
			unknownLength: 1,
			promptTokens,
			completionTokens,
			calls: 8,
			cost: (promptTokens * MINI.input + completionTokens * MINI.output) / 1_000_000,
		});
		expect(promptTokens + completionTokens).toBe(89_696);
		expect(describeBatchEstimate(estimate)).toBe("3 videos, about 90,000 tokens, about $0.0485 (1 of unknown length, counted as 20 minutes each)");
	});

	it("counts a video of unknown, zero or broken length as a known one of the default length", () => {
		const known = estimateBatch({ videos: [{ durationSeconds: DEFAULT_VIDEO_SECONDS }], promptTokens: PROMPT, price: null });
		for (const durationSeconds of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(estimateBatch({ videos: [{ durationSeconds }], promptTokens: PROMPT, price: null })).toEqual({ ...known, unknownLength: 1 });
		}
	});

	it("asks no planning turn for a one-shot template, and nothing for no videos", () => {
		const one = { videos: [{ durationSeconds: 600 }], promptTokens: PROMPT, price: MINI };
		const withPlan = estimateBatch(one);
		const without = estimateBatch({ ...one, planning: false });
		expect(withPlan.calls - without.calls).toBe(1);
		expect(withPlan.promptTokens - without.promptTokens).toBe(PROMPT);
		expect(estimateBatch({ videos: [], promptTokens: PROMPT, price: MINI })).toEqual({
			videos: 0,
			unknownLength: 0,
			promptTokens: 0,
			completionTokens: 0,
			calls: 0,
			cost: 0,
		});
	});

	it("counts about the tokens summarize counts for a real video's captions", () => {
		// A 20-minute lecture's auto-generated captions, spoken at 134 words a minute: a little slower than the
		// 150 assumed, so the estimate is a little high (a podcast at 175 would come out a little low).
		const json3 = JSON.parse(readFileSync("tests/fixtures/youtube/timedtext/json3_asr_en_anderlaw.json", "utf8")) as {
			events: { tStartMs: number; dDurationMs?: number; segs?: { utf8: string }[] }[];
		};
		const segments = json3.events.flatMap((e) => {
			const text = (e.segs ?? [])
				.map((s) => s.utf8)
				.join("")
				.replace(/\s+/g, " ")
				.trim();
			return text ? [{ start: e.tStartMs / 1000, text }] : [];
		});
		const seconds = Math.max(...json3.events.map((e) => (e.tStartMs + (e.dDurationMs ?? 0)) / 1000));
		const sent = estimateTokens(timeTaggedTranscript({ segments, timed: true, format: "timestamped-lines", chapters: [] }));
		const estimated = estimateBatch({ videos: [{ durationSeconds: seconds }], promptTokens: 0, price: null, planning: false }).promptTokens;
		expect(Math.round(seconds)).toBe(1_213);
		expect(estimated / sent).toBeGreaterThan(1);
		expect(estimated / sent).toBeLessThan(1.35);
	});
});

describe("describeBatchEstimate", () => {
	it("says the videos, the tokens to two digits and the cost when known", () => {
		const base = { videos: 12, unknownLength: 0, promptTokens: 380_000, completionTokens: 32_347, calls: 30 };
		expect(describeBatchEstimate({ ...base, cost: 0.18 })).toBe("12 videos, about 410,000 tokens, about $0.18");
		expect(describeBatchEstimate({ ...base, cost: null })).toBe("12 videos, about 410,000 tokens");
		expect(describeBatchEstimate({ ...base, cost: 0 })).toBe("12 videos, about 410,000 tokens, at no cost");
		expect(describeBatchEstimate({ ...base, videos: 1, unknownLength: 1, promptTokens: 7_000, completionTokens: 1_000, cost: null })).toBe(
			"1 video, about 8,000 tokens (1 of unknown length, counted as 20 minutes each)",
		);
	});
});
