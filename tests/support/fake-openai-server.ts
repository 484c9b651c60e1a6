/**
 * A faithful fake of an OpenAI-compatible server (OpenAI, Ollama, LM Studio, llama.cpp, OpenRouter) on node:http,
 * for tests that drive the real `openai` SDK. See ../shared/notes/llm.md §5 for what it must emulate.
 *
 * Choosing a behaviour, first match wins:
 * 1. `queue(...)`: one-shot scenarios, used in order by the next POST /chat/completions requests; GET /models
 *    takes a queued scenario only when it is an error (and answers it), else lists the models and leaves the queue.
 * 2. The request's `model`: the built-in scenarios in BUILT_IN_SCENARIOS (`fake-401`, `fake-stream-drop`, …),
 *    overridden or extended with `setScenario(model, scenario)`.
 * 3. A model in `options.models` (default ["fake-model"]) gets the conversation-aware answer (fakeAnswerFor).
 * 4. Any other model gets OpenAI's 404 `model_not_found`.
 * With `options.apiKey` set, any request with another bearer token gets a 401 first, like a real server.
 *
 * With `options.ollama` set, the server also behaves like Ollama beside its /v1 API: POST /api/show (the model's
 * details, `model_info` with `llama.context_length`), GET /api/version, GET /api/tags (the models, unless
 * `ollamaTags` lists others) and POST /api/chat, Ollama's native chat (NDJSON stream, or one JSON object with
 * `"stream": false`; errors as `{"error": "…"}`, model not found as Ollama's 404), which picks its scenario the
 * same way as /v1 (queue, then model) and answers with the same fakeAnswerFor. Like a real Ollama it silently
 * truncates: both APIs report as read (prompt_tokens, prompt_eval_count) only what fits the context, at most
 * `ceil(characters / 4)`: on /v1 always `defaultContext` (Ollama ignores num_ctx there), on /api/chat the request's
 * `options.num_ctx` (at most `contextLength`, as newer Ollama clamps it) or else `defaultContext`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { fakeAnswerFor, type FakeMessage, type FakeSummaryOptions } from "./fake-openai-summary";

export { FAKE_ASK_FOR_TRANSCRIPT, FAKE_INVENTED_QUOTE, fakeAnswerFor, fakeMergeFor, fakeSummaryFor } from "./fake-openai-summary";

export interface RecordedRequest {
	method: string;
	/** Path with query, e.g. "/v1/chat/completions". */
	path: string;
	/** Lower-case names, as node:http gives them. */
	headers: Record<string, string>;
	/** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
	body: unknown;
}

export interface ErrorBody {
	message: string;
	type?: string;
	param?: string | null;
	code?: string | number | null;
}

/** An answer of 200. In a stream, `cut` ends it early after `afterChars` characters of content. */
export interface AnswerScenario {
	kind: "answer";
	/** Exactly this text; default: fakeAnswerFor(request messages). */
	content?: string;
	/** Put before the content, e.g. a `<think>` block as DeepSeek-R1 and Qwen3 write it. */
	prefix?: string;
	/** Sent beside the content in `reasoningField` (DeepSeek/vLLM: reasoning_content; Ollama: reasoning). */
	reasoning?: string;
	reasoningField?: "reasoning_content" | "reasoning";
	/** Default "stop"; "length" also when the request's max_tokens cut the answer (4 characters a token). */
	finishReason?: string;
	/** Cut the content to this many characters (with finishReason "length" for a truncated answer). */
	maxChars?: number;
	/** Wait before the headers; Infinity never answers. */
	delayMs?: number;
	/** Content characters per stream chunk. Default 24. */
	chunkChars?: number;
	/** Wait between stream events; default one event-loop turn. */
	chunkDelayMs?: number;
	/** Use `\r\n` line endings in the stream. */
	crlf?: boolean;
	headers?: Record<string, string>;
	cut?: { afterChars: number; then: "error-event" | "destroy" | "hang"; error?: ErrorBody };
	summary?: FakeSummaryOptions;
	/** Report this many prompt tokens, as a local server whose context is too small for the prompt does. */
	promptTokens?: number;
}

