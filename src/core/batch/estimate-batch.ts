import { CHARS_PER_TOKEN } from "../plan/estimate-tokens";
import { DEFAULT_CONCURRENCY, oneWave, PLANNING_ANSWER_TOKENS } from "../plan/one-wave";
import { defaultPlanOptions, type PlanOptions } from "../plan/plan-chunks";
import { estimateCost, estimateRun, type RunEstimate } from "../usage/estimate-cost";
import type { Price } from "../usage/prices";

/**
 * Speech runs 130–180 words a minute: the lecture's auto-generated captions in the test fixtures at 134, long
 * podcast transcripts at about 175. 150 is between them, and the rate the chunk planner assumes (15 characters
 * a second).
 */
export const WORDS_PER_MINUTE = 150;
// A word of about five letters and the space after it: 150 words a minute are 15 characters a second.
const CHARS_PER_WORD = 6;
// The transcript as sent carries a `[h:mm:ss] ` tag and a line break at least every half minute.
const TAG_CHARS_PER_SECOND = 12 / 30;
/**
 * A video whose length the playlist did not give is counted as this long: longer than most YouTube videos
 * (about 12 minutes), shorter than most lectures, so a list of talks is not underestimated by much.
 */
export const DEFAULT_VIDEO_SECONDS = 20 * 60;

// 4.4 tokens a second, about 16,000 an hour, as estimateTokens counts them (a real tokenizer counts fewer).
const TOKENS_PER_SECOND = ((WORDS_PER_MINUTE / 60) * CHARS_PER_WORD + TAG_CHARS_PER_SECOND) / CHARS_PER_TOKEN;

export interface BatchEstimateInput {
	/** The videos that will be summarized (skipped ones left out), each with its length when known. */
	videos: readonly { durationSeconds?: number }[];
	/** The template's tokens (estimateTokens of the template, or of the default one), sent with every call. */
	promptTokens: number;
	/** The model's price; null when unknown. */
	price: Price | null;
	/** How long videos are cut into parts, as each run will be given it; summarize's default when absent. */
	plan?: PlanOptions;
	/** Parts of one video summarized at once, as each run will be given it; summarize's default when absent. */
	concurrency?: number;
	/**
	 * A planning turn is asked once (its answer is kept and reused for the other videos); false for a one-shot
	 * template or a plan already kept. Default true.
	 */
	planning?: boolean;
}

export interface BatchEstimate extends RunEstimate {
	videos: number;
	/** Of the videos, those of unknown length, each counted as DEFAULT_VIDEO_SECONDS. */
	unknownLength: number;
	/** Dollars, when the model's price is known. */
	cost: number | null;
}

function knownLength(seconds: number | undefined): seconds is number {
	return seconds !== undefined && Number.isFinite(seconds) && seconds > 0;
}

/** The parts summarize cuts a video into (one wave), and more when one would not fit the context budget. */
function partsOf(seconds: number, tokens: number, plan: PlanOptions, concurrency: number): number {
	const target = oneWave(plan, seconds, concurrency).targetSeconds;
	return Math.max(1, Math.ceil(seconds / target), Math.ceil(tokens / Math.max(1, plan.contextTokens)));
}

/** One video's calls and tokens, from its length alone: the transcript is not fetched before the batch starts. */
function estimateVideo(seconds: number, promptTokens: number, plan: PlanOptions, concurrency: number): RunEstimate {
	const transcript = seconds * TOKENS_PER_SECOND;
	const parts = partsOf(seconds, transcript, plan, concurrency);
	// Each part after the first repeats the end of the one before.
	const sent = Math.round(transcript + (parts - 1) * plan.overlapSeconds * TOKENS_PER_SECOND);
	return estimateRun(sent, parts, promptTokens);
}

/** What a batch will take, shown before it starts: the sum of each video's estimate, and one planning turn. */
export function estimateBatch(input: BatchEstimateInput): BatchEstimate {
	const plan = input.plan ?? defaultPlanOptions();
	const concurrency = input.concurrency ?? DEFAULT_CONCURRENCY;
	const promptTokens = Math.max(0, input.promptTokens);
	const planning = input.planning !== false && input.videos.length > 0;
	const total = { promptTokens: planning ? promptTokens : 0, completionTokens: planning ? PLANNING_ANSWER_TOKENS : 0, calls: planning ? 1 : 0 };
	let unknownLength = 0;
	for (const video of input.videos) {
		let seconds = DEFAULT_VIDEO_SECONDS;
		if (knownLength(video.durationSeconds)) seconds = video.durationSeconds;
		else unknownLength++;
		const run = estimateVideo(seconds, promptTokens, plan, concurrency);
		total.promptTokens += run.promptTokens;
		total.completionTokens += run.completionTokens;
		total.calls += run.calls;
	}
	return { ...total, videos: input.videos.length, unknownLength, cost: estimateCost(total, input.price) };
}
