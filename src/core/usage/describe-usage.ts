import { type BatchEstimate, DEFAULT_VIDEO_SECONDS } from "../batch/estimate-batch";
import { formatCost, type RunEstimate, type TokenCounts } from "./estimate-cost";

const N = new Intl.NumberFormat("en-US");

/** "1 token", "10,146 tokens". */
function count(n: number, noun: string): string {
	return `${N.format(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function costPart(cost: number | null): string {
	if (cost === null) return "";
	return cost === 0 ? ", at no cost" : `, about ${formatCost(cost)}`;
}

/** "10,146 tokens in (8,192 cached), 745 out, about $0.0123": shown when a run ends, in Obsidian and the CLI alike. */
export function describeUsage(usage: TokenCounts & { estimated?: boolean }, cost: number | null): string {
	const cached = usage.cachedPromptTokens ? ` (${N.format(usage.cachedPromptTokens)} cached)` : "";
	return `${count(usage.promptTokens, "token")} in${cached}, ${N.format(usage.completionTokens)} out${usage.estimated ? " (estimated)" : ""}${costPart(cost)}`;
}

/** What a run will take, asked about before a large one starts. */
export function describeEstimate(estimate: RunEstimate & { cost: number | null }): string {
	const tokens = count(estimate.promptTokens + estimate.completionTokens, "token");
	return `This run will use about ${tokens} in ${count(estimate.calls, "call")}${costPart(estimate.cost)}.`;
}

/** 412,347 → 410,000: an estimate from video lengths is not worth more than two digits. */
function roughly(n: number): number {
	if (n < 100) return Math.round(n);
	const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
	return Math.round(n / unit) * unit;
}

/** "12 videos, about 410,000 tokens, about $0.18": asked about before a batch starts. */
export function describeBatchEstimate(estimate: BatchEstimate): string {
	const tokens = count(roughly(estimate.promptTokens + estimate.completionTokens), "token");
	const unknown =
		estimate.unknownLength > 0 ? ` (${N.format(estimate.unknownLength)} of unknown length, counted as ${DEFAULT_VIDEO_SECONDS / 60} minutes each)` : "";
	return `${count(estimate.videos, "video")}, about ${tokens}${costPart(estimate.cost)}${unknown}`;
}
