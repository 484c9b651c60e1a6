import { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai/error";

import { hostWords, SummaryError } from "../errors";
import { type Http, isSuccess } from "../http";
import { trimEndChar } from "../trim";
import { estimatePromptTokens, promptWasCut } from "../usage/usage";
import type { ChatMessage, ChatModel, Completion, CompletionRequest, EndpointOptions, Usage } from "./chat-model";
import { causeChain, type ErrorContext, safeError, toSummaryError } from "./endpoint-errors";
import { endpointFetch, normalizeTimeout, raceAbort } from "./openai-client";
import { thinkingRoom } from "./request-params";
import { displayURL, redact, streamRedactor } from "./secrets";

/**
 * A chat model behind Ollama's native API (POST /api/chat), which, unlike its OpenAI-compatible /v1, lets
 * each request set the context (`options.num_ctx`). Ollama otherwise serves its default context (4096 tokens
 * unless OLLAMA_CONTEXT_LENGTH or the Modelfile says more) and silently drops the start of a longer prompt:
 * here every request asks for a context that holds its prompt and its answer.
 */

export interface OllamaChatOptions extends EndpointOptions {
	/**
	 * The largest context to ask for: the model's trained context (ollamaModelInfo), or a smaller one the user
	 * chose to save memory. Absent or null: no cap.
	 */
	contextLimit?: number | null;
	/** Told the context sized for each request just before it is sent, so that the host can say which it set. */
	onContext?: (context: OllamaContext) => void;
}

/** The context one request asked Ollama for, and why. */
export interface OllamaContext {
	/** `options.num_ctx` as sent. */
	numCtx: number;
	/** Our estimate of the prompt (it errs high). */
	promptTokens: number;
	/** Room kept for the answer: the output limit (8192 when none is set) plus thinking room for models that think aloud. */
	answerTokens: number;
	/** The limit made the context smaller than the prompt and the answer need. */
	capped: boolean;
	/** The whole prompt fits in numCtx; when false, Ollama drops its start. */
	promptFits: boolean;
}

/** The answer's room when no output limit is set: what the plugin asks for by default. */
export const DEFAULT_ANSWER_TOKENS = 8192;
/** Contexts are asked for in steps, so that requests of about the same size ask for the same one. */
export const CONTEXT_STEP = 1024;

/** Chat template tokens, a Modelfile's system prompt, and tokenizers that split finer than our estimate. */
function promptMargin(promptTokens: number): number {
	return Math.ceil(promptTokens * 0.1) + 256;
}

/**
 * The context for one request: the prompt's estimate plus a margin, plus the answer's room, rounded up to a
 * multiple of CONTEXT_STEP, never below `floor` (what this model already asked for: a different num_ctx makes
 * Ollama reload the model) and never above `limit`.
 */
export function ollamaContextFor(
	messages: readonly ChatMessage[],
	choices: Pick<EndpointOptions, "model" | "maxTokens" | "reasoningEffort">,
	limit?: number | null,
	floor = 0,
): OllamaContext {
	const promptTokens = estimatePromptTokens(messages);
	const answerTokens = (choices.maxTokens ?? DEFAULT_ANSWER_TOKENS) + thinkingRoom(choices.model, choices.reasoningEffort);
	const needed = Math.ceil((promptTokens + promptMargin(promptTokens) + answerTokens) / CONTEXT_STEP) * CONTEXT_STEP;
	const wanted = Math.max(needed, floor);
	const cap = limit !== undefined && limit !== null && Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : null;
	const numCtx = cap === null ? wanted : Math.min(wanted, cap);
	return { numCtx, promptTokens, answerTokens, capped: numCtx < needed, promptFits: numCtx >= promptTokens };
}

/** One line for the user about the context a request asked for. */
export function describeOllamaContext(context: OllamaContext, model: string): string {
	const n = (value: number) => value.toLocaleString("en-US");
	if (!context.promptFits) {
		return `The prompt (about ${n(context.promptTokens)} tokens) is larger than the ${n(context.numCtx)}-token context ${model} can have, so Ollama drops its start. Lower the context window so long videos are cut into smaller parts.`;
	}
	if (context.capped) {
		return `Ollama's context for ${model} is set to its limit of ${n(context.numCtx)} tokens: the prompt (about ${n(context.promptTokens)} tokens) fits, with less room than asked for the answer.`;
	}
	return `Ollama's context for ${model} is set to ${n(context.numCtx)} tokens, enough for the prompt (about ${n(context.promptTokens)} tokens) and the answer.`;
}

/** Where Ollama's native API lives: the base URL without its `/v1` (a path before it, behind a proxy, is kept). */
export function ollamaRoot(baseURL: string): string {
	return trimEndChar(baseURL.trim(), "/").replace(/\/v1$/i, "");
}

/** What Ollama's /api/show says about a model. */
export interface OllamaModelInfo {
	/** The context the model was trained for (`<architecture>.context_length`); null when not reported. */
	contextLength: number | null;
	/** The `num_ctx` its Modelfile sets (what /v1 requests get), null when it sets none (the server default applies). */
	modelfileContext: number | null;
}

/**
 * Asks Ollama's `POST /api/show` about a model, through the host's Http (Obsidian's requestUrl, so no CORS).
 * Null when whatever answers is not Ollama: nothing listening, any status but 200 (a model Ollama has not
 * pulled included), or an answer without Ollama's fields.
 */
export async function ollamaModelInfo(http: Http, baseURL: string, model: string, signal?: AbortSignal): Promise<OllamaModelInfo | null> {
	let answer: unknown;
	try {
		const response = await http({
			url: `${ollamaRoot(baseURL)}/api/show`,
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ model }),
			...(signal ? { signal } : {}),
		});
		if (!isSuccess(response) || response.status !== 200) return null;
		answer = JSON.parse(response.text);
	} catch {
		return null;
	}
	if (!isRecord(answer)) return null;
	const info = answer.model_info;
	if (!isRecord(info) && !isRecord(answer.details) && typeof answer.modelfile !== "string") return null;
	return { contextLength: isRecord(info) ? trainedContext(info) : null, modelfileContext: modelfileContext(answer.parameters) };
}

