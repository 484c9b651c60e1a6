import { describe, expect, it } from "vitest";

import { estimateTokens } from "../../../src/core/plan/estimate-tokens";
import { type Chunk, defaultPlanOptions, planChunks, type PlanOptions } from "../../../src/core/plan/plan-chunks";
import { timeTaggedTranscript } from "../../../src/core/prompt/time-tagged-transcript";
import type { Chapter, Segment, Transcript } from "../../../src/core/types";
import { syntheticTranscript } from "../../support/synthetic-transcript";

/** What a map call would send for the chunk, measured the way the pipeline will measure it. */
function sentTokens(transcript: Transcript, chunk: Chunk): number {
	return estimateTokens(timeTaggedTranscript({ ...transcript, segments: chunk.segments }));
}

function ownStarts(chunks: Chunk[]): number[] {
	return chunks.slice(1).map((c) => c.start);
}

/** Checks every rule a plan must keep, whatever the transcript. */
function expectSoundPlan(transcript: Transcript, chunks: Chunk[], options: PlanOptions): void {
	const segments = transcript.segments;
	expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
	// The owned parts, in order, are the transcript: nothing lost, nothing twice.
	const owned = chunks.flatMap((c) => c.segments.slice(c.overlap));
	expect(owned.length).toBe(segments.length);
	expect(owned.every((s, i) => s === segments[i])).toBe(true);
	expect(chunks[0]?.overlap).toBe(0);
	for (const [i, chunk] of chunks.entries()) {
		expect(chunk.segments.length).toBeGreaterThan(chunk.overlap);
		expect(sentTokens(transcript, chunk)).toBeLessThanOrEqual(options.contextTokens);
		const previous = chunks[i - 1];
		if (previous) {
			// The overlap repeats the previous chunk's last segments.
			expect(chunk.segments.slice(0, chunk.overlap)).toEqual(previous.segments.slice(previous.segments.length - chunk.overlap));
		}
		if (!transcript.timed) {
			expect([chunk.start, chunk.end]).toEqual([0, 0]);
			continue;
		}
		expect(chunk.end - chunk.start).toBeLessThanOrEqual(options.targetSeconds);
		expect(chunk.end).toBeGreaterThan(chunk.start);
		for (const s of chunk.segments.slice(chunk.overlap)) {
			expect(s.start).toBeGreaterThanOrEqual(chunk.start);
			expect(s.start).toBeLessThan(chunk.end);
		}
		if (previous) expect(chunk.start).toBe(previous.end);
	}
	if (transcript.timed) {
		expect(chunks[0]?.start).toBe(segments[0]?.start);
		const lastStart = segments[segments.length - 1]?.start ?? 0;
		const end = chunks[chunks.length - 1]?.end ?? 0;
		expect(end).toBeGreaterThan(lastStart);
		expect(end).toBeLessThanOrEqual(lastStart + 60);
	}
}

function timedTranscript(segments: Segment[], chapters: Chapter[] = []): Transcript {
	return { segments, timed: true, format: "timestamped-lines", chapters };
}

/** Evenly spoken segments every 5 s, so that only the features a test adds can steer a cut. */
function evenSegments(seconds: number, speaker?: (start: number) => string): Segment[] {
	const segments: Segment[] = [];
	for (let t = 0; t < seconds; t += 5) {
		const s: Segment = { start: t, text: "we keep talking about the same thing here" };
		const who = speaker?.(t);
		if (who) s.speaker = who;
		segments.push(s);
	}
	return segments;
}

describe("defaultPlanOptions", () => {
	it("gives 25-minute chunks, a 30-second overlap and 60 % of a 128k window less the prompt", () => {
		expect(defaultPlanOptions()).toEqual({ targetSeconds: 1500, contextTokens: 70_800, overlapSeconds: 30 });
		expect(defaultPlanOptions(1_000_000).contextTokens).toBe(594_000);
	});

	it("still leaves a quarter of a small local window for the transcript", () => {
		expect(defaultPlanOptions(8192).contextTokens).toBe(2048);
	});

	it("falls back to 128k for a window that is not a positive number", () => {
		expect(defaultPlanOptions(0)).toEqual(defaultPlanOptions());
		expect(defaultPlanOptions(Number.NaN)).toEqual(defaultPlanOptions());
	});
});

