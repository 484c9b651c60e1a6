import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SummaryError } from "../src/core/errors";
import type { ChatModel } from "../src/core/model/chat-model";
import { createChatModel } from "../src/core/model/openai-chat";
import { type Progress, summarize, type SummarizeJob } from "../src/summarize";
import { type FakeServer, startFakeOpenAI } from "./support/fake-openai-server";
import { syntheticTranscriptText } from "./support/synthetic-transcript";

const FOUR_HOURS = 4 * 3600;
const text = syntheticTranscriptText({ seconds: FOUR_HOURS, seed: 7 });
const ID = "it3OtbTxQk0";

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI();
});
afterAll(() => server.close());

interface Call {
	began: number;
	ended: number;
	part: number | null;
	/** The call that merges the parts' sections. */
	merge: boolean;
	/** The signal the call was given: aborted when the run stops it. */
	signal: AbortSignal | undefined;
	/** What the call answered or threw, once it ended. */
	outcome?: { answer: string } | { error: unknown };
	/** Resolves when the call has ended, however. */
	settled: Promise<void>;
	/** Resolves when the call's answer begins to stream in, or when it ends without any. */
	streaming: Promise<void>;
}

interface Recording {
	/** One part (or the merge) fails with this error; a part fails only once every other part in flight streams. */
	fault?: { part: number | "merge"; error: Error };
	/** Parts whose answer starts and then never ends: they end only when the run aborts them. */
	hang?: (part: number) => boolean;
}

/** The real client, with each call's timing, part number, signal and outcome recorded. */
function recorded(calls: Call[], { fault, hang }: Recording = {}): ChatModel {
	const options = { baseURL: server.url, apiKey: "sk-test", stream: true, maxTokens: 8192 };
	const model = createChatModel({ ...options, model: "fake-model" });
	// Streams the start of an answer, then goes silent for good.
	const hanging = createChatModel({ ...options, model: "fake-stream-hang" });
	return {
		model: model.model,
		async complete(request) {
			const last = request.messages[request.messages.length - 1]?.content ?? "";
			const part = /This is part (\d+) of/.exec(last)?.[1];
			const merge = last.includes("<sections>");
			let settle = () => {};
			let streamed = () => {};
			const call: Call = {
				began: performance.now(),
				ended: Number.NaN,
				part: part ? Number(part) : null,
				merge,
				signal: request.signal,
				settled: new Promise<void>((resolve) => (settle = resolve)),
				streaming: new Promise<void>((resolve) => (streamed = resolve)),
			};
			calls.push(call);
			try {
				if (fault && (call.part === fault.part || (fault.part === "merge" && merge))) {
					// The parts of a wave are all asked before any call can await: once this one yields, every
					// other part in flight is known, and it fails only when they are all mid-answer.
					await Promise.resolve();
					await Promise.all(calls.filter((c) => c !== call && c.part !== null).map((c) => Promise.race([c.streaming, c.settled])));
					throw fault.error;
				}
				const chosen = call.part !== null && hang?.(call.part) ? hanging : model;
				const answer = await chosen.complete({
					...request,
					onText: (text, reasoning) => {
						streamed();
						request.onText?.(text, reasoning);
					},
				});
				call.outcome = { answer: answer.text };
				return answer;
			} catch (error) {
				call.outcome = { error };
				throw error;
			} finally {
				call.ended = performance.now();
				settle();
				streamed();
			}
		},
	};
}

function job(model: ChatModel, extra: Partial<SummarizeJob> = {}): SummarizeJob {
	return {
		source: { text, video: { id: ID }, origin: "file", title: "Four hours" },
		youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
		model,
		template: "",
		outputLanguage: "",
		now: new Date("2026-11-26T10:00:00.000Z"),
		concurrency: 4,
		...extra,
	};
}

