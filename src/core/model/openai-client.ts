// Subpath imports keep the Azure and Bedrock clients, which the package root re-exports, out of main.js (~60 KB).
import { OpenAI } from "openai/client";
import { APIUserAbortError } from "openai/error";

import { hostWords, SummaryError } from "../errors";
import type { EndpointOptions } from "./chat-model";
import { retryWaitMs } from "./endpoint-errors";
import { displayURL } from "./secrets";

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

/** Throws a config SummaryError when the base URL cannot be used; its message shows the URL without credentials. */
export function createOpenAIClient(settings: ClientSettings): OpenAI {
	return new OpenAI({
		baseURL: checkBaseURL(settings.baseURL),
		// Local servers ignore the key but the SDK refuses to send a request without one.
		apiKey: settings.apiKey.trim() || "no-key",
		// Obsidian's renderer looks like a browser to the SDK; the key is the user's own.
		dangerouslyAllowBrowser: true,
		fetch: retrying(settings.fetch, settings.onRetry),
		// Retried by `retrying`, not by the SDK, which would also retry a timed-out request: twice more, so
		// that a 300 s timeout could cost 15 minutes.
		maxRetries: 0,
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
		throw new SummaryError("config", `"${displayURL(baseURL)}" is not a valid base URL. Enter a URL such as http://localhost:11434/v1 ${where}.`);
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new SummaryError("config", `The base URL ${displayURL(baseURL)} must start with http:// or https://. Check it ${where}.`);
	}
	return baseURL;
}

/** Retries after the first attempt, as the SDK's default. */
export const MAX_RETRIES = 2;

/** The SDK's backoff when the server names no wait: 0.5 s, 1 s, … up to 8 s, less up to a quarter of jitter. */
function backoffMs(attempt: number): number {
	return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25);
}

/** Waits, unless the request's signal (the timeout or a cancel) aborts first. */
function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
	return new Promise((resolve, reject) => {
		const abort = () => {
			clearTimeout(timer);
			reject(new DOMException("The operation was aborted.", "AbortError"));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener("abort", abort);
			resolve();
		}, ms);
		if (signal?.aborted) abort();
		else signal?.addEventListener("abort", abort, { once: true });
	});
}

/**
 * The endpoint's fetch, with the retries the SDK would make, but one: a request that times out is not tried
 * again. Rate limits and server errors (408, 409, 429, 5xx) and connection errors are retried up to
 * MAX_RETRIES times, after the wait the server asks for (up to MAX_RETRY_WAIT_MS; a longer one is reported at
 * once, with the wait in it) or a short backoff; `onRetry` hears of each, so a wait shows in the progress
 * instead of looking like a hang. The SDK's timeout covers this whole call, the retries and their waits
 * included, so a request never waits longer than the timeout for its answer to begin; when it fires (or the
 * user cancels) the signal aborts, and the abort is never retried.
 */
function retrying(inner: typeof fetch | undefined, onRetry: ClientSettings["onRetry"]): typeof fetch {
	return async (input, init) => {
		const signal = init?.signal;
		for (let attempt = 0; ; attempt++) {
			const last = attempt >= MAX_RETRIES;
			let response: Response;
			try {
				response = await endpointFetch(inner)(input, init);
			} catch (e) {
				if (signal?.aborted || last) throw e;
				await sleep(backoffMs(attempt), signal);
				continue;
			}
			const retryable = response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
			if (!retryable || last || response.headers.get("x-should-retry") === "false") return response;
			const wait = retryWaitMs(response.headers);
			if (wait !== null && wait > MAX_RETRY_WAIT_MS) return response;
			onRetry?.({ status: response.status, waitMs: wait });
			await response.body?.cancel().catch(() => undefined);
			await sleep(wait ?? backoffMs(attempt), signal);
		}
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