describe("planChunks on a short video", () => {
	const transcript = syntheticTranscript({ seconds: 12 * 60 });

	it("returns the whole transcript as one chunk", () => {
		const chunks = planChunks(transcript, defaultPlanOptions());
		expect(chunks).toHaveLength(1);
		expect(chunks[0]?.segments).toEqual(transcript.segments);
		expect(chunks[0]?.overlap).toBe(0);
		expect(chunks[0]?.start).toBe(0);
		expectSoundPlan(transcript, chunks, defaultPlanOptions());
	});

	it("returns no chunk for an empty transcript", () => {
		expect(planChunks({ ...transcript, segments: [] }, defaultPlanOptions())).toEqual([]);
	});

	it("splits even a short video when its tokens exceed the budget", () => {
		const options = { ...defaultPlanOptions(), contextTokens: 1500 };
		const chunks = planChunks(transcript, options);
		expect(chunks.length).toBeGreaterThan(1);
		expectSoundPlan(transcript, chunks, options);
	});
});

describe("planChunks on a four-hour video", () => {
	const transcript = syntheticTranscript({ seconds: 4 * 3600, seed: 7 });
	const duration = (transcript.segments[transcript.segments.length - 1]?.start ?? 0) - (transcript.segments[0]?.start ?? 0);
	const totalTokens = estimateTokens(timeTaggedTranscript(transcript));

	it("is the size the plan is for", () => {
		expect(transcript.segments.length).toBeGreaterThan(2500);
		expect(transcript.segments.length).toBeLessThan(2900);
		expect(totalTokens).toBeGreaterThan(40_000);
	});

	it.each([
		["the time target binds (128k window)", defaultPlanOptions()],
		["the token budget binds (8k window)", defaultPlanOptions(8192)],
		["a 10-minute target", { targetSeconds: 600, contextTokens: 70_000, overlapSeconds: 20 }],
	])("keeps every rule when %s", (_, options) => {
		expectSoundPlan(transcript, planChunks(transcript, options), options);
	});

	it("cuts about equal spans, not many more than the target needs", () => {
		const options = defaultPlanOptions();
		const chunks = planChunks(transcript, options);
		const spans = chunks.map((c) => c.end - c.start);
		expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(duration / options.targetSeconds));
		expect(chunks.length).toBeLessThanOrEqual(Math.ceil(duration / options.targetSeconds) + 2);
		expect(Math.min(...spans) / Math.max(...spans)).toBeGreaterThan(0.6);
	});

	it("cuts by tokens when the budget is smaller than the target's share", () => {
		const options = defaultPlanOptions(8192);
		const chunks = planChunks(transcript, options);
		expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(totalTokens / options.contextTokens));
		expect(chunks.length).toBeLessThanOrEqual(Math.ceil((totalTokens * 1.25) / options.contextTokens));
		const sizes = chunks.map((c) => sentTokens(transcript, c));
		expect(Math.min(...sizes.slice(0, -1)) / Math.max(...sizes)).toBeGreaterThan(0.75);
	});

	it("starts each later chunk with a small overlap of about the asked seconds", () => {
		const options = defaultPlanOptions();
		const chunks = planChunks(transcript, options);
		for (const chunk of chunks.slice(1)) {
			const first = chunk.segments[0];
			expect(chunk.overlap).toBeGreaterThan(0);
			expect(chunk.overlap).toBeLessThanOrEqual(12);
			expect(chunk.start - (first?.start ?? 0)).toBeLessThanOrEqual(options.overlapSeconds);
			expect(chunk.start - (first?.start ?? 0)).toBeGreaterThan(options.overlapSeconds / 2);
		}
	});

	it("repeats nothing when no overlap is asked for", () => {
		const options = { ...defaultPlanOptions(), overlapSeconds: 0 };
		const chunks = planChunks(transcript, options);
		expect(chunks.every((c) => c.overlap === 0)).toBe(true);
		expectSoundPlan(transcript, chunks, options);
	});
});