describe("a four-hour transcript", () => {
	it("is summarized in parts that run at the same time, merged into sections over the whole video", async () => {
		const calls: Call[] = [];
		const progress: Progress[] = [];
		const note = await summarize(job(recorded(calls), { onProgress: (p) => progress.push(p) }));

		const parts = calls.filter((c) => c.part !== null);
		// As many parts as run at once, so that no part waits for a second wave.
		expect(parts.length).toBe(4);
		expect(calls.length).toBe(parts.length + 2); // one planning turn, the parts, one merge
		// The parts ran at the same time: each overlapped every other one.
		const inFlight = parts.map((c) => parts.filter((o) => o.began < c.ended && o.ended > c.began).length);
		expect(Math.min(...inFlight)).toBe(4);
		const atOnce = parts.map((c) => parts.filter((o) => o.began <= c.began && o.ended > c.began).length);
		expect(Math.max(...atOnce)).toBeLessThanOrEqual(4);

		const starts = note.sections.map((s) => s.start ?? -1);
		expect(starts[0]).toBe(0);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(Math.max(...starts)).toBeGreaterThan(0.9 * FOUR_HOURS);
		expect(note.sections.length).toBeGreaterThanOrEqual(20);
		for (const s of note.sections) expect(s.title).toMatch(/^Part \d+$/);

		// Every check of the pasted path holds: quotes verified or marked, every link at its own second.
		const quotes = note.sections.flatMap((s) => s.quotes);
		expect(quotes.filter((q) => q.verified).length).toBeGreaterThan(0.7 * quotes.length);
		for (const q of quotes) {
			if (q.verified) expect(note.markdown).toContain(`"${q.text}" ([`);
			else expect(note.markdown).toContain(`"${q.text}" (unverified)`);
		}
		for (const m of note.markdown.matchAll(/\[(\d+:\d\d(?::\d\d)?)\]\(https:\/\/www\.youtube\.com\/watch\?v=it3OtbTxQk0&t=(\d+)s\)/g)) {
			const [h, mm, ss] = (m[1] ?? "").split(":").map(Number);
			const shown = ss === undefined ? (h ?? 0) * 60 + (mm ?? 0) : (h ?? 0) * 3600 + (mm ?? 0) * 60 + ss;
			expect(shown).toBe(Number(m[2]));
		}

		const done = progress.flatMap((p) => (p.parts ? [p.parts] : []));
		expect(done[done.length - 1]).toEqual({ done: parts.length, total: parts.length });
		expect(progress.map((p) => p.stage)).toContain("merging");
		expect(note.usage.calls).toBe(calls.length);
	}, 30_000);

	it("stops every call when one part fails, and gives that part's error", async () => {
		const calls: Call[] = [];
		const error = new SummaryError("model", "The endpoint answered 500.");
		// Part 3 fails while the other three are mid-answer; their answers would never end by themselves.
		const run = summarize(job(recorded(calls, { fault: { part: 3, error }, hang: (part) => part !== 3 })));
		await expect(run).rejects.toBe(error);

		const parts = calls.filter((c) => c.part !== null);
		expect(parts.map((c) => c.part ?? 0).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
		const others = parts.filter((c) => c.part !== 3);
		// Stopped, not left running: each call still in flight had its signal aborted by the time the run failed…
		expect(others.map((c) => c.signal?.aborted)).toEqual([true, true, true]);
		// …and its request really ended, as a cancel, without an answer.
		await Promise.all(others.map((c) => c.settled));
		for (const c of others) expect(c.outcome).toEqual({ error: expect.objectContaining({ kind: "cancelled" }) });
		// Nothing asked after the failure: no merge of the parts that were stopped.
		expect(calls.filter((c) => c.merge)).toEqual([]);
	});

	it("stops every call on cancel", async () => {
		const calls: Call[] = [];
		const controller = new AbortController();
		// Part 1 answers; the others are mid-answer when the user cancels, and would never end by themselves.
		const run = summarize(
			job(recorded(calls, { hang: (part) => part !== 1 }), { signal: controller.signal, onProgress: (p) => p.parts?.done === 1 && controller.abort() }),
		);
		await expect(run).rejects.toMatchObject({ kind: "cancelled" });

		const parts = calls.filter((c) => c.part !== null);
		expect(parts.map((c) => c.part ?? 0).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
		const [first, ...others] = [...parts].sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
		expect(first?.outcome).toHaveProperty("answer");
		// Every call in flight was told to stop by the time the run said it was cancelled…
		expect(others.map((c) => c.signal?.aborted)).toEqual([true, true, true]);
		// …and did stop, as a cancel, without an answer.
		await Promise.all(others.map((c) => c.settled));
		for (const c of others) expect(c.outcome).toEqual({ error: expect.objectContaining({ kind: "cancelled" }) });
		// No merge after the cancel.
		expect(calls.filter((c) => c.merge)).toEqual([]);
	});

	it("keeps the parts' checked sections when the merge step fails, and says so", async () => {
		const calls: Call[] = [];
		const note = await summarize(job(recorded(calls, { fault: { part: "merge", error: new SummaryError("model", "The endpoint answered 503.") } })));
		expect(note.warnings).toEqual(["The merge step failed (The endpoint answered 503.), so the sections are shown as each part of the video produced them."]);
		expect(note.sections.length).toBeGreaterThanOrEqual(20);
		expect(note.sections[0]?.start).toBe(0);
		expect(note.markdown).toContain("> [!warning] The merge step failed");
	});
});
