import { describe, expect, it } from "vitest";

import type { ChatMessage, Completion } from "../../../src/core/model/chat-model";
import { estimateTokens } from "../../../src/core/plan/estimate-tokens";
import { addUsage, callUsage, emptyUsage, estimatePromptTokens, promptWasCut } from "../../../src/core/usage/usage";

const messages: ChatMessage[] = [
	{ role: "user", content: "Summarize this video. ".repeat(20) },
	{ role: "assistant", content: "Please send the transcript." },
	{ role: "user", content: "[0:00] hello and welcome ".repeat(200) },
];

describe("callUsage", () => {
	it("takes the server's counts when it sent them", () => {
		const completion: Completion = { text: "## A section", finishReason: "stop", usage: { promptTokens: 1234, completionTokens: 56 } };
		expect(callUsage(messages, completion)).toEqual({ promptTokens: 1234, completionTokens: 56, cachedPromptTokens: 0, calls: 1, estimated: false });
	});

	it("estimates both counts from the text when the server sent none, and says so", () => {
		const text = "## A section\n\nWhat was said.";
		const usage = callUsage(messages, { text, finishReason: "stop" });
		expect(usage).toEqual({
			promptTokens: estimatePromptTokens(messages),
			completionTokens: estimateTokens(text),
			cachedPromptTokens: 0,
			calls: 1,
			estimated: true,
		});
		expect(usage.promptTokens).toBeGreaterThan(messages.reduce((n, m) => n + m.content.length, 0) / 4);
	});

	it("keeps the cached prompt tokens the server reported, never more than the prompt, and none when the prompt count was estimated", () => {
		const usage = (u: Completion["usage"]) => callUsage(messages, { text: "x", finishReason: "stop", ...(u ? { usage: u } : {}) }).cachedPromptTokens;
		expect(usage({ promptTokens: 4000, completionTokens: 9, cachedPromptTokens: 3840 })).toBe(3840);
		expect(usage({ promptTokens: 4000, completionTokens: 9, cachedPromptTokens: 9000 })).toBe(4000);
		expect(usage({ promptTokens: Number.NaN, completionTokens: 9, cachedPromptTokens: 3840 })).toBe(0);
		expect(usage({ promptTokens: 4000, completionTokens: 9 })).toBe(0);
		expect(usage(undefined)).toBe(0);
	});

	it("estimates only the count that is missing or not a number", () => {
		const usage = callUsage(messages, { text: "abcdefg", finishReason: "stop", usage: { promptTokens: 900, completionTokens: Number.NaN } });
		expect(usage).toEqual({ promptTokens: 900, completionTokens: 2, cachedPromptTokens: 0, calls: 1, estimated: true });
	});
});

describe("addUsage", () => {
	it("adds counts and calls, and stays estimated once any call was", () => {
		const exact = { promptTokens: 100, completionTokens: 10, cachedPromptTokens: 64, calls: 1, estimated: false };
		const guessed = { promptTokens: 50, completionTokens: 5, cachedPromptTokens: 0, calls: 1, estimated: true };
		expect(addUsage(emptyUsage(), exact)).toEqual(exact);
		expect(addUsage(exact, exact)).toEqual({ promptTokens: 200, completionTokens: 20, cachedPromptTokens: 128, calls: 2, estimated: false });
		expect(addUsage(addUsage(exact, guessed), exact)).toEqual({ promptTokens: 250, completionTokens: 25, cachedPromptTokens: 128, calls: 3, estimated: true });
	});

	it("starts from nothing", () => {
		expect(emptyUsage()).toEqual({ promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, calls: 0, estimated: false });
	});
});

describe("promptWasCut", () => {
	const estimate = estimatePromptTokens(messages);
	const answer = (promptTokens: number): Completion => ({ text: "x", finishReason: "stop", usage: { promptTokens, completionTokens: 1 } });

	it("flags a server that read far less than was sent (a local server's small context)", () => {
		expect(promptWasCut(messages, answer(Math.floor(estimate * 0.3)))).toBe(true);
	});

	it("accepts the usual gap between our estimate and a real tokenizer", () => {
		expect(promptWasCut(messages, answer(Math.floor(estimate * 0.85)))).toBe(false);
		expect(promptWasCut(messages, answer(estimate + 40))).toBe(false);
	});

	it("cannot tell without a reported count", () => {
		expect(promptWasCut(messages, { text: "x", finishReason: "stop" })).toBe(false);
		expect(promptWasCut(messages, answer(0))).toBe(false);
	});
});
