import type { ChatMessage, Completion } from "../model/chat-model";
import { estimateTokens } from "../plan/estimate-tokens";

/** Tokens a run has used so far, over all its calls. */
export interface RunUsage {
	promptTokens: number;
	completionTokens: number;
	/** Of the prompt tokens, those the provider reported as served from its prompt cache. */
	cachedPromptTokens: number;
	calls: number;
	/** True once any call's count came from our estimate because the server reported none. */
	estimated: boolean;
}

// Chat formats wrap each message in a few tokens of role markers.
const TOKENS_PER_MESSAGE = 4;

export function emptyUsage(): RunUsage {
	return { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, calls: 0, estimated: false };
}

/** What a prompt of these messages costs by our estimate. */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
	let total = 0;
	for (const message of messages) total += estimateTokens(message.content) + TOKENS_PER_MESSAGE;
	return total;
}

function counted(value: number | undefined): value is number {
	return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** One call's usage: the server's counts when it sent them, else estimates from the prompt and the answer. */
export function callUsage(messages: readonly ChatMessage[], completion: Completion): RunUsage {
	const reported = completion.usage;
	const prompt = reported?.promptTokens;
	const answer = reported?.completionTokens;
	return {
		promptTokens: counted(prompt) ? prompt : estimatePromptTokens(messages),
		completionTokens: counted(answer) ? answer : estimateTokens(completion.text),
		// Never more than the prompt: a server that reports more than it read is taken at the prompt's size.
		cachedPromptTokens: counted(prompt) && counted(reported?.cachedPromptTokens) ? Math.min(reported.cachedPromptTokens, prompt) : 0,
		calls: 1,
		estimated: !counted(prompt) || !counted(answer),
	};
}

export function addUsage(a: RunUsage, b: RunUsage): RunUsage {
	return {
		promptTokens: a.promptTokens + b.promptTokens,
		completionTokens: a.completionTokens + b.completionTokens,
		cachedPromptTokens: a.cachedPromptTokens + b.cachedPromptTokens,
		calls: a.calls + b.calls,
		estimated: a.estimated || b.estimated,
	};
}

// Tokenizers differ by ±15 %, and our estimate errs high (up to ~40 % on CJK text): only a far smaller count means text was lost.
const CUT_PROMPT_SHARE = 0.5;

/**
 * Whether the server read much less of the prompt than was sent. Local servers (Ollama with its default
 * context) silently drop the start of an over-long prompt, and only the reported count gives it away.
 */
export function promptWasCut(messages: readonly ChatMessage[], completion: Completion): boolean {
	const reported = completion.usage?.promptTokens;
	if (!counted(reported) || reported === 0) return false;
	return reported < estimatePromptTokens(messages) * CUT_PROMPT_SHARE;
}
