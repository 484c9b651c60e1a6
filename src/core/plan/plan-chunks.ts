import type { Segment, Transcript } from "../types";
import { CHARS_PER_TOKEN, tokenWeight } from "./estimate-tokens";

export interface PlanOptions {
	/** The longest span one chunk may own, in seconds; ignored for untimed transcripts. */
	targetSeconds: number;
	/** The most transcript tokens one call may carry, overlap included. */
	contextTokens: number;
	/** How much of the previous chunk's end each later chunk repeats, in seconds. */
	overlapSeconds: number;
}

export interface Chunk {
	index: number;
	/** Start of the part this chunk owns (after the overlap); 0 when the transcript is untimed. */
	start: number;
	/** The next chunk's start, or a little after the last segment's start; 0 when untimed. */
	end: number;
	/** The segments to send, the overlap first. */
	segments: Segment[];
	/** How many of `segments` come from the previous chunk and are there for context only. */
	overlap: number;
}

export const DEFAULT_TARGET_SECONDS = 25 * 60;
export const DEFAULT_OVERLAP_SECONDS = 30;
export const DEFAULT_CONTEXT_WINDOW = 128_000;

// The rest of the window holds the prompt and the answer; 60–70 % is where models still read all of it.
const BUDGET_SHARE = 0.6;
// The default template alone is ~4.4k tokens; instructions and earlier section titles come on top.
const PROMPT_OVERHEAD_TOKENS = 6_000;
// Small local windows (Ollama's few thousand tokens) would leave nothing after the overhead.
const MIN_BUDGET_SHARE = 0.25;

/** Options for a model with `contextWindowTokens` of context (128k when unknown). */
export function defaultPlanOptions(contextWindowTokens: number = DEFAULT_CONTEXT_WINDOW): PlanOptions {
	const window = contextWindowTokens > 0 && Number.isFinite(contextWindowTokens) ? contextWindowTokens : DEFAULT_CONTEXT_WINDOW;
	const budget = Math.max(Math.floor(window * MIN_BUDGET_SHARE), Math.floor(window * BUDGET_SHARE) - PROMPT_OVERHEAD_TOKENS);
	return { targetSeconds: DEFAULT_TARGET_SECONDS, contextTokens: budget, overlapSeconds: DEFAULT_OVERLAP_SECONDS };
}

// ~150 spoken words a minute: how long a segment's words take to say, and so where silence begins.
const SPEECH_CHARS_PER_SECOND = 15;
// The last segment has no successor to end it; a long final monologue still should not stretch the range far.
const MAX_TAIL_SECONDS = 60;
// Mirrors timeTaggedTranscript: a `[h:mm:ss] ` tag and a line break at least every half minute and at each
// speaker change; segments joined by one space (untimed: a blank line, two characters).
const TAG_CHARS = 12;
const BLOCK_SECONDS = 30;
const JOIN_CHARS = 2;
// How far a cut may move from the even split to land on a chapter, speaker change or pause.
const CUT_TOLERANCE = 0.2;
// The overlap is context, not content: keep it to a few sentences even when one segment is long.
const OVERLAP_TOKENS_PER_SECOND = (4 * SPEECH_CHARS_PER_SECOND) / CHARS_PER_TOKEN;
const OVERLAP_MAX_BUDGET_SHARE = 0.1;

// About twenty minutes of speech.
const MIN_TOKENS_TO_CUT_BY_TIME = 4_000;

const CHAPTER = 1;
const SPEAKER = 2;

interface Measure {
	segments: Segment[];
	timed: boolean;
	/** st[i]: start of segment i, never decreasing; st[length]: the end of the transcript. */
	st: Float64Array;
	/** cum[i]: estimated tokens of segments before i, their share of tags and labels included. */
	cum: Float64Array;
	/** Silence before segment i beyond the time the previous segment's words take. */
	pause: Float64Array;
	/** CHAPTER | SPEAKER flags for a cut before segment i. */
	kind: Uint8Array;
}