export interface ErrorScenario {
	kind: "error";
	status: number;
	/** The body's `error` object, or a function of the request (to echo headers); a string is sent as a raw body. */
	error: ErrorBody | string | ((request: RecordedRequest) => ErrorBody);
	headers?: Record<string, string>;
	delayMs?: number;
}

/** The n-th request (per model) gets steps[n], the last step repeating. */
export interface SequenceScenario {
	kind: "sequence";
	steps: Scenario[];
}

export type Scenario = AnswerScenario | ErrorScenario | SequenceScenario;

export interface FakeServerOptions {
	/** Ids listed by GET /models and answered normally. Default ["fake-model"]. */
	models?: string[];
	/** When set, other bearer tokens get 401. */
	apiKey?: string;
	/** Delay of the `fake-slow` model. Default 2000 ms. */
	slowMs?: number;
	/** Adds `retry-after-ms` to retryable errors that carry no retry header of their own, to keep retries fast. */
	retryAfterMs?: number;
	/** Options for the default answer. */
	summary?: FakeSummaryOptions;
	/**
	 * Models that take parameters the way OpenAI's reasoning families do (o3, o4-mini, gpt-5…): a request with
	 * `max_tokens`, or a temperature other than 1, gets OpenAI's own 400 answer. They must also be in `models`.
	 */
	reasoningModels?: string[];
	/** Answer Ollama's own GET /api/tags with these models, as a running Ollama does beside its /v1 API. */
	ollamaTags?: string[];
	/** Behave like Ollama (see the header): its native API, and prompts read only up to the context. */
	ollama?: FakeOllamaOptions;
	/**
	 * Write answers as a hosted model does: the first token after `firstTokenMs`, then `tokensPerSecond` (4
	 * characters a token), streamed or not. Without it, answers come at once (or after a scenario's delay).
	 */
	pace?: { firstTokenMs: number; tokensPerSecond: number };
	/**
	 * Report `prompt_tokens_details.cached_tokens` as OpenAI does: the part of the prompt an earlier request
	 * began with, counted here by whole messages, once the prompt reaches 1,024 tokens, in steps of 128 tokens.
	 */
	promptCaching?: boolean;
}

export interface FakeOllamaOptions {
	/** The context a request gets when it sets none, and every /v1 request: Ollama's default num_ctx (4096 for years). */
	defaultContext: number;
	/** The models' trained context, reported by /api/show as `llama.context_length`; num_ctx is clamped to it. */
	contextLength: number;
	/** A `num_ctx` the Modelfile sets, listed in /api/show's `parameters` (it does not change defaultContext). */
	modelfileContext?: number;
	/** Answered by GET /api/version. Default "0.12.6". */
	version?: string;
}

export interface FakeServer {
	/** `http://127.0.0.1:PORT/v1`. */
	url: string;
	requests: RecordedRequest[];
	/** Requests to POST /v1/chat/completions only. */
	chatRequests(): RecordedRequest[];
	/** `http://127.0.0.1:PORT`, where Ollama's native API lives. */
	origin: string;
	/** Requests to Ollama's POST /api/chat only. */
	ollamaChatRequests(): RecordedRequest[];
	queue(...scenarios: Scenario[]): void;
	setScenario(model: string, scenario: Scenario): void;
	close(): Promise<void>;
}

const OPENAI_404 = (model: string): ErrorBody => ({
	message: `The model \`${model}\` does not exist or you do not have access to it.`,
	type: "invalid_request_error",
	param: null,
	code: "model_not_found",
});

const RATE_LIMIT: ErrorBody = {
	message: "Rate limit reached for fake-model on tokens per min (TPM): Limit 30000, Used 29500, Requested 2000. Please try again in 1s.",
	type: "tokens",
	param: null,
	code: "rate_limit_exceeded",
};

/** Text the mid-stream scenarios send before they fail. */
export const FAKE_PARTIAL_TEXT = "<thinking>\nI will split the transcript into sections.\n</thinking>\n\n<summary>\n### Section 1: ";

export const FAKE_THINK_PREFIX = "<think>\nThe user wants a summary in sections with quotes.\n</think>\n\n";