function trainedContext(info: Record<string, unknown>): number | null {
	const architecture = info["general.architecture"];
	const own = typeof architecture === "string" ? info[`${architecture}.context_length`] : undefined;
	if (isCount(own)) return own;
	for (const [key, value] of Object.entries(info)) if (key.endsWith(".context_length") && isCount(value)) return value;
	return null;
}

function modelfileContext(parameters: unknown): number | null {
	if (typeof parameters !== "string") return null;
	// Line by line, each trimmed: a multiline pattern with spaces at both ends would be retried along long runs.
	const line = parameters.split("\n").find((l) => /^num_ctx\s+\d+$/.test(l.trim()));
	const value = line ? Number(line.trim().slice("num_ctx".length)) : Number.NaN;
	return isCount(value) ? value : null;
}

function isCount(value: unknown): value is number {
	return typeof value === "number" && Number.isInteger(value) && value > 0;
}

/**
 * A chat model on Ollama's native /api/chat, each request with a context that holds it. As with createChatModel,
 * its answers and errors go through redact: the API key and the base URL's credentials never come out of it.
 */
export function createOllamaChatModel(options: OllamaChatOptions): ChatModel {
	const context: ErrorContext = {
		baseURL: options.baseURL.trim(),
		model: options.model,
		apiKey: options.apiKey,
		timeoutMs: normalizeTimeout(options.timeoutMs),
	};
	// The largest context asked for so far: asking for less would make Ollama reload the model.
	let floor = 0;
	return {
		model: options.model,
		async complete(request: CompletionRequest): Promise<Completion> {
			if (request.signal?.aborted) throw toSummaryError(new APIUserAbortError(), context);
			try {
				const root = checkRoot(options.baseURL);
				const sized = ollamaContextFor(request.messages, options, options.contextLimit, floor);
				floor = Math.max(floor, sized.numCtx);
				try {
					options.onContext?.(sized);
				} catch {
					// Only shown: a failing display must not stop the request.
				}
				const answer = await chat(options, request, root, sized, context);
				return wholePrompt(request.messages, answer, sized);
			} catch (error) {
				throw safeError(error, context);
			}
		},
	};
}

