import type { OpenAI } from "openai/client";
import { APIConnectionTimeoutError, APIUserAbortError } from "openai/error";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";

import { hostWords, SummaryError } from "../errors";
import type { ChatModel, Completion, CompletionRequest, EndpointOptions, Usage } from "./chat-model";
import { type ErrorContext, safeError, toSummaryError } from "./endpoint-errors";
import { createOpenAIClient, normalizeTimeout, raceAbort } from "./openai-client";
import { type Refusable, refusedParameter, rememberRefusal, requestParams, wasRefused } from "./request-params";
import { displayURL, redact, streamRedactor } from "./secrets";

/**
 * A chat model behind any OpenAI-compatible /chat/completions endpoint. Its answers (the text, the text shown
 * while streaming, the part kept from an interrupted answer) and its errors never carry the API key or the base
 * URL's credentials, even when the model repeats them: all go through redact.
 */
export function createChatModel(options: EndpointOptions): ChatModel {
	let client: OpenAI | undefined;
	const context: ErrorContext = {
		baseURL: options.baseURL.trim(),
		model: options.model,
		apiKey: options.apiKey,
		timeoutMs: normalizeTimeout(options.timeoutMs),
	};
	return {
		model: options.model,
		async complete(request: CompletionRequest): Promise<Completion> {
			if (request.signal?.aborted) throw toSummaryError(new APIUserAbortError(), context);
			try {
				client ??= createOpenAIClient(options);
			} catch (error) {
				throw toSummaryError(error, context);
			}
			const ask = options.stream ? completeStreamed : completePlain;
			try {
				// A parameter the endpoint refuses for this model (OpenAI's reasoning families and `max_tokens` or a
				// temperature) is remembered and the request sent again without it; each can be refused only once.
				for (let tries = 0; ; tries++) {
					const outcome = await ask(client, options, request, context);
					if ("answer" in outcome) return outcome.answer;
					if (tries >= REFUSABLE_COUNT || wasRefused(options, outcome.refused)) throw toSummaryError(outcome.error, context);
					rememberRefusal(options, outcome.refused);
				}
			} catch (error) {
				throw safeError(isUnknownModel(error, context) ? await withModelList(client, error as SummaryError) : error, context);
			}
		},
	};
}

const REFUSABLE_COUNT = 4;

/** What one request gave: the answer, or the parameter the endpoint refused (with its error, if it is refused again). */
type Outcome = { answer: Completion } | { refused: Refusable; error: unknown };

/** The request failed: a refused parameter is an outcome to act on, anything else a SummaryError. */
function failure(error: unknown, context: ErrorContext): Outcome {
	const refused = refusedParameter(error);
	if (refused === null) throw toSummaryError(error, context);
	return { refused, error };
}

function isUnknownModel(error: unknown, context: ErrorContext): boolean {
	return error instanceof SummaryError && error.message.startsWith(`The model "${context.model}" was not found`);
}

/** "The model was not found" is only useful with the names the endpoint does know. */
async function withModelList(client: OpenAI | undefined, error: SummaryError): Promise<SummaryError> {
	try {
		const ids: string[] = [];
		for await (const model of client?.models.list() ?? []) ids.push(model.id);
		if (ids.length === 0) return error;
		ids.sort();
		const shown = ids.slice(0, 20).join(", ") + (ids.length > 20 ? ", …" : "");
		return new SummaryError(error.kind, `${error.message} It offers: ${shown}.`, error.detail);
	} catch {
		return error;
	}
}

function requestBody(options: EndpointOptions, request: CompletionRequest): ChatCompletionCreateParamsBase {
	return {
		model: options.model,
		messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
		...requestParams(options),
	};
}

async function completePlain(client: OpenAI, options: EndpointOptions, request: CompletionRequest, context: ErrorContext): Promise<Outcome> {
	let answer: unknown;
	try {
		const call = client.chat.completions.create({ ...requestBody(options, request), stream: false }, { signal: request.signal });
		answer = await raceAbort(call, request.signal);
	} catch (error) {
		return failure(error, context);
	}
	// A wrong base URL can land on a web page that answers 200 with HTML, which the SDK hands over as a string.
	if (!isRecord(answer) || !Array.isArray(answer.choices)) throw notCompatible(context);
	const choice: unknown = answer.choices[0];
	const message = isRecord(choice) ? choice.message : undefined;
	return {
		answer: {
			text: isRecord(message) && typeof message.content === "string" ? redact(message.content, context.apiKey) : "",
			finishReason: isRecord(choice) && typeof choice.finish_reason === "string" ? choice.finish_reason : null,
			...usageField(answer.usage),
		},
	};
}

