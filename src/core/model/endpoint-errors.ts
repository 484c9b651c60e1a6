import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai/error";

import { type ErrorKind, hostWords, InterruptedAnswerError, SummaryError } from "../errors";
import { displayURL, redact, withoutCutSecret } from "./secrets";

export { displayURL, redact } from "./secrets";

/** What the messages need to say where things went wrong; `apiKey` only so that it can be scrubbed out. */
export interface ErrorContext {
	/** As configured; messages show it through displayURL, without credentials or key-like query parameters. */
	baseURL: string;
	model: string;
	apiKey: string;
	timeoutMs?: number;
	/** The answer received before the failure, when the answer was streaming. */
	partialText?: string;
}

const MESSAGE_EXCERPT = 200;
const DETAIL_LIMIT = 2000;

/**
 * Turns anything the SDK, fetch or the stream decoder can throw into a SummaryError whose message says what to do
 * next. Nothing in the result ever contains the API key or the base URL's credentials, even when the server
 * echoes them back: the message, the detail and the partial answer all go through redact (the partial answer
 * without a last word that may be the start of the key, cut by the interruption).
 */
export function toSummaryError(error: unknown, context: ErrorContext): SummaryError {
	const { kind, message, detail } = describe(error, context);
	const safeMessage = redact(message, context.apiKey);
	const safeDetail = detail === undefined || detail.trim() === "" ? undefined : truncate(redact(detail, context.apiKey), DETAIL_LIMIT);
	if (context.partialText) return new InterruptedAnswerError(kind, safeMessage, redact(withoutCutSecret(context.partialText), context.apiKey), safeDetail);
	return new SummaryError(kind, safeMessage, safeDetail);
}

/**
 * The last step before an error leaves a model client: any error becomes a SummaryError (a SummaryError keeps
 * its kind and words, an interrupted answer its partial text), with every text in it redacted.
 */
export function safeError(error: unknown, context: ErrorContext): SummaryError {
	const partialText = context.partialText ?? (error instanceof InterruptedAnswerError ? error.partialText : undefined);
	return toSummaryError(error, partialText ? { ...context, partialText } : context);
}

interface Described {
	kind: ErrorKind;
	message: string;
	detail?: string;
}

function describe(error: unknown, context: ErrorContext): Described {
	const { model } = context;
	const baseURL = displayURL(context.baseURL);
	if (error instanceof SummaryError) return { kind: error.kind, message: error.message, detail: error.detail };
	if (error instanceof APIUserAbortError || nameOf(error) === "AbortError") {
		return { kind: "cancelled", message: "Summarization cancelled." };
	}
	if (error instanceof APIConnectionTimeoutError || nameOf(error) === "TimeoutError") {
		return { kind: "network", message: timeoutMessage(context) };
	}
	if (error instanceof APIConnectionError) {
		if (droppedAfterConnecting(error)) {
			return {
				kind: "network",
				message: `The connection to ${baseURL} dropped before the answer arrived. Check that the server is still running (a local server may have stopped or run out of memory), then try again.`,
				detail: causeChain(error),
			};
		}
		return {
			kind: "network",
			message: `Could not reach ${baseURL}. Check the base URL and that the server is running${networkHint(context.baseURL)}.`,
			detail: causeChain(error),
		};
	}
	if (error instanceof APIError) {
		// `instanceof` leaves the SDK error's type parameters as `any`; its fields have the default types.
		const said = serverMessage(error as APIError);
		if (typeof error.status === "number") return describeStatus(error as APIError, error.status, said, context);
		// An APIError without a status is an error event inside a 200 stream.
		return {
			kind: "model",
			message: `The model stopped with an error while answering: ${excerpt(said, context.apiKey)} Try again.`,
			detail: said,
		};
	}
	if (error instanceof SyntaxError) {
		return {
			kind: "model",
			message: `The endpoint ${baseURL} sent an answer that could not be read. Check that it is an OpenAI-compatible server${hostWords().turnOffStreaming}.`,
			detail: error.message,
		};
	}
	// fetch reports a connection that breaks while the body is read as a bare TypeError ("terminated", "network error").
	if (error instanceof TypeError) {
		return {
			kind: "network",
			message: `The connection to ${baseURL} broke off while the answer was arriving. Check that the server is still running, then try again.`,
			detail: causeChain(error),
		};
	}
	return {
		kind: "model",
		message: `The request to ${baseURL} for the model "${model}" failed. Try again.`,
		detail: error instanceof Error ? causeChain(error) : String(error),
	};
}

