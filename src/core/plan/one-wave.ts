import type { PlanOptions } from "./plan-chunks";

/** Parts of one video summarized at once, unless the user sets otherwise: providers answer 429 to larger bursts. */
export const DEFAULT_CONCURRENCY = 4;

/** The planning turn: the model restates the example's approach in a few hundred tokens. */
export const PLANNING_ANSWER_TOKENS = 500;

/**
 * Parts beyond the number run at once would wait for a second wave and double the time. So a long video
 * gets longer parts instead, as long as they fit the context budget: the whole run then takes about as
 * long as its slowest call.
 */
export function oneWave(plan: PlanOptions, durationSeconds: number, concurrency = DEFAULT_CONCURRENCY): PlanOptions {
	const wave = Math.max(1, concurrency);
	// The planner may move each cut by up to a fifth to land on a pause: leave it that room.
	return { ...plan, targetSeconds: Math.max(plan.targetSeconds, Math.ceil((durationSeconds / wave) * 1.25)) };
}