/**
 * Older Ollama versions count in `prompt_eval_count` only the tokens its prompt cache did not hold, so a
 * follow-up turn can report a small part of its prompt. When num_ctx held the whole prompt nothing was dropped,
 * and the count is replaced by our estimate so that it does not pass for a cut prompt.
 */
function wholePrompt(messages: readonly ChatMessage[], answer: Completion, sized: OllamaContext): Completion {
	if (!answer.usage || !sized.promptFits || !(answer.usage.promptTokens === 0 || promptWasCut(messages, answer))) return answer;
	return { ...answer, usage: { ...answer.usage, promptTokens: estimatePromptTokens(messages) } };
}

function checkRoot(baseURL: string): string {
	const root = ollamaRoot(baseURL);
	if (root === "") throw new SummaryError("config", `No base URL is set. Enter Ollama's address ${hostWords().baseURL}, such as http://localhost:11434/v1.`);
	let url: URL;
	try {
		url = new URL(root);
	} catch {
		throw new SummaryError(
			"config",
			`"${displayURL(baseURL)}" is not a valid base URL. Enter an address such as http://localhost:11434/v1 ${hostWords().baseURL}.`,
		);
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new SummaryError("config", `The base URL ${displayURL(baseURL)} must start with http:// or https://. Check it ${hostWords().baseURL}.`);
	}
	return root;
}

function requestBody(options: OllamaChatOptions, request: CompletionRequest, sized: OllamaContext): Record<string, unknown> {
	const params: Record<string, unknown> = { num_ctx: sized.numCtx };
	if (options.maxTokens !== undefined) params.num_predict = options.maxTokens + thinkingRoom(options.model, options.reasoningEffort);
	if (options.temperature !== undefined) params.temperature = options.temperature;
	const body: Record<string, unknown> = {
		model: options.model,
		messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
		stream: options.stream,
		options: params,
	};
	// gpt-oss takes a thinking level, as reasoning_effort is on /v1; Ollama has no "minimal".
	if (options.reasoningEffort !== undefined && /gpt-oss/i.test(options.model))
		body.think = options.reasoningEffort === "minimal" ? "low" : options.reasoningEffort;
	return body;
}