function describeStatus(error: APIError, status: number, said: string, context: ErrorContext): Described {
	const { model, apiKey } = context;
	const baseURL = displayURL(context.baseURL);
	const words = hostWords();
	const code = error.code === null || error.code === undefined ? "" : String(error.code);
	const lower = said.toLowerCase();

	if (status === 401 || status === 403) {
		const message =
			apiKey.trim() === ""
				? `The endpoint ${baseURL} needs an API key (${status}). Enter the API key ${words.apiKey}.`
				: `The endpoint ${baseURL} refused the API key (${status}). Check the API key ${words.apiKey}.`;
		return { kind: "config", message, detail: said };
	}
	if ((status === 400 || status === 413) && isContextOverflow(code, error.type, lower)) {
		return {
			kind: "model",
			message: `The transcript is too long for this model's context window (${status}). Choose a model with a larger context window, or raise the context size of the local server.`,
			detail: said,
		};
	}
	if ((status === 400 || status === 404) && isModelNotFound(status, code, lower, model)) {
		return {
			kind: "config",
			message: `The model "${model}" was not found at ${baseURL}. Check the model name ${words.model}.`,
			detail: said,
		};
	}
	if (status === 404) {
		// Without a word about the model, a 404 means the path does not exist: usually a base URL missing its /v1.
		return {
			kind: "config",
			message: `The endpoint ${baseURL} has no such API (404). Check the base URL ${words.baseURL}; it usually ends in /v1.`,
			detail: said,
		};
	}
	const param = unsupportedParameter(status, code, error.param, lower);
	if (param) {
		return {
			kind: "config",
			message: `The model "${model}" does not accept the "${param}" parameter (${status}). ${words.otherModel}`,
			detail: said,
		};
	}
	if (status === 429) {
		if (code === "insufficient_quota") {
			return {
				kind: "config",
				message: `The account behind this API key has no quota left at ${baseURL} (429). Check the plan and billing with the provider.`,
				detail: said,
			};
		}
		const wait = retryWaitMs(error.headers);
		const when = wait === null ? "Wait a minute and try again." : `Try again in ${formatWait(wait)}.`;
		return { kind: "model", message: `The endpoint ${baseURL} is rate limiting requests (429). ${when}`, detail: said };
	}
	if (status >= 500) {
		return {
			kind: "model",
			message: `The endpoint ${baseURL} failed with ${status}: ${excerpt(said, apiKey)} Try again in a moment.`,
			detail: said,
		};
	}
	return {
		kind: "model",
		message: `The endpoint ${baseURL} rejected the request with ${status}: ${excerpt(said, apiKey)} ${words.endpointSettings}`,
		detail: said,
	};
}

function isContextOverflow(code: string, type: string | undefined, lower: string): boolean {
	return (
		code === "context_length_exceeded" ||
		type === "exceed_context_size_error" || // llama.cpp server
		/context (?:length|window|size)|maximum context|too many tokens|prompt is too long/.test(lower)
	);
}

function isModelNotFound(status: number, code: string, lower: string, model: string): boolean {
	if (code === "model_not_found") return true;
	const mentionsModel = /\bmodel\b/.test(lower) || (model !== "" && lower.includes(model.toLowerCase()));
	if (status === 404) return mentionsModel;
	return mentionsModel && /not found|does not exist|no such|unknown model|not a valid model|invalid model/.test(lower);
}

const KNOWN_PARAMETERS = ["max_tokens", "temperature"];