function measure(transcript: Transcript): Measure {
	const { segments, timed } = transcript;
	const len = segments.length;
	const st = new Float64Array(len + 1);
	const cum = new Float64Array(len + 1);
	const pause = new Float64Array(len + 1);
	const kind = new Uint8Array(len + 1);
	let previous: Segment | undefined;
	for (let i = 0; i < len; i++) {
		const s = segments[i] as Segment;
		st[i] = timed ? Math.max(i > 0 ? (st[i - 1] as number) : 0, s.start) : 0;
		let chars = JOIN_CHARS;
		if (i === 0 || s.speaker !== previous?.speaker) {
			chars += (timed ? TAG_CHARS : 0) + (s.speaker ? s.speaker.length + 2 : 0);
			if (i > 0) kind[i] = SPEAKER;
		}
		if (previous && timed) pause[i] = (st[i] as number) - (st[i - 1] as number) - previous.text.length / SPEECH_CHARS_PER_SECOND;
		cum[i + 1] = (cum[i] as number) + tokenWeight(s.text) + chars / CHARS_PER_TOKEN;
		previous = s;
	}
	if (timed && previous) {
		const tail = Math.min(MAX_TAIL_SECONDS, Math.max(1, Math.ceil(previous.text.length / SPEECH_CHARS_PER_SECOND)));
		st[len] = (st[len - 1] as number) + tail;
		markChapters(transcript, st, kind);
	}
	return { segments, timed, st, cum, pause, kind };
}

/** Flags the segment whose start is nearest each chapter's start (ties: the later one). */
function markChapters(transcript: Transcript, st: Float64Array, kind: Uint8Array): void {
	const len = transcript.segments.length;
	for (const chapter of transcript.chapters) {
		let lo = 0;
		let hi = len - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((st[mid] as number) < chapter.start) lo = mid + 1;
			else hi = mid;
		}
		const b = lo > 0 && chapter.start - (st[lo - 1] as number) < (st[lo] as number) - chapter.start ? lo - 1 : lo;
		if (b > 0) kind[b] = (kind[b] as number) | CHAPTER;
	}
}

/** Estimated tokens of segments o..b-1 as sent, with the tags and label a chunk's first line adds. */
function tokensOf(m: Measure, o: number, b: number): number {
	const first = m.segments[o];
	const blocks = m.timed ? 1 + Math.floor(((m.st[b - 1] as number) - (m.st[o] as number)) / BLOCK_SECONDS) : 0;
	const head = blocks * TAG_CHARS + (first?.speaker ? first.speaker.length + 2 : 0);
	return (m.cum[b] as number) - (m.cum[o] as number) + head / CHARS_PER_TOKEN;
}

interface Limits {
	target: number;
	budget: number;
	overlapSeconds: number;
	overlapCap: number;
}

function fits(m: Measure, limits: Limits, o: number, p: number, b: number): boolean {
	return (m.st[b] as number) - (m.st[p] as number) <= limits.target && tokensOf(m, o, b) <= limits.budget;
}

/** Where the overlap of a chunk owning from p begins: never before `floor`, the previous chunk's own start. */
function overlapStart(m: Measure, limits: Limits, p: number, floor: number): number {
	if (p === 0 || limits.overlapSeconds <= 0) return p;
	const from = (m.st[p] as number) - limits.overlapSeconds;
	const untimedCap = limits.overlapSeconds * (SPEECH_CHARS_PER_SECOND / CHARS_PER_TOKEN);
	let o = p;
	while (o > floor) {
		const tokens = (m.cum[p] as number) - (m.cum[o - 1] as number);
		const inside = m.timed ? (m.st[o - 1] as number) >= from : tokens <= untimedCap;
		if (!inside || tokens > limits.overlapCap) break;
		o--;
	}
	// A pause or a long segment before the cut would leave no context at all; one sentence is still worth it.
	if (o === p && (m.cum[p] as number) - (m.cum[p - 1] as number) <= limits.overlapCap) o = p - 1;
	return o;
}

/**
 * The end of the chunk owning from p (overlap from o), with `parts` chunks left for the rest: near the even
 * split, moved within the tolerance to a chapter start, else a speaker change, else the longest pause.
 */