async function chat(options: OllamaChatOptions, request: CompletionRequest, root: string, sized: OllamaContext, context: ErrorContext): Promise<Completion> {
	const { signal } = request;
	// One controller for the user's cancel and for a server that goes silent.
	const controller = new AbortController();
	let stalled = false;
	let idle: ReturnType<typeof setTimeout> | undefined;
	const idleMs = normalizeTimeout(options.timeoutMs);
	const watch = () => {
		clearTimeout(idle);
		idle = setTimeout(() => {
			stalled = true;
			controller.abort();
		}, idleMs);
	};
	const onAbort = () => controller.abort();
	signal?.addEventListener("abort", onAbort, { once: true });
	const interruption = () => (signal?.aborted ? new APIUserAbortError() : stalled ? new APIConnectionTimeoutError() : undefined);
	// A fetch that ignores the signal (a requestUrl adapter) is still left behind at once.
	const race = <T>(promise: Promise<T>) => raceAbort(promise, controller.signal);
	let text = "";
	try {
		watch();
		let response: Response;
		try {
			const headers: Record<string, string> = { "content-type": "application/json", accept: options.stream ? "application/x-ndjson" : "application/json" };
			if (options.apiKey.trim() !== "") headers.authorization = `Bearer ${options.apiKey.trim()}`;
			const call = endpointFetch(options.fetch)(`${root}/api/chat`, {
				method: "POST",
				headers,
				body: JSON.stringify(requestBody(options, request, sized)),
				signal: controller.signal,
			});
			response = await race(call);
		} catch (error) {
			throw interruption() ?? unreachable(error, root, sized, context);
		}
		if (response.status !== 200) {
			let said = "";
			try {
				said = await race(response.text());
			} catch (error) {
				throw interruption() ?? error;
			}
			throw statusError(response, said, root, sized, context);
		}
		const reader = options.stream ? response.body?.getReader() : undefined;
		if (!reader) {
			let raw: string;
			try {
				watch();
				raw = await race(response.text());
			} catch (error) {
				throw interruption() ?? error;
			}
			return plainAnswer(raw, root, context);
		}
		const decoder = new TextDecoder();
		const scrub = streamRedactor(context.apiKey);
		let buffer = "";
		let reasoning = 0;
		let lines = 0;
		let last: Record<string, unknown> | undefined;
		const take = (line: string): boolean => {
			if (line.trim() === "") return false;
			let event: unknown;
			try {
				event = JSON.parse(line);
			} catch {
				throw lines === 0 ? notOllama(root) : unreadable(root, redact(line, context.apiKey));
			}
			lines++;
			if (!isRecord(event)) throw lines === 1 ? notOllama(root) : unreadable(root, redact(line, context.apiKey));
			if (typeof event.error === "string" || isRecord(event.error)) throw streamedError(event.error);
			if (!("message" in event) && !("done" in event)) throw lines === 1 ? notOllama(root) : unreadable(root, redact(line, context.apiKey));
			const message = isRecord(event.message) ? event.message : {};
			const piece = typeof message.content === "string" ? message.content : "";
			const thought = typeof message.thinking === "string" ? message.thinking : "";
			text += piece;
			reasoning += thought.length;
			if (piece || thought) showProgress(request.onText, request.onText ? scrub(text) : text, reasoning);
			if (event.done !== true) return false;
			last = event;
			return true;
		};
		try {
			let finished = false;
			while (!finished) {
				const { done, value } = await race(reader.read());
				watch();
				buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
				const complete = buffer.split("\n");
				// The last piece is a line still arriving, unless the answer has ended.
				buffer = done ? "" : (complete.pop() ?? "");
				for (const line of complete) {
					finished = take(line);
					if (finished) break;
				}
				if (done && !finished) throw new TypeError("The answer ended before Ollama said it was done.");
			}
		} catch (error) {
			// Whatever the aborted read threw, the reason is the cancel or the stall.
			const cause = interruption() ?? error;
			throw cause instanceof SummaryError && !text ? cause : toSummaryError(cause, { ...context, partialText: text });
		} finally {
			reader.cancel().catch(() => undefined);
		}
		const whole = redact(text, context.apiKey);
		// The progress held back the word still arriving (it may be the start of the key): the whole answer last.
		if (request.onText && whole !== scrub(text)) showProgress(request.onText, whole, reasoning);
		return { text: whole, finishReason: finishOf(last), ...usageOf(last) };
	} finally {
		clearTimeout(idle);
		signal?.removeEventListener("abort", onAbort);
	}
}

function plainAnswer(raw: string, root: string, context: ErrorContext): Completion {
	let answer: unknown;
	try {
		answer = JSON.parse(raw);
	} catch {
		throw notOllama(root);
	}
	if (!isRecord(answer)) throw notOllama(root);
	if (typeof answer.error === "string" || isRecord(answer.error)) throw toSummaryError(streamedError(answer.error), context);
	if (!isRecord(answer.message)) throw notOllama(root);
	const content = answer.message.content;
	return { text: typeof content === "string" ? redact(content, context.apiKey) : "", finishReason: finishOf(answer), ...usageOf(answer) };
}

function finishOf(event: Record<string, unknown> | undefined): string | null {
	return typeof event?.done_reason === "string" && event.done_reason !== "" ? event.done_reason : null;
}

function usageOf(event: Record<string, unknown> | undefined): { usage?: Usage } {
	const prompt = event?.prompt_eval_count;
	const completion = event?.eval_count;
	// An answer whose whole prompt was cached may leave prompt_eval_count out: that is zero tokens read anew.
	if (typeof completion !== "number") return {};
	return { usage: { promptTokens: typeof prompt === "number" ? prompt : 0, completionTokens: completion } };
}

/** An `{"error": …}` line after the answer had begun: as the SDK reports an error event inside a 200 stream. */
function streamedError(error: unknown): APIError {
	const message = typeof error === "string" ? error : isRecord(error) && typeof error.message === "string" ? error.message : JSON.stringify(error);
	return new APIError(undefined, { message }, undefined, undefined);
}

