import type { Price } from "./prices";

export interface TokenCounts {
	promptTokens: number;
	completionTokens: number;
	/** Of the prompt tokens, those served from the provider's prompt cache. */
	cachedPromptTokens?: number;
}

/** Dollars for these counts at this price, cached prompt tokens at the cached rate when the price has one; null when the price is unknown. */
export function estimateCost(usage: TokenCounts, price: Price | null): number | null {
	if (!price) return null;
	const cached = Math.min(usage.cachedPromptTokens ?? 0, usage.promptTokens);
	const input = (usage.promptTokens - cached) * price.input + cached * (price.cachedInput ?? price.input);
	return (input + usage.completionTokens * price.output) / 1_000_000;
}

const GROUPED = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * "$0" when free, "< $0.001" below a tenth of a cent, three significant digits below ten cents ("$0.0123"),
 * else dollars and cents ("$1.23"); "unknown" for a negative or non-finite amount.
 */
export function formatCost(dollars: number): string {
	if (!Number.isFinite(dollars) || dollars < 0) return "unknown";
	if (dollars === 0) return "$0";
	if (dollars < 0.001) return "< $0.001";
	if (dollars < 0.1) return `$${String(Number(dollars.toPrecision(3)))}`;
	return `$${GROUPED.format(dollars)}`;
}

export interface RunEstimate extends TokenCounts {
	calls: number;
}

// A summary runs ~5–10 % of the transcript's tokens (sections, then quotes); one call's answer is never
// shorter than a few sections and is capped by the max_tokens the pipeline asks for.
const OUTPUT_SHARE = 0.1;
const MIN_OUTPUT_TOKENS = 1_000;
const MAX_OUTPUT_TOKENS = 4_096;

function answerTokens(transcriptTokens: number): number {
	return Math.min(MAX_OUTPUT_TOKENS, Math.max(MIN_OUTPUT_TOKENS, Math.round(transcriptTokens * OUTPUT_SHARE)));
}

/**
 * The tokens a run will use, before it starts: one call for one chunk; else a map call per chunk, each with
 * the prompt and its share of the transcript, and a reduce call that reads every map answer. Pass the
 * transcript as sent (overlaps included) and the prompt without the transcript. Errs high: reasoning models
 * add hidden output tokens that nothing here can know.
 */
export function estimateRun(transcriptTokens: number, chunks: number, promptTokens: number): RunEstimate {
	const transcript = Math.max(0, transcriptTokens);
	const prompt = Math.max(0, promptTokens);
	const maps = Math.max(1, Math.floor(chunks) || 1);
	if (maps === 1) return { promptTokens: prompt + transcript, completionTokens: answerTokens(transcript), calls: 1 };
	const mapAnswers = maps * answerTokens(transcript / maps);
	return {
		promptTokens: maps * prompt + transcript + prompt + mapAnswers,
		completionTokens: mapAnswers + Math.min(mapAnswers, MAX_OUTPUT_TOKENS),
		calls: maps + 1,
	};
}