export const FAKE_REASONING = "Reasoning that must not reach the note.";

/**
 * Scenarios selected by the request's `model`. The fake-stream-* ones fail only when streaming; asked without
 * `stream`, they answer their content whole. `fake-slow` (options.slowMs) is added per server.
 */
export const BUILT_IN_SCENARIOS: Record<string, Scenario> = {
	"fake-think": { kind: "answer", prefix: FAKE_THINK_PREFIX, reasoning: FAKE_REASONING, reasoningField: "reasoning_content" },
	"fake-reasoning": { kind: "answer", reasoning: FAKE_REASONING, reasoningField: "reasoning" },
	"fake-length": { kind: "answer", maxChars: 300, finishReason: "length" },
	"fake-400-context": {
		kind: "error",
		status: 400,
		error: {
			message:
				"This model's maximum context length is 128000 tokens. However, your messages resulted in 204381 tokens. Please reduce the length of the messages.",
			type: "invalid_request_error",
			param: "messages",
			code: "context_length_exceeded",
		},
	},
	"fake-401": { kind: "error", status: 401, error: (request) => echoAuthorization(request) },
	"fake-500": {
		kind: "error",
		status: 500,
		error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null },
	},
	// llama.cpp's server while it is still loading the weights.
	"fake-503-loading": { kind: "error", status: 503, error: { code: 503, message: "Loading model", type: "unavailable_error" } },
	"fake-429-once": {
		kind: "sequence",
		steps: [{ kind: "error", status: 429, error: RATE_LIMIT, headers: { "retry-after": "1" } }, { kind: "answer" }],
	},
	"fake-429-long": { kind: "error", status: 429, error: RATE_LIMIT, headers: { "retry-after": "120" } },
	"fake-429-ms": { kind: "error", status: 429, error: RATE_LIMIT, headers: { "retry-after-ms": "20" } },
	"fake-stream-error": {
		kind: "answer",
		content: `${FAKE_PARTIAL_TEXT}and more that never arrives`,
		cut: {
			afterChars: FAKE_PARTIAL_TEXT.length,
			then: "error-event",
			error: { message: "The upstream provider disconnected", type: "server_error", code: "provider_error" },
		},
	},
	"fake-stream-drop": {
		kind: "answer",
		content: `${FAKE_PARTIAL_TEXT}and more that never arrives`,
		cut: { afterChars: FAKE_PARTIAL_TEXT.length, then: "destroy" },
	},
	"fake-stream-hang": {
		kind: "answer",
		content: `${FAKE_PARTIAL_TEXT}and more that never arrives`,
		cut: { afterChars: FAKE_PARTIAL_TEXT.length, then: "hang" },
	},
	"fake-hang": { kind: "answer", delayMs: Number.POSITIVE_INFINITY },
};

/** OpenAI's 400 answers to a reasoning model asked with `max_tokens` or a temperature (chat completions, 2025–2026). */
export function reasoningModelRefusal(body: Record<string, unknown>): ErrorScenario | null {
	if (body.max_tokens !== undefined) {
		return {
			kind: "error",
			status: 400,
			error: {
				message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
				type: "invalid_request_error",
				param: "max_tokens",
				code: "unsupported_parameter",
			},
		};
	}
	if (body.temperature !== undefined && body.temperature !== 1) {
		return {
			kind: "error",
			status: 400,
			error: {
				message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
				type: "invalid_request_error",
				param: "temperature",
				code: "unsupported_value",
			},
		};
	}
	return null;
}

function echoAuthorization(request: RecordedRequest): ErrorBody {
	const authorization = request.headers.authorization ?? "";
	const token = authorization.replace(/^Bearer\s+/i, "");
	// Some proxies really do put the rejected key and header back into the error text.
	return {
		message: `Incorrect API key provided: ${token}. You sent the header "Authorization: ${authorization}".`,
		type: "invalid_request_error",
		param: null,
		code: "invalid_api_key",
	};
}

const CREATED = 1_767_225_600; // 2026-01-01, fixed so that answers are reproducible