function chooseCut(m: Measure, limits: Limits, byTime: boolean, o: number, p: number, parts: number, maxB: number): number {
	const pos = byTime ? m.st : m.cum;
	const len = m.segments.length;
	const end = pos[len] as number;
	const length = (end - (pos[p] as number)) / parts;
	const ideal = (pos[p] as number) + length;
	const lo = ideal - CUT_TOLERANCE * length;
	const hi = ideal + CUT_TOLERANCE * length;
	// A cut that leaves more than the later chunks can hold only pushes the problem onto the last one.
	const restCap = (parts - 1) * (byTime ? limits.target : limits.budget - limits.overlapCap);
	const distance = (b: number) => Math.abs((pos[b] as number) - ideal);
	const quieter = (b: number, best: number) =>
		best < 0 || (m.pause[b] as number) > (m.pause[best] as number) || ((m.pause[b] as number) === (m.pause[best] as number) && distance(b) < distance(best));
	let chapter = -1;
	let speaker = -1;
	let quiet = -1;
	let below = -1;
	let above = -1;
	for (let b = p + 1; b <= maxB; b++) {
		if (!fits(m, limits, o, p, b)) break;
		const x = pos[b] as number;
		if (x < lo || end - x > restCap) {
			below = b;
			continue;
		}
		if (x > hi) {
			above = b;
			break;
		}
		const flags = m.kind[b] as number;
		if (flags & CHAPTER && (chapter < 0 || distance(b) < distance(chapter))) chapter = b;
		if (flags & SPEAKER && quieter(b, speaker)) speaker = b;
		if (quieter(b, quiet)) quiet = b;
	}
	if (chapter >= 0) return chapter;
	if (speaker >= 0) return speaker;
	if (quiet >= 0) return quiet;
	if (below < 0 && above < 0) return p + 1;
	if (below < 0) return above;
	if (above < 0) return below;
	return distance(above) < distance(below) ? above : below;
}

/** Owned starts of `n` chunks (plus len at the end), or null when the last chunk would not fit. */
function cutInto(m: Measure, limits: Limits, byTime: boolean, n: number): { owned: number[]; overlap: number[] } | null {
	const len = m.segments.length;
	const owned = [0];
	const overlap = [0];
	for (let k = 1; k < n; k++) {
		const p = owned[k - 1] as number;
		const o = overlap[k - 1] as number;
		const b = chooseCut(m, limits, byTime, o, p, n - k + 1, len - (n - k));
		owned.push(b);
		overlap.push(overlapStart(m, limits, b, p));
	}
	const p = owned[n - 1] as number;
	owned.push(len);
	if (len - p > 1 && !fits(m, limits, overlap[n - 1] as number, p, len)) return null;
	return { owned, overlap };
}

function positiveOr(value: number, fallback: number): number {
	return value > 0 ? value : fallback;
}

/**
 * Splits a transcript into chunks that each fit one call: the whole transcript when it fits, else about
 * equal spans no longer than `targetSeconds` and no larger than `contextTokens`, cut between segments.
 * An empty transcript gives no chunks.
 */
export function planChunks(transcript: Transcript, options: PlanOptions): Chunk[] {
	const len = transcript.segments.length;
	if (len === 0) return [];
	const m = measure(transcript);
	const budget = positiveOr(options.contextTokens, Infinity);
	const overlapSeconds = positiveOr(options.overlapSeconds, 0);
	// Cutting by time buys coverage and speed on long talks; a few lines spread over an hour are one call.
	const enoughToCut = (m.cum[len] as number) >= MIN_TOKENS_TO_CUT_BY_TIME;
	const limits: Limits = {
		target: m.timed && enoughToCut ? positiveOr(options.targetSeconds, Infinity) : Infinity,
		budget,
		overlapSeconds,
		overlapCap: Math.min(budget * OVERLAP_MAX_BUDGET_SHARE, overlapSeconds * OVERLAP_TOKENS_PER_SECOND),
	};
	const build = (owned: number[], overlap: number[]): Chunk[] =>
		overlap.map((o, index) => {
			const p = owned[index] as number;
			const b = owned[index + 1] as number;
			return {
				index,
				start: m.st[p] as number,
				end: m.timed ? (m.st[b] as number) : 0,
				segments: transcript.segments.slice(o, b),
				overlap: p - o,
			};
		});
	if (len === 1 || fits(m, limits, 0, 0, len)) return build([0, len], [0]);

	const timeParts = ((m.st[len] as number) - (m.st[0] as number)) / limits.target;
	const tokenParts = (m.cum[len] as number) / budget;
	const byTime = timeParts >= tokenParts;
	// More parts always fit in the end: at one segment each, every chunk is accepted as it is.
	for (let n = Math.min(len, Math.max(2, Math.ceil(timeParts), Math.ceil(tokenParts))); n <= len; n++) {
		const cuts = cutInto(m, limits, byTime, n);
		if (cuts) return build(cuts.owned, cuts.overlap);
	}
	// Not reached (n = len always fits); kept so that a bug above degrades to one segment a chunk.
	return build(
		Array.from({ length: len + 1 }, (_, i) => i),
		Array.from({ length: len }, (_, i) => i),
	);
}
