import { requestUrl } from "obsidian";

import { fetchAsGlobalFetch, type Http } from "../core/http";

function abortError(): Error {
	return new DOMException("The request was cancelled.", "AbortError");
}

/**
 * The core's HTTP interface on Obsidian's requestUrl, which no CORS policy blocks, on desktop and mobile.
 * requestUrl cannot be cancelled: on abort the caller is answered at once and the late response ignored.
 */
export const requestUrlHttp: Http = async (request) => {
	const { signal } = request;
	if (signal?.aborted) throw abortError();
	const pending = requestUrl({
		url: request.url,
		method: request.method ?? "GET",
		...(request.headers ? { headers: request.headers } : {}),
		...(request.body !== undefined ? { body: request.body } : {}),
		throw: false,
	});
	const response = await new Promise<Awaited<typeof pending>>((resolve, reject) => {
		const onAbort = () => reject(abortError());
		signal?.addEventListener("abort", onAbort, { once: true });
		pending.then(resolve, reject).finally(() => signal?.removeEventListener("abort", onAbort));
	});
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = value;
	return { status: response.status, headers, text: response.text };
};

/** A `fetch` for the openai SDK over requestUrl, for endpoints that refuse Obsidian's origin (CORS); it buffers, so no streaming. */
export const requestUrlFetch = fetchAsGlobalFetch(requestUrlHttp);
