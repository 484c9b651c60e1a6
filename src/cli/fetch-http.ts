import type { Http } from "../core/http";

/** The core's HTTP interface on Node's global fetch: the CLI has no CORS to get around. */
export const fetchHttp: Http = async (request) => {
	const response = await fetch(request.url, {
		method: request.method ?? "GET",
		...(request.headers ? { headers: request.headers } : {}),
		...(request.body !== undefined ? { body: request.body } : {}),
		...(request.signal ? { signal: request.signal } : {}),
	});
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name] = value));
	return { status: response.status, headers, text: await response.text() };
};
