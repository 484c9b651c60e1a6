import type { RequestUrlParam } from "obsidian";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createChatModel } from "../../src/core/model/openai-chat";
import { requestUrlFetch } from "../../src/obsidian/request-url-http";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import { requestUrlCalls, resetFake, setRequestUrlHandler } from "../support/obsidian-fake";

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI();
});
afterAll(() => server.close());

/** Obsidian's requestUrl, played by a real HTTP request from Node: buffered, no CORS, no abort. */
async function forward(req: RequestUrlParam) {
	const response = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body as string | undefined });
	const headers: Record<string, string> = {};
	response.headers.forEach((v, k) => (headers[k] = v));
	return { status: response.status, headers, arrayBuffer: await response.arrayBuffer() };
}

beforeEach(() => {
	resetFake();
	setRequestUrlHandler(forward);
});

describe("requestUrlFetch, the transport for endpoints that block Obsidian's origin", () => {
	it("carries the openai SDK's whole exchange through requestUrl, without streaming", async () => {
		const model = createChatModel({ baseURL: server.url, apiKey: "sk-x", model: "fake-model", stream: false, fetch: requestUrlFetch });
		const answer = await model.complete({ messages: [{ role: "user", content: "Hello" }] });
		expect(answer.text).toContain("Please share the transcript");
		expect(requestUrlCalls.map((c) => [c.method, c.url, c.throw])).toEqual([["POST", `${server.url}/chat/completions`, false]]);
		expect(requestUrlCalls[0]?.headers?.authorization).toBe("Bearer sk-x");
		expect(JSON.parse(String(requestUrlCalls[0]?.body))).toMatchObject({ model: "fake-model", messages: [{ role: "user", content: "Hello" }] });
		expect(JSON.parse(String(requestUrlCalls[0]?.body)).stream).toBe(false);
	});

	it("hands error statuses to the SDK instead of throwing, so the user gets the endpoint's own reason", async () => {
		const model = createChatModel({ baseURL: server.url, apiKey: "sk-x", model: "no-such-model", stream: false, fetch: requestUrlFetch });
		await expect(model.complete({ messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
			kind: "config",
			message: expect.stringContaining('The model "no-such-model" was not found'),
		});
	});

	it("answers a cancel at once and ignores the late response", async () => {
		setRequestUrlHandler(() => new Promise(() => undefined));
		const controller = new AbortController();
		const pending = requestUrlFetch(`${server.url}/models`, { signal: controller.signal });
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: "AbortError" });
	});
});