/** Codes of a connection that was open and then closed or reset by the other side (Node's fetch, undici). */
const DROPPED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

function causeCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === "string") codes.push(code);
		current = current.cause;
	}
	return codes;
}

/** fetch rejected before any answer: nothing listens there, or the connection dropped while Ollama loaded the model. */
function unreachable(error: unknown, root: string, sized: OllamaContext, context: ErrorContext): SummaryError {
	if (error instanceof SummaryError) return error;
	const detail = redact(causeChain(error), context.apiKey) || undefined;
	if (causeCodes(error).some((code) => DROPPED.has(code))) {
		return new SummaryError(
			"network",
			`The connection to Ollama at ${displayURL(root)} dropped before the answer arrived. Check that Ollama is still running: it may have run out of memory loading ${context.model} with a context of ${sized.numCtx.toLocaleString("en-US")} tokens. Choose a smaller model, or lower the context window so long videos are cut into smaller parts.`,
			detail,
		);
	}
	return new SummaryError("network", `Could not reach Ollama at ${displayURL(root)}. Check that it is running (ollama serve).`, detail);
}

const EXCERPT = 200;

function excerpt(said: string, apiKey: string): string {
	const flat = redact(said, apiKey).replace(/\s+/g, " ").trim();
	const text = flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
	if (text === "") return "(no message).";
	return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Ollama's own words from an error body `{"error": "…"}`, else the body as it came. */
function errorText(body: string): { said: string; parsed: unknown } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return { said: body, parsed: undefined };
	}
	const error = isRecord(parsed) ? parsed.error : undefined;
	if (typeof error === "string") return { said: error, parsed };
	if (isRecord(error) && typeof error.message === "string") return { said: error.message, parsed };
	return { said: body, parsed };
}

function statusError(response: Response, body: string, root: string, sized: OllamaContext, context: ErrorContext): SummaryError {
	const { status } = response;
	const { said, parsed } = errorText(body);
	const { model, apiKey } = context;
	const words = hostWords();
	const detail = said.trim() === "" ? undefined : redact(said, apiKey);
	if (status === 404 && /not found/i.test(said) && (/\bmodel\b/i.test(said) || said.includes(model))) {
		return new SummaryError(
			"config",
			`The model "${model}" is not installed in Ollama at ${displayURL(root)}. Pull it with \`ollama pull ${model}\`, or choose another model ${words.model}.`,
			detail,
		);
	}
	if (status === 404) {
		return new SummaryError(
			"config",
			`The server at ${displayURL(root)} has no Ollama chat API (POST /api/chat answered 404). Check the base URL ${words.baseURL}.`,
			detail,
		);
	}
	// Loading a model with a larger context needs more memory; Ollama says so with a 500.
	if (status >= 500 && /memory|out of|alloc|cuda|metal|vram/i.test(said)) {
		return new SummaryError(
			"model",
			`Ollama could not run ${model} with a context of ${sized.numCtx.toLocaleString("en-US")} tokens: ${excerpt(said, apiKey)} Choose a smaller model, or lower the context window so long videos are cut into smaller parts.`,
			detail,
		);
	}
	// Anything else reads as any endpoint's status would: a key refused by a proxy, a busy server…
	return toSummaryError(APIError.generate(status, parsed ?? undefined, said, response.headers), context);
}

function notOllama(root: string): SummaryError {
	return new SummaryError("config", `The server at ${displayURL(root)} did not answer like Ollama. Check the base URL ${hostWords().baseURL}.`);
}

function unreadable(root: string, line: string): SummaryError {
	return new SummaryError("model", `Ollama at ${displayURL(root)} sent an answer that could not be read. Try again.`, line.slice(0, 500));
}

/** Progress is only shown: a failing display must not lose the answer, nor pass for a broken connection. */
function showProgress(onText: CompletionRequest["onText"], text: string, reasoning: number): void {
	try {
		onText?.(text, reasoning);
	} catch {
		// Ignored on purpose, see above.
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}
