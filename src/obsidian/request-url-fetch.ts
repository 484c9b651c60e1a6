import { requestUrl } from "obsidian";

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	new Headers(headers).forEach((value, key) => {
		// requestUrl sets these itself; passing them on makes Electron reject the request.
		if (key !== "content-length" && key !== "host") out[key] = value;
	});
	return out;
}

function abortError(): Error {
	return new DOMException("The request was cancelled.", "AbortError");
}

/**
 * A `fetch` for the openai SDK that goes through Obsidian's requestUrl, which no CORS policy blocks.
 * It buffers the whole answer (so no streaming progress) and cannot cancel the request itself: on abort
 * the SDK is answered at once and the late response is ignored.
 */
export const requestUrlFetch: typeof globalThis.fetch = async (input, init) => {
	const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
	const signal = init?.signal ?? undefined;
	if (signal?.aborted) throw abortError();
	const body = init?.body;
	if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof ArrayBuffer)) {
		throw new TypeError("requestUrl can only send text or binary bodies.");
	}
	const request = requestUrl({
		url,
		method: init?.method ?? "GET",
		headers: headerRecord(init?.headers),
		...(body !== undefined && body !== null ? { body } : {}),
		throw: false,
	});
	const response = await new Promise<Awaited<typeof request>>((resolve, reject) => {
		const onAbort = () => reject(abortError());
		signal?.addEventListener("abort", onAbort, { once: true });
		request.then(resolve, reject).finally(() => signal?.removeEventListener("abort", onAbort));
	});
	const nullBody = response.status === 204 || response.status === 304;
	return new Response(nullBody ? null : response.arrayBuffer, { status: response.status, headers: response.headers });
};