async function completeStreamed(client: OpenAI, options: EndpointOptions, request: CompletionRequest, context: ErrorContext): Promise<Outcome> {
	const { signal, onText } = request;
	const scrub = streamRedactor(context.apiKey);
	let text = "";
	let reasoning = 0;
	let finishReason: string | null = null;
	let usage: Usage | undefined;
	let chunks = 0;
	let stalled = false;
	let idle: ReturnType<typeof setTimeout> | undefined;
	const interruption = () => (signal?.aborted ? new APIUserAbortError() : stalled ? new APIConnectionTimeoutError() : undefined);
	let stream: Awaited<ReturnType<typeof client.chat.completions.create>> & AsyncIterable<unknown>;
	try {
		const call = client.chat.completions.create({ ...requestBody(options, request), stream: true, stream_options: { include_usage: true } }, { signal });
		stream = await raceAbort(call, signal);
	} catch (error) {
		// Refused before anything streamed: the request can be sent again.
		return interruption() ? failure(interruption(), context) : failure(error, context);
	}
	try {
		// The SDK's timeout stops once headers arrive; a server that then goes silent would hang the note forever.
		const idleMs = normalizeTimeout(options.timeoutMs);
		const watch = () => {
			clearTimeout(idle);
			idle = setTimeout(() => {
				stalled = true;
				stream.controller.abort();
			}, idleMs);
		};
		watch();
		for await (const chunk of stream) {
			watch();
			chunks++;
			// The usage chunk that include_usage adds has `choices: []`; some servers leave choices out entirely.
			const choice = chunk.choices?.[0];
			const piece = choice?.delta?.content;
			const thought = reasoningOf(choice?.delta);
			if (typeof piece === "string" && piece !== "") text += piece;
			reasoning += thought.length;
			if (piece || thought) showProgress(onText, onText ? scrub(text) : text, reasoning);
			if (choice?.finish_reason) finishReason = choice.finish_reason;
			usage = mapUsage(chunk.usage) ?? usage;
		}
	} catch (error) {
		// Whatever the aborted read threw, the reason is the cancel or the stall.
		throw toSummaryError(interruption() ?? error, { ...context, partialText: text });
	} finally {
		clearTimeout(idle);
	}
	// An abort ends the SDK's stream quietly, as if the answer were complete.
	const cut = interruption();
	if (cut) throw toSummaryError(cut, { ...context, partialText: text });
	if (chunks === 0) throw notStreamed(context);
	const whole = redact(text, context.apiKey);
	// The progress held back the word still arriving (it may be the start of the key): the whole answer last.
	if (onText && whole !== scrub(text)) showProgress(onText, whole, reasoning);
	return { answer: { text: whole, finishReason, ...(usage ? { usage } : {}) } };
}

/** Reasoning a server streams beside the answer: DeepSeek and vLLM in `reasoning_content`, Ollama and OpenRouter in `reasoning`. */
function reasoningOf(delta: unknown): string {
	if (!isRecord(delta)) return "";
	const field = delta.reasoning_content ?? delta.reasoning;
	return typeof field === "string" ? field : "";
}

/** Progress is only shown: a failing display must not lose the answer, nor pass for a broken connection. */
function showProgress(onText: CompletionRequest["onText"], text: string, reasoning: number): void {
	try {
		onText?.(text, reasoning);
	} catch {
		// Ignored on purpose, see above.
	}
}

function notCompatible({ baseURL }: ErrorContext): SummaryError {
	return new SummaryError(
		"config",
		`The endpoint ${displayURL(baseURL)} did not answer like an OpenAI-compatible server. Check the base URL ${hostWords().baseURL}; it usually ends in /v1.`,
	);
}

function notStreamed({ baseURL }: ErrorContext): SummaryError {
	return new SummaryError(
		"config",
		`The endpoint ${displayURL(baseURL)} sent no streamed answer. Check the base URL ${hostWords().baseURL}; it usually ends in /v1${hostWords().turnOffStreaming}.`,
	);
}

function usageField(raw: unknown): { usage?: Usage } {
	const usage = mapUsage(raw);
	return usage ? { usage } : {};
}

function mapUsage(raw: unknown): Usage | undefined {
	if (!isRecord(raw)) return undefined;
	const { prompt_tokens: prompt, completion_tokens: completion } = raw;
	if (typeof prompt !== "number" || typeof completion !== "number") return undefined;
	const cached = cachedTokensOf(raw);
	return { promptTokens: prompt, completionTokens: completion, ...(cached === undefined ? {} : { cachedPromptTokens: cached }) };
}

/**
 * Prompt tokens served from the provider's cache: OpenAI, OpenRouter and most compatible servers report
 * `prompt_tokens_details.cached_tokens`, DeepSeek `prompt_cache_hit_tokens`.
 */
function cachedTokensOf(raw: Record<string, unknown>): number | undefined {
	const details = raw.prompt_tokens_details;
	const cached = isRecord(details) ? details.cached_tokens : raw.prompt_cache_hit_tokens;
	return typeof cached === "number" && Number.isFinite(cached) && cached >= 0 ? cached : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}
