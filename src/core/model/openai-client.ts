// Subpath imports keep the Azure and Bedrock clients, which the package root re-exports, out of main.js (~60 KB).
import { OpenAI } from "openai/client";
import { APIUserAbortError } from "openai/error";

import { hostWords, SummaryError } from "../errors";
import type { EndpointOptions } from "./chat-model";
import { retryWaitMs } from "./endpoint-errors";

export type ClientSettings = Pick<EndpointOptions, "baseURL" | "apiKey" | "fetch" | "timeoutMs" | "onRetry">;

/**
 * Longest server-requested wait the SDK may sleep through before retrying. openai 6.x honours any Retry-After,
 * so a 429 with `retry-after: 120` would otherwise hang silently for minutes, twice; above this the error is
 * shown at once with the wait in it.
 */
export const MAX_RETRY_WAIT_MS = 10_000;

/** The SDK's telemetry headers fail CORS preflights on servers that allow-list headers; null removes them. */
const NO_TELEMETRY_HEADERS: Record<string, null> = {
	"X-Stainless-Lang": null,
	"X-Stainless-Package-Version": null,
	"X-Stainless-OS": null,
	"X-Stainless-Arch": null,
	"X-Stainless-Runtime": null,
	"X-Stainless-Runtime-Version": null,
	"X-Stainless-Retry-Count": null,
	"X-Stainless-Timeout": null,
	"X-Stainless-Helper-Method": null,
	"X-Stainless-Poll-Helper": null,
	"X-Stainless-Custom-Poll-Interval": null,
};

/** Throws a config SummaryError when the base URL cannot be used. */
export function createOpenAIClient(settings: ClientSettings): OpenAI {
	return new OpenAI({
		baseURL: checkBaseURL(settings.baseURL),
		// Local servers ignore the key but the SDK refuses to send a request without one.
		apiKey: settings.apiKey.trim() || "no-key",
		// Obsidian's renderer looks like a browser to the SDK; the key is the user's own.
		dangerouslyAllowBrowser: true,
		fetch: capRetryWait(settings.fetch, settings.onRetry),
		maxRetries: 2,
		timeout: normalizeTimeout(settings.timeoutMs),
		defaultHeaders: NO_TELEMETRY_HEADERS,
	});
}

/** The SDK's own default. */
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The SDK only accepts a positive whole number of milliseconds. */
export function normalizeTimeout(timeoutMs: number | undefined): number {
	if (timeoutMs === undefined || !Number.isFinite(timeoutMs) || timeoutMs <= 0) return DEFAULT_TIMEOUT_MS;
	return Math.max(1, Math.round(timeoutMs));
}

function checkBaseURL(raw: string): string {
	const baseURL = raw.trim();
	// An empty baseURL would make the SDK fall back to api.openai.com, or to process.env on desktop.
	const where = hostWords().baseURL;
	if (baseURL === "") throw new SummaryError("config", `No base URL is set. Enter the endpoint's base URL ${where}.`);
	let url: URL;
	try {
		url = new URL(baseURL);
	} catch {
		throw new SummaryError("config", `"${baseURL}" is not a valid base URL. Enter a URL such as http://localhost:11434/v1 ${where}.`);
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new SummaryError("config", `The base URL ${baseURL} must start with http:// or https://. Check it ${where}.`);
	}
	return baseURL;
}

/**
 * Marks retryable answers that ask for a longer wait than MAX_RETRY_WAIT_MS as not to be retried, and tells
 * `onRetry` about the others, so that a wait shows in the progress instead of looking like a hang.
 */
function capRetryWait(inner: typeof fetch | undefined, onRetry: ClientSettings["onRetry"]): typeof fetch {
	return async (input, init) => {
		const response = await endpointFetch(inner)(input, init);
		const retryable = response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
		if (!retryable) return response;
		const wait = retryWaitMs(response.headers);
		if (wait === null || wait <= MAX_RETRY_WAIT_MS) {
			if (response.headers.get("x-should-retry") !== "false") onRetry?.({ status: response.status, waitMs: wait });
			return response;
		}
		const headers = new Headers(response.headers);
		headers.set("x-should-retry", "false");
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	};
}

/**
 * The fetch an endpoint's requests go through: the one given (a requestUrl adapter, a test's), else the global
 * fetch, looked up at each call so that a fetch replaced after start-up (tests, polyfills) is the one used.
 * In Obsidian the default is the global fetch, not requestUrl, because only fetch streams the answer and can be
 * cancelled (requestUrl buffers it and takes no AbortSignal); endpoints that refuse Obsidian's origin (CORS) use
 * the requestUrl transport instead. This is the one place that reaches for the global fetch, which is why
 * eslint.config.mjs sets aside no-restricted-globals' `fetch` entry for this file.
 */
export function endpointFetch(given: typeof fetch | undefined): typeof fetch {
	return given ?? ((input, init) => fetch(input, init));
}

/**
 * Rejects as soon as the signal aborts. The SDK checks the signal only between attempts, so a cancel during a
 * retry wait would otherwise be noticed only when the wait ends.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return promise;
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(new APIUserAbortError());
		if (signal.aborted) {
			onAbort();
		} else {
			signal.addEventListener("abort", onAbort, { once: true });
		}
		promise.then(
			(value) => {
				signal.removeEventListener("abort", onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener("abort", onAbort);
				reject(error);
			},
		);
	});
}