describe("where planChunks cuts", () => {
	const base = syntheticTranscript({ seconds: 2 * 3600, seed: 3 });
	const near = (t: number) => base.segments.reduce((best, s) => (Math.abs(s.start - t) < Math.abs(best - t) ? s.start : best), 0);
	const wanted = [1400, 2850, 4300, 5750].map(near);
	const chapters: Chapter[] = [
		{ start: 0, title: "Intro" },
		{ start: near(300), title: "Too early for any cut" },
		...wanted.map((start, i) => ({ start, title: `Part ${i + 1}` })),
		{ start: near(2000), title: "Between two cuts" },
	].sort((a, b) => a.start - b.start);

	it("lands on chapter starts within a fifth of a chunk of the even split", () => {
		const transcript = { ...base, chapters };
		const chunks = planChunks(transcript, defaultPlanOptions());
		expect(ownStarts(chunks)).toEqual(wanted);
		expectSoundPlan(transcript, chunks, defaultPlanOptions());
	});

	it("cuts elsewhere without the chapters, so the chapters are what moved the cuts", () => {
		const chunks = planChunks(base, defaultPlanOptions());
		expect(chunks).toHaveLength(5);
		expect(ownStarts(chunks)).not.toEqual(wanted);
	});

	it("takes a chapter that starts just before a segment to that segment", () => {
		const start = wanted[0] ?? 0;
		const transcript = { ...base, chapters: [{ start: start - 0.5, title: "Slightly early" }] };
		expect(ownStarts(planChunks(transcript, defaultPlanOptions()))[0]).toBe(start);
	});

	it("prefers a speaker change to a longer pause, and the longest pause when no one changes", () => {
		// 2,800 s of even speech (two 25-minute chunks), one speaker change at 1,350 s and one 20-second
		// silence before 1,460 s, both near the even split.
		const spoken = evenSegments(2800, (t) => (t < 1350 ? "Ann" : "Ben")).map((s) => (s.start >= 1440 ? { ...s, start: s.start + 20 } : s));
		const options = defaultPlanOptions();
		expect(ownStarts(planChunks(timedTranscript(spoken), options))).toEqual([1350]);
		const unlabelled = spoken.map((s) => ({ start: s.start, text: s.text }));
		expect(ownStarts(planChunks(timedTranscript(unlabelled), options))).toEqual([1460]);
	});

	it("cuts a long interview where the speaker changes, unless no change fits the limits", () => {
		// One segment in twenty changes speaker; a cut by chance would rarely land on one.
		const interview = syntheticTranscript({ seconds: 4 * 3600, seed: 9, speakers: ["Ann", "Ben", "Cy"] });
		const chunks = planChunks(interview, defaultPlanOptions());
		expectSoundPlan(interview, chunks, defaultPlanOptions());
		const atChange = chunks.slice(1).filter((c) => c.segments[c.overlap]?.speaker !== c.segments[c.overlap - 1]?.speaker);
		expect(atChange.length).toBeGreaterThanOrEqual(Math.floor((chunks.length - 1) * 0.8));
	});

	it("cuts at the even split when nothing stands out", () => {
		expect(ownStarts(planChunks(timedTranscript(evenSegments(2800)), defaultPlanOptions()))).toEqual([1400]);
	});

	it("gives one overlong segment a chunk of its own and still plans the rest within limits", () => {
		const segments = evenSegments(1200);
		segments[100] = { start: 500, text: "word ".repeat(4000) };
		const options = { targetSeconds: 1500, contextTokens: 2000, overlapSeconds: 30 };
		const chunks = planChunks(timedTranscript(segments), options);
		const alone = chunks.find((c) => c.segments.includes(segments[100] as Segment));
		expect(alone?.segments.slice(alone.overlap)).toEqual([segments[100]]);
		for (const chunk of chunks.filter((c) => c !== alone)) expect(sentTokens(timedTranscript(segments), chunk)).toBeLessThanOrEqual(2000);
		expect(chunks.flatMap((c) => c.segments.slice(c.overlap))).toEqual(segments);
	});
});

describe("planChunks on an untimed transcript", () => {
	const paragraphs: Segment[] = Array.from({ length: 400 }, (_, i) => ({
		start: 0,
		text: `Paragraph ${i} says a few things about the topic at hand, in plain words.`,
	}));
	const transcript: Transcript = { segments: paragraphs, timed: false, format: "plain", chapters: [] };

	it("is one chunk with times 0 when it fits", () => {
		const chunks = planChunks(transcript, defaultPlanOptions());
		expect(chunks).toHaveLength(1);
		expect([chunks[0]?.start, chunks[0]?.end]).toEqual([0, 0]);
	});

	it("splits by tokens only, ignoring the time target, with a small overlap", () => {
		const options = { targetSeconds: 1, contextTokens: 1200, overlapSeconds: 30 };
		const chunks = planChunks(transcript, options);
		const total = estimateTokens(timeTaggedTranscript(transcript));
		expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(total / 1200));
		expect(chunks.length).toBeLessThanOrEqual(Math.ceil((total * 1.25) / 1200));
		// ~30 s of speech is ~450 characters: a few paragraphs, not a share of the chunk.
		for (const chunk of chunks.slice(1)) {
			expect(chunk.overlap).toBeGreaterThan(0);
			expect(chunk.segments.slice(0, chunk.overlap).reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(450);
		}
		expectSoundPlan(transcript, chunks, options);
	});
});

describe("planChunks on sparse transcripts", () => {
	it("keeps a few lines spread over an hour in one call: there is too little speech to gain from cutting", () => {
		const sparse: Transcript = {
			timed: true,
			format: "srt",
			chapters: [],
			segments: [0, 600, 1800, 3000, 3723].map((start) => ({ start, text: "a short line of speech here" })),
		};
		expect(planChunks(sparse, defaultPlanOptions()).map((c) => [c.start, c.segments.length])).toEqual([[0, 5]]);
	});
});
