import { formatCost, type RunEstimate, type TokenCounts } from "./estimate-cost";

const N = new Intl.NumberFormat("en-US");

function costPart(cost: number | null): string {
	if (cost === null) return "";
	return cost === 0 ? ", at no cost" : `, about ${formatCost(cost)}`;
}

/** "10,146 tokens in, 745 out, about $0.0123": shown when a run ends, in Obsidian and the CLI alike. */
export function describeUsage(usage: TokenCounts & { estimated?: boolean }, cost: number | null): string {
	return `${N.format(usage.promptTokens)} tokens in, ${N.format(usage.completionTokens)} out${usage.estimated ? " (estimated)" : ""}${costPart(cost)}`;
}

/** What a run will take, asked about before a large one starts. */
export function describeEstimate(estimate: RunEstimate & { cost: number | null }): string {
	const tokens = N.format(estimate.promptTokens + estimate.completionTokens);
	return `This run will use about ${tokens} tokens in ${estimate.calls} call${estimate.calls === 1 ? "" : "s"}${costPart(estimate.cost)}.`;
}
