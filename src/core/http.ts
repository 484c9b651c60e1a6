/**
 * The one HTTP interface every network call of the core goes through. The host supplies it: Obsidian's
 * `requestUrl` (which no CORS policy blocks, on desktop and mobile alike), Node's `fetch` in the CLI, a
 * replaying fake in tests. Keeping the core on this interface is what lets it run everywhere.
 */

export interface HttpRequest {
	url: string;
	method?: "GET" | "POST";
	headers?: Record<string, string>;
	body?: string;
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	text: string;
}

/** Answers every HTTP status, 4xx and 5xx included; rejects only when the network fails or the request is aborted. */
export type Http = (request: HttpRequest) => Promise<HttpResponse>;

export function isSuccess(response: HttpResponse): boolean {
	return response.status >= 200 && response.status < 300;
}

function abortError(): Error {
	return new DOMException("The request was cancelled.", "AbortError");
}

/**
 * Rejects when `ms` pass without an answer. `requestUrl` cannot be cancelled, so a hung request would
 * otherwise hold the user's command forever; the late answer is simply ignored.
 */
export function withTimeout(http: Http, ms: number): Http {
	return (request) =>
		new Promise<HttpResponse>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`No answer from ${new URL(request.url).host} within ${Math.round(ms / 1000)} s.`)), ms);
			http(request).then(
				(response) => {
					clearTimeout(timer);
					resolve(response);
				},
				(error: unknown) => {
					clearTimeout(timer);
					reject(error);
				},
			);
		});
}

function urlOf(input: RequestInfo | URL): string {
	if (typeof input === "string") return input;
	if (input instanceof URL) return input.href;
	return input.url;
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	new Headers(headers).forEach((value, key) => {
		out[key] = value;
	});
	return out;
}

// Statuses whose Response must not carry a body (the constructor throws otherwise).
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` built on `http`, for libraries that take one (`youtube-transcript`'s `config.fetch`). Only text
 * bodies are sent; the answer is buffered. The global `fetch` is blocked by CORS inside Obsidian, so a
 * library must never reach for it there.
 */
export function fetchAsGlobalFetch(http: Http): typeof fetch {
	return async (input, init) => {
		const signal = init?.signal ?? undefined;
		if (signal?.aborted) throw abortError();
		const body = init?.body;
		if (body !== undefined && body !== null && typeof body !== "string") throw new TypeError("Only text request bodies can be sent.");
		const method = (init?.method ?? "GET").toUpperCase();
		if (method !== "GET" && method !== "POST") throw new TypeError(`Unsupported method ${method}.`);
		const response = await http({
			url: urlOf(input),
			method,
			headers: headerRecord(init?.headers),
			...(typeof body === "string" ? { body } : {}),
			...(signal ? { signal } : {}),
		});
		// Response accepts only 200–599; anything else is no answer a library could use.
		const status = response.status >= 200 && response.status <= 599 ? response.status : 502;
		return new Response(NULL_BODY.has(status) ? null : response.text, { status, headers: response.headers });
	};
}
