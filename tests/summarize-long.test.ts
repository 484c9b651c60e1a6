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
}

/** The real client, with each call's timing and part number recorded, and an optional fault for one part. */
function recorded(calls: Call[], fault?: { part: number | "merge"; error: Error }): ChatModel {
	const model = createChatModel({ baseURL: server.url, apiKey: "sk-test", model: "fake-model", stream: true, maxTokens: 8192 });
	return {
		model: model.model,
		async complete(request) {
			const last = request.messages[request.messages.length - 1]?.content ?? "";
			const part = /This is part (\d+) of/.exec(last)?.[1];
			const call: Call = { began: performance.now(), ended: Number.NaN, part: part ? Number(part) : null };
			calls.push(call);
			try {
				const isMerge = last.includes("<sections>");
				if (fault && (call.part === fault.part || (fault.part === "merge" && isMerge))) {
					await new Promise((r) => setTimeout(r, 30));
					throw fault.error;
				}
				return await model.complete(request);
			} finally {
				call.ended = performance.now();
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
		await expect(summarize(job(recorded(calls, { part: 3, error })))).rejects.toBe(error);
		expect(calls.filter((c) => c.part !== null).length).toBeLessThanOrEqual(4);
		expect(calls.every((c) => !Number.isNaN(c.ended))).toBe(true);
	});

	it("stops every call on cancel", async () => {
		const calls: Call[] = [];
		const controller = new AbortController();
		const run = summarize(job(recorded(calls), { signal: controller.signal, onProgress: (p) => p.parts?.done === 1 && controller.abort() }));
		await expect(run).rejects.toMatchObject({ kind: "cancelled" });
		const partsAsked = calls.filter((c) => c.part !== null).length;
		expect(partsAsked).toBeLessThanOrEqual(4);
		await new Promise((r) => setTimeout(r, 50));
		expect(calls.every((c) => !Number.isNaN(c.ended))).toBe(true);
	});

	it("keeps the parts' checked sections when the merge step fails, and says so", async () => {
		const calls: Call[] = [];
		const note = await summarize(job(recorded(calls, { part: "merge", error: new SummaryError("model", "The endpoint answered 503.") })));
		expect(note.warnings).toEqual(["The merge step failed (The endpoint answered 503.), so the sections are shown as each part of the video produced them."]);
		expect(note.sections.length).toBeGreaterThanOrEqual(20);
		expect(note.sections[0]?.start).toBe(0);
		expect(note.markdown).toContain("> [!warning] The merge step failed");
	});
});
