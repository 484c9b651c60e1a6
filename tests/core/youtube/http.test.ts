import { afterEach, describe, expect, it, vi } from "vitest";

import { fetchAsGlobalFetch, type HttpRequest, type HttpResponse, withTimeout } from "../../../src/core/http";

function recorder(response: HttpResponse) {
	const requests: HttpRequest[] = [];
	return {
		requests,
		http: (request: HttpRequest) => {
			requests.push(request);
			return Promise.resolve(response);
		},
	};
}

describe("fetchAsGlobalFetch", () => {
	it("turns a fetch call into one Http request and the answer into a Response", async () => {
		const { http, requests } = recorder({ status: 404, headers: { "content-type": "text/plain" }, text: "missing" });
		const fetch = fetchAsGlobalFetch(http);
		const response = await fetch(new URL("https://www.youtube.com/youtubei/v1/player?prettyPrint=false"), {
			method: "POST",
			headers: { "Content-Type": "application/json", "User-Agent": "test/1" },
			body: '{"a":1}',
		});
		expect(requests).toEqual([
			{
				url: "https://www.youtube.com/youtubei/v1/player?prettyPrint=false",
				method: "POST",
				headers: { "content-type": "application/json", "user-agent": "test/1" },
				body: '{"a":1}',
			},
		]);
		expect(response.ok).toBe(false);
		expect(response.status).toBe(404);
		expect(response.headers.get("content-type")).toBe("text/plain");
		expect(await response.text()).toBe("missing");
	});

	it("defaults to GET, gives a null body where Response demands one, and refuses what Http cannot send", async () => {
		const { http, requests } = recorder({ status: 204, headers: {}, text: "" });
		const fetch = fetchAsGlobalFetch(http);
		const response = await fetch("https://example.com/x");
		expect(requests[0]?.method).toBe("GET");
		expect(response.status).toBe(204);
		await expect(fetch("https://example.com/x", { method: "PUT" })).rejects.toThrow("Unsupported method PUT.");
		await expect(fetch("https://example.com/x", { method: "POST", body: new Blob(["x"]) })).rejects.toThrow("Only text request bodies can be sent.");
		const controller = new AbortController();
		controller.abort();
		await expect(fetch("https://example.com/x", { signal: controller.signal })).rejects.toThrow("The request was cancelled.");
		expect(requests).toHaveLength(1);
	});
});

describe("withTimeout", () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it("rejects when no answer comes in time, and passes answers through otherwise", async () => {
		vi.useFakeTimers();
		const never = withTimeout(() => new Promise<HttpResponse>(() => undefined), 15_000);
		const pending = never({ url: "https://www.youtube.com/watch?v=M4gD1WSo5mA" });
		const check = expect(pending).rejects.toThrow("No answer from www.youtube.com within 15 s.");
		await vi.advanceTimersByTimeAsync(15_000);
		await check;
		const quick = withTimeout(() => Promise.resolve({ status: 200, headers: {}, text: "ok" }), 15_000);
		await expect(quick({ url: "https://www.youtube.com/" })).resolves.toEqual({ status: 200, headers: {}, text: "ok" });
	});
});
