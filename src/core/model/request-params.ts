import { APIError } from "openai/error";

/** How hard a reasoning model thinks before it answers; "low" keeps a summary quick and cheap. */
export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

/** The sampling and length parameters a run asks for; an absent one is left to the endpoint's default. */
export interface ParamChoices {
	model: string;
	baseURL: string;
	temperature?: number;
	maxTokens?: number;
	reasoningEffort?: ReasoningEffort;
}

/** A request parameter an endpoint refused for a model, and what the next request does instead. */
export type Refusable = "max_tokens" | "max_completion_tokens" | "temperature" | "reasoning_effort";

// OpenAI's reasoning families (o1, o3, o3-mini, o4-mini, gpt-5, gpt-5-mini, … and later), also behind a router prefix.
const OPENAI_REASONING = /^(?:openai\/)?(?:o\d+(?:$|-)|gpt-[5-9])/i;
// Models that think aloud before answering, whatever serves them: their thinking counts against the output limit.
const THINKING = /(?:^|[/:_-])(?:o\d+(?:$|-)|gpt-[5-9]|gpt-oss|deepseek-r1|r1(?:$|[-:])|qwq|qwen3|magistral|thinking|reason)/i;

/** Room for the thinking a reasoning model does before its answer, by effort; it counts against the same limit. */
const THINKING_ROOM: Record<ReasoningEffort, number> = { minimal: 1024, low: 8192, medium: 16_384, high: 32_768 };
const DEFAULT_THINKING_ROOM = 8192;

export function isReasoningModel(model: string): boolean {
	return OPENAI_REASONING.test(model.trim());
}

export function thinksAloud(model: string): boolean {
	return THINKING.test(model.trim());
}

/** Tokens added to the answer's limit for a model that thinks aloud (0 for the others): its thinking counts against the same limit. */
export function thinkingRoom(model: string, effort: ReasoningEffort | undefined): number {
	if (!thinksAloud(model)) return 0;
	return effort ? THINKING_ROOM[effort] : DEFAULT_THINKING_ROOM;
}

/**
 * What is known about each endpoint and model's refusals, for this session: a parameter refused once is not
 * sent again, so only the first request of a run pays for the retry.
 */
const refusals = new Map<string, Set<Refusable>>();

function key(choices: Pick<ParamChoices, "baseURL" | "model">): string {
	return `${choices.baseURL.trim()}\n${choices.model.trim()}`;
}

export function rememberRefusal(choices: Pick<ParamChoices, "baseURL" | "model">, param: Refusable): void {
	const known = refusals.get(key(choices)) ?? new Set<Refusable>();
	known.add(param);
	refusals.set(key(choices), known);
}

export function wasRefused(choices: Pick<ParamChoices, "baseURL" | "model">, param: Refusable): boolean {
	return refusals.get(key(choices))?.has(param) ?? false;
}

/**
 * The body's sampling and length parameters. OpenAI's reasoning families take `max_completion_tokens`, only
 * the default temperature, and `reasoning_effort`; every other server gets the older `max_tokens`, which all
 * compatible servers understand. A model that thinks aloud gets room for its thinking on top of the answer's
 * limit. Whatever the endpoint refused before for this model is left out, or sent under the other name.
 */
export function requestParams(choices: ParamChoices): Record<string, unknown> {
	const refused = (param: Refusable) => wasRefused(choices, param);
	const reasoning = isReasoningModel(choices.model);
	const params: Record<string, unknown> = {};
	if (choices.temperature !== undefined && !reasoning && !refused("temperature")) params.temperature = choices.temperature;
	if (choices.maxTokens !== undefined) {
		const room = thinkingRoom(choices.model, choices.reasoningEffort);
		const newer = (reasoning || refused("max_tokens")) && !refused("max_completion_tokens");
		params[newer ? "max_completion_tokens" : "max_tokens"] = choices.maxTokens + room;
	}
	const takesEffort = reasoning || /gpt-oss/i.test(choices.model);
	if (choices.reasoningEffort !== undefined && takesEffort && !refused("reasoning_effort")) params.reasoning_effort = choices.reasoningEffort;
	return params;
}

const REFUSABLE: readonly Refusable[] = ["max_tokens", "max_completion_tokens", "temperature", "reasoning_effort"];

/**
 * The parameter a 400 answer refuses, as OpenAI words it (`code: "unsupported_parameter"` or
 * `"unsupported_value"`, with `param`), or as other servers put it in the message; null for any other error.
 */
export function refusedParameter(error: unknown): Refusable | null {
	if (!(error instanceof APIError) || error.status !== 400) return null;
	const code = typeof error.code === "string" ? error.code : "";
	const param = typeof error.param === "string" ? error.param : "";
	const body: unknown = error.error;
	const said = (
		typeof body === "object" && body !== null && "message" in body && typeof body.message === "string" ? body.message : error.message
	).toLowerCase();
	if (code !== "unsupported_parameter" && code !== "unsupported_value" && !/unsupported|not supported|unrecognized|unknown (?:parameter|field)/.test(said))
		return null;
	if ((REFUSABLE as readonly string[]).includes(param)) return param as Refusable;
	// In this order: OpenAI's message about `max_tokens` also names `max_completion_tokens`, the one to use instead.
	return REFUSABLE.find((name) => said.includes(`'${name}'`) || said.includes(`"${name}"`) || said.includes(` ${name} `)) ?? null;
}