/** Reasoning models (o-series, gpt-5) reject `max_tokens` and any `temperature` but the default. */
function unsupportedParameter(status: number, code: string, param: string | null | undefined, lower: string): string | null {
	if (status !== 400) return null;
	const unsupported = code === "unsupported_parameter" || code === "unsupported_value" || /unsupported|not supported/.test(lower);
	if (!unsupported) return null;
	if (param && KNOWN_PARAMETERS.includes(param)) return param;
	return KNOWN_PARAMETERS.find((name) => lower.includes(name)) ?? null;
}

function timeoutMessage({ baseURL, timeoutMs }: ErrorContext): string {
	const span = timeoutMs === undefined ? "too long" : formatWait(timeoutMs);
	return `The endpoint ${displayURL(baseURL)} sent nothing for ${span}. Check that the server is running and not overloaded${hostWords().raiseTimeout}.`;
}

/** Said after "Check the base URL and that the server is running", in the host's words. */
function networkHint(baseURL: string): string {
	let url: URL;
	try {
		url = new URL(baseURL);
	} catch {
		return "";
	}
	const { reach } = hostWords();
	const host = url.hostname.replace(/^\[|\]$/g, "");
	if (host === "localhost" || host === "::1" || host === "0.0.0.0" || host.startsWith("127.")) return reach.local;
	if (url.protocol === "http:") return reach.plainHttp;
	return reach.remote;
}

/** Codes of a connection that was open and then closed or reset by the other side (Node's fetch, undici). */
const DROPPED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

/**
 * The server was reached, then the connection dropped before any answer came (a local server that crashed
 * or ran out of memory on the prompt): not "could not reach". Browsers' fetch says only "Failed to fetch",
 * so there this stays the unreachable message.
 */
function droppedAfterConnecting(error: Error): boolean {
	let current: unknown = error.cause;
	for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === "string" && DROPPED.has(code)) return true;
		current = current.cause;
	}
	return false;
}

/** The wait a 429 or 5xx asks for, from `retry-after-ms` or `retry-after` (seconds or an HTTP date), as the SDK reads them. */
export function retryWaitMs(headers: Headers | undefined): number | null {
	const ms = headers?.get("retry-after-ms");
	if (ms) {
		const value = Number.parseFloat(ms);
		if (!Number.isNaN(value)) return Math.max(0, value);
	}
	const after = headers?.get("retry-after");
	if (!after) return null;
	const seconds = Number.parseFloat(after);
	if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(after);
	return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function formatWait(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 120) return `${seconds} s`;
	return `${Math.ceil(seconds / 60)} min`;
}

/** The server's own words: the body's `error.message`, a bare `error` string, or the raw body text. */
function serverMessage(error: APIError): string {
	const body: unknown = error.error;
	if (isRecord(body) && typeof body.message === "string") return body.message;
	if (typeof body === "string") return body;
	if (isRecord(body)) return JSON.stringify(body);
	if (/^\d{3} status code \(no body\)$/.test(error.message)) return "";
	const raw = error.message.replace(/^\d{3}\s+/, "");
	// Proxies answer errors with HTML pages; the tags only hide the words.
	return /<\/?[a-z][^<>]*>/i.test(raw) ? raw.replace(/<[^<>]*>/g, " ") : raw;
}

/** The messages of an error and its causes, each once, as fetch hides the reason in `cause`. */
export function causeChain(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
		if (current.message && !parts.includes(current.message)) parts.push(current.message);
		current = current.cause;
	}
	return parts.join(": ");
}

/** The server's words shortened to fit a message; they end a sentence of ours, so they get closing punctuation. */
function excerpt(said: string, apiKey: string): string {
	const text = truncate(redact(said, apiKey), MESSAGE_EXCERPT);
	if (text === "") return "(no message).";
	return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function truncate(text: string, limit: number): string {
	const flat = text.replace(/\s+/g, " ").trim();
	return flat.length <= limit ? flat : `${flat.slice(0, limit - 1).trimEnd()}…`;
}

function nameOf(error: unknown): string | undefined {
	return isRecord(error) && typeof error.name === "string" ? error.name : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}