export async function startFakeOpenAI(options: FakeServerOptions = {}): Promise<FakeServer> {
	const models = options.models ?? ["fake-model"];
	const scenarios = new Map<string, Scenario>(Object.entries(BUILT_IN_SCENARIOS));
	scenarios.set("fake-slow", { kind: "answer", delayMs: options.slowMs ?? 2000 });
	const queued: Scenario[] = [];
	const seen = new Map<string, number>();
	/** Every message prefix of every chat request so far, for promptCaching. */
	const prefixes = new Set<string>();
	const requests: RecordedRequest[] = [];
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let ids = 0;

	/** Resolves after ms, or at once when the client has gone; false then. */
	const wait = (ms: number, res: ServerResponse): Promise<boolean> =>
		new Promise((resolve) => {
			if (res.destroyed) return resolve(false);
			const done = () => {
				clearTimeout(timer);
				timers.delete(timer);
				res.off("close", done);
				resolve(!res.destroyed);
			};
			const timer = setTimeout(done, Number.isFinite(ms) ? ms : 2 ** 31 - 1);
			timers.add(timer);
			res.on("close", done);
		});

	const pick = (model: string): Scenario | undefined => {
		const next = queued.shift();
		if (next) return next;
		const scenario = scenarios.get(model);
		if (scenario?.kind !== "sequence") return scenario;
		const n = seen.get(model) ?? 0;
		seen.set(model, n + 1);
		return scenario.steps[Math.min(n, scenario.steps.length - 1)];
	};

	const sendError = async (res: ServerResponse, request: RecordedRequest, scenario: ErrorScenario) => {
		if (scenario.delayMs && !(await wait(scenario.delayMs, res))) return;
		const headers: Record<string, string> = { "content-type": "application/json", ...scenario.headers };
		const retryable = scenario.status === 429 || scenario.status >= 500;
		if (retryable && options.retryAfterMs !== undefined && !headers["retry-after"] && !headers["retry-after-ms"]) {
			headers["retry-after-ms"] = String(options.retryAfterMs);
		}
		const error = typeof scenario.error === "function" ? scenario.error(request) : scenario.error;
		res.writeHead(scenario.status, headers);
		res.end(typeof error === "string" ? error : JSON.stringify({ error: { param: null, code: null, ...error } }));
	};

	const sendAnswer = async (res: ServerResponse, body: Record<string, unknown>, scenario: AnswerScenario) => {
		const model = String(body.model);
		const messages = Array.isArray(body.messages) ? (body.messages as FakeMessage[]) : [];
		let content = (scenario.prefix ?? "") + (scenario.content ?? fakeAnswerFor(messages, scenario.summary ?? options.summary));
		let finishReason = scenario.finishReason ?? "stop";
		if (scenario.maxChars !== undefined) content = content.slice(0, scenario.maxChars);
		const maxTokens =
			typeof body.max_tokens === "number" ? body.max_tokens : typeof body.max_completion_tokens === "number" ? body.max_completion_tokens : undefined;
		if (maxTokens !== undefined && content.length > maxTokens * 4) {
			content = content.slice(0, maxTokens * 4);
			finishReason = "length";
		}
		const usage: Record<string, unknown> & { prompt_tokens: number; completion_tokens: number } = {
			prompt_tokens: scenario.promptTokens ?? promptRead(messages, options.ollama?.defaultContext),
			completion_tokens: Math.ceil((content.length + (scenario.reasoning?.length ?? 0)) / 4),
			total_tokens: 0,
		};
		usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
		if (options.promptCaching) usage.prompt_tokens_details = { cached_tokens: cachedTokens(messages, prefixes), audio_tokens: 0 };
		const pace = options.pace;
		/** How long writing this many characters takes at the set pace. */
		const writing = (chars: number) => (pace ? (chars / 4 / pace.tokensPerSecond) * 1000 : 0);
		const id = `chatcmpl-fake${++ids}`;
		if (scenario.delayMs && !(await wait(scenario.delayMs, res))) return;

		if (body.stream !== true) {
			if (pace && !(await wait(pace.firstTokenMs + writing(content.length), res))) return;
			const message: Record<string, unknown> = { role: "assistant", content, refusal: null };
			if (scenario.reasoning) message[scenario.reasoningField ?? "reasoning_content"] = scenario.reasoning;
			res.writeHead(200, { "content-type": "application/json", ...scenario.headers });
			res.end(
				JSON.stringify({
					id,
					object: "chat.completion",
					created: CREATED,
					model,
					choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
					usage,
					system_fingerprint: "fp_fake",
				}),
			);
			return;
		}

		const eol = scenario.crlf ? "\r\n" : "\n";
		const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
			id,
			object: "chat.completion.chunk",
			created: CREATED,
			model,
			system_fingerprint: "fp_fake",
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		});
		const pause = () => (scenario.chunkDelayMs ? wait(scenario.chunkDelayMs, res) : new Promise<boolean>((r) => setImmediate(() => r(!res.destroyed))));
		const write = splitWriter(res, pause);
		let events = 0;
		/** One `data:` event, with a keep-alive comment after the fourth. */
		const send = async (payload: unknown): Promise<boolean> => {
			events++;
			if (!(await write(`data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}${eol}${eol}`))) return false;
			if (events === 4) res.write(`: keep-alive${eol}${eol}`);
			return true;
		};

		res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", ...scenario.headers });
		// OpenRouter opens with a comment while the upstream model starts.
		res.write(`: keep-alive${eol}${eol}`);
		if (!(await send(chunk({ role: "assistant", content: "", refusal: null }, null)))) return;
		if (scenario.reasoning) {
			for (const piece of pieces(scenario.reasoning, scenario.chunkChars ?? 24)) {
				if (!(await send(chunk({ content: null, [scenario.reasoningField ?? "reasoning_content"]: piece }, null)))) return;
			}
		}
		if (pace && !(await wait(pace.firstTokenMs, res))) return;
		for (const part of piecesUpTo(content, scenario)) {
			if (pace && !(await wait(writing(part.length), res))) return;
			if (!(await send(chunk({ content: part }, null)))) return;
		}
		if (scenario.cut) {
			if (scenario.cut.then === "hang") return;
			if (scenario.cut.then === "destroy") {
				res.socket?.destroy();
				return;
			}
			await send({ error: { param: null, code: null, ...scenario.cut.error } });
			res.end();
			return;
		}
		if (!(await send(chunk({}, finishReason)))) return;
		const streamOptions = body.stream_options;
		if (typeof streamOptions === "object" && streamOptions !== null && (streamOptions as Record<string, unknown>).include_usage === true) {
			const { choices: _none, ...rest } = chunk({}, null);
			if (!(await send({ ...rest, choices: [], usage }))) return;
		}
		await send("[DONE]");
		res.end();
	};

	/** Ollama's error body: `{"error": "…"}` with the status. */
	const sendOllamaError = async (res: ServerResponse, request: RecordedRequest, scenario: ErrorScenario) => {
		if (scenario.delayMs && !(await wait(scenario.delayMs, res))) return;
		const error = typeof scenario.error === "function" ? scenario.error(request) : scenario.error;
		res.writeHead(scenario.status, { "content-type": "application/json; charset=utf-8", ...scenario.headers });
		res.end(typeof error === "string" ? error : JSON.stringify({ error: error.message }));
	};

	/** Ollama's POST /api/chat: NDJSON unless `"stream": false`; reasoning in `message.thinking`; the prompt read up to num_ctx. */
	const sendOllamaAnswer = async (res: ServerResponse, body: Record<string, unknown>, scenario: AnswerScenario, ollama: FakeOllamaOptions) => {
		const model = String(body.model);
		const messages = Array.isArray(body.messages) ? (body.messages as FakeMessage[]) : [];
		const params = typeof body.options === "object" && body.options !== null ? (body.options as Record<string, unknown>) : {};
		let content = (scenario.prefix ?? "") + (scenario.content ?? fakeAnswerFor(messages, scenario.summary ?? options.summary));
		let doneReason = scenario.finishReason ?? "stop";
		if (scenario.maxChars !== undefined) content = content.slice(0, scenario.maxChars);
		if (typeof params.num_predict === "number" && params.num_predict > 0 && content.length > params.num_predict * 4) {
			content = content.slice(0, params.num_predict * 4);
			doneReason = "length";
		}
		const numCtx = typeof params.num_ctx === "number" && params.num_ctx > 0 ? Math.min(params.num_ctx, ollama.contextLength) : ollama.defaultContext;
		const metrics = {
			total_duration: 1_200_000_000,
			load_duration: 20_000_000,
			prompt_eval_count: scenario.promptTokens ?? promptRead(messages, numCtx),
			prompt_eval_duration: 300_000_000,
			eval_count: Math.ceil((content.length + (scenario.reasoning?.length ?? 0)) / 4),
			eval_duration: 880_000_000,
		};
		const head = { model, created_at: CREATED_AT };
		if (scenario.delayMs && !(await wait(scenario.delayMs, res))) return;

		if (body.stream === false) {
			const message: Record<string, unknown> = { role: "assistant", content };
			if (scenario.reasoning) message.thinking = scenario.reasoning;
			res.writeHead(200, { "content-type": "application/json; charset=utf-8", ...scenario.headers });
			res.end(JSON.stringify({ ...head, message, done_reason: doneReason, done: true, ...metrics }));
			return;
		}

		const pause = () => (scenario.chunkDelayMs ? wait(scenario.chunkDelayMs, res) : new Promise<boolean>((r) => setImmediate(() => r(!res.destroyed))));
		const write = splitWriter(res, pause);
		/** One JSON line. */
		const send = (payload: unknown): Promise<boolean> => write(`${JSON.stringify(payload)}\n`);
		const line = (message: Record<string, unknown>) => ({ ...head, message: { role: "assistant", ...message }, done: false });

		res.writeHead(200, { "content-type": "application/x-ndjson", ...scenario.headers });
		if (scenario.reasoning) {
			for (const piece of pieces(scenario.reasoning, scenario.chunkChars ?? 24)) {
				if (!(await send(line({ content: "", thinking: piece })))) return;
			}
		}
		for (const part of piecesUpTo(content, scenario)) {
			if (!(await send(line({ content: part })))) return;
		}
		if (scenario.cut) {
			if (scenario.cut.then === "hang") return;
			if (scenario.cut.then === "destroy") {
				res.socket?.destroy();
				return;
			}
			// An error after the answer began: Ollama writes it as one more line and ends the stream.
			res.end(`${JSON.stringify({ error: scenario.cut.error?.message ?? "an error was encountered while running the model" })}\n`);
			return;
		}
		await send({ ...head, message: { role: "assistant", content: "" }, done_reason: doneReason, done: true, ...metrics });
		res.end();
	};

	/** Ollama's native routes, when the server plays Ollama; false for any other request. */
	const handleOllama = async (res: ServerResponse, request: RecordedRequest, path: string | undefined, ollama: FakeOllamaOptions): Promise<boolean> => {
		const fields = typeof request.body === "object" && request.body !== null ? (request.body as Record<string, unknown>) : {};
		if (request.method === "GET" && path === "/api/version") {
			res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
			res.end(JSON.stringify({ version: ollama.version ?? "0.12.6" }));
			return true;
		}
		if (request.method === "GET" && path === "/api/tags" && !options.ollamaTags) {
			res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
			const listed = models.map((name) => ({
				name,
				model: name,
				modified_at: "2026-11-30T10:00:00Z",
				size: 4_920_753_328,
				details: { format: "gguf", family: "llama" },
			}));
			res.end(JSON.stringify({ models: listed }));
			return true;
		}
		if (request.method === "POST" && path === "/api/show") {
			const model = typeof fields.model === "string" ? fields.model : typeof fields.name === "string" ? fields.name : "";
			if (!models.includes(model)) {
				await sendOllamaError(res, request, { kind: "error", status: 404, error: { message: `model '${model}' not found` } });
				return true;
			}
			res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
			res.end(JSON.stringify(ollamaShow(model, ollama)));
			return true;
		}
		if (request.method === "POST" && path === "/api/chat") {
			if (typeof fields.model !== "string" || fields.model === "") {
				await sendOllamaError(res, request, { kind: "error", status: 400, error: { message: "model is required" } });
				return true;
			}
			const scenario = pick(fields.model) ?? (models.includes(fields.model) ? { kind: "answer" as const } : undefined);
			if (!scenario) {
				await sendOllamaError(res, request, { kind: "error", status: 404, error: { message: `model "${fields.model}" not found, try pulling it first` } });
				return true;
			}
			if (scenario.kind === "sequence") throw new Error("fake-openai-server: a sequence cannot be queued or nested");
			if (scenario.kind === "error") await sendOllamaError(res, request, scenario);
			else await sendOllamaAnswer(res, fields, scenario, ollama);
			return true;
		}
		return false;
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const raw = await readBody(req);
		let body: unknown = raw === "" ? undefined : raw;
		try {
			if (raw !== "") body = JSON.parse(raw);
		} catch {
			// Kept as text: the recorded request shows what was sent.
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
		}
		const request: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers, body };
		requests.push(request);
		const path = request.path.split("?")[0];

		if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
			return sendError(res, request, { kind: "error", status: 401, error: echoAuthorization(request) });
		}
		if (options.ollama && (await handleOllama(res, request, path, options.ollama))) return;
		if (request.method === "GET" && path === "/api/tags" && options.ollamaTags) {
			res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
			const models = options.ollamaTags.map((name) => ({
				name,
				model: name,
				modified_at: "2026-11-30T10:00:00Z",
				size: 4_920_753_328,
				details: { format: "gguf", family: "llama" },
			}));
			res.end(JSON.stringify({ models }));
			return;
		}
		if (request.method === "GET" && path === "/v1/models") {
			if (queued[0]?.kind === "error") return sendError(res, request, queued.shift() as ErrorScenario);
			res.writeHead(200, { "content-type": "application/json" });
			res.end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model", created: CREATED, owned_by: "fake" })) }));
			return;
		}
		if (request.method === "POST" && path === "/v1/chat/completions") {
			if (typeof body !== "object" || body === null) {
				return sendError(res, request, {
					kind: "error",
					status: 400,
					error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" },
				});
			}
			const fields = body as Record<string, unknown>;
			if (typeof fields.model !== "string" || !Array.isArray(fields.messages)) {
				return sendError(res, request, {
					kind: "error",
					status: 400,
					error: { message: "you must provide a model parameter and a messages array", type: "invalid_request_error" },
				});
			}
			const refusal = options.reasoningModels?.includes(fields.model) ? reasoningModelRefusal(fields) : null;
			if (refusal) return sendError(res, request, refusal);
			const scenario = pick(fields.model) ?? (models.includes(fields.model) ? { kind: "answer" as const } : undefined);
			if (!scenario) return sendError(res, request, { kind: "error", status: 404, error: OPENAI_404(fields.model) });
			if (scenario.kind === "error") return sendError(res, request, scenario);
			if (scenario.kind === "sequence") throw new Error("fake-openai-server: a sequence cannot be queued or nested");
			return sendAnswer(res, fields, scenario);
		}
		// OpenAI's answer to an unknown path, which is what a base URL without /v1 produces.
		return sendError(res, request, {
			kind: "error",
			status: 404,
			error: { message: `Invalid URL (${request.method} ${path})`, type: "invalid_request_error" },
		});
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
			res.end(JSON.stringify({ error: { message: `fake server bug: ${String(error)}`, type: "server_error" } }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		chatRequests: () => requests.filter((r) => r.path.startsWith("/v1/chat/completions")),
		origin: `http://127.0.0.1:${port}`,
		ollamaChatRequests: () => requests.filter((r) => r.method === "POST" && r.path.split("?")[0] === "/api/chat"),
		queue: (...more) => {
			queued.push(...more);
		},
		setScenario: (model, scenario) => {
			scenarios.set(model, scenario);
			seen.delete(model);
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				// Hanging streams and slow handlers would otherwise keep close() waiting for ever.
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const CREATED_AT = "2026-01-01T00:00:00Z";

/** The prompt tokens a server reports reading: ceil(characters / 4), at most `context` when it truncates like Ollama. */
/** The tokens of the longest run of leading messages an earlier request also began with (OpenAI's rules, by whole messages). */
function cachedTokens(messages: readonly FakeMessage[], prefixes: Set<string>): number {
	let cached = 0;
	let key = "";
	for (const [i, message] of messages.entries()) {
		key += `\u0000${message.role}\u0000${String(message.content)}`;
		if (prefixes.has(key)) cached = promptRead(messages.slice(0, i + 1), undefined);
		prefixes.add(key);
	}
	return cached >= 1024 ? cached - (cached % 128) : 0;
}

function promptRead(messages: readonly FakeMessage[], context: number | undefined): number {
	const tokens = Math.ceil(messages.reduce((n, m) => n + String(m.content).length, 0) / 4);
	return context === undefined ? tokens : Math.min(tokens, context);
}

/** Ollama's POST /api/show answer for a llama-family model (its shape as of 0.12, the big token arrays left out). */
function ollamaShow(model: string, ollama: FakeOllamaOptions): Record<string, unknown> {
	const numCtx = ollama.modelfileContext === undefined ? "" : `\nPARAMETER num_ctx ${ollama.modelfileContext}`;
	return {
		license: "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT",
		modelfile: `# Modelfile generated by "ollama show"\n# To build a new Modelfile based on this, replace FROM with:\n# FROM ${model}\n\nFROM /root/.ollama/models/blobs/sha256-fake\nPARAMETER stop <|eot_id|>${numCtx}`,
		parameters: `stop                           "<|start_header_id|>"\nstop                           "<|eot_id|>"${ollama.modelfileContext === undefined ? "" : `\nnum_ctx                        ${ollama.modelfileContext}`}`,
		template:
			"{{ range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>\n\n{{ .Content }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>\n\n",
		details: { parent_model: "", format: "gguf", family: "llama", families: ["llama"], parameter_size: "8.0B", quantization_level: "Q4_K_M" },
		model_info: {
			"general.architecture": "llama",
			"general.file_type": 15,
			"general.parameter_count": 8_030_261_312,
			"general.quantization_version": 2,
			"llama.attention.head_count": 32,
			"llama.attention.head_count_kv": 8,
			"llama.block_count": 32,
			"llama.context_length": ollama.contextLength,
			"llama.embedding_length": 4096,
			"llama.feed_forward_length": 14_336,
			"llama.rope.freq_base": 500_000,
			"llama.vocab_size": 128_256,
			"tokenizer.ggml.model": "gpt2",
			"tokenizer.ggml.pre": "llama-bpe",
		},
		capabilities: ["completion", "tools"],
		modified_at: "2026-11-30T10:00:00Z",
	};
}

/**
 * Writes each piece, pausing after it; every third is split in two writes, as proxies and slow links deliver
 * them. Resolves false once the client has gone.
 */
function splitWriter(res: ServerResponse, pause: () => Promise<boolean>): (text: string) => Promise<boolean> {
	let pieces = 0;
	return async (text) => {
		pieces++;
		if (pieces % 3 === 0) {
			const half = Math.floor(text.length / 2);
			res.write(text.slice(0, half));
			if (!(await pause())) return false;
			res.write(text.slice(half));
		} else {
			res.write(text);
		}
		return pause();
	};
}

/** The content's stream pieces, ending where the scenario cuts the stream. */
function piecesUpTo(content: string, scenario: AnswerScenario): string[] {
	const cutAt = scenario.cut?.afterChars ?? Number.POSITIVE_INFINITY;
	const out: string[] = [];
	let sent = 0;
	for (const piece of pieces(content, scenario.chunkChars ?? 24)) {
		if (sent >= cutAt) break;
		const part = sent + piece.length > cutAt ? piece.slice(0, cutAt - sent) : piece;
		sent += part.length;
		out.push(part);
	}
	return out;
}

/** Splits by code points so that no chunk ends inside a surrogate pair. */
function pieces(text: string, size: number): string[] {
	const chars = Array.from(text);
	const out: string[] = [];
	for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
	return out;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const parts: Buffer[] = [];
		req.on("data", (part: Buffer) => parts.push(part));
		req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
		req.on("error", reject);
	});
}
