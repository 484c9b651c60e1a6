import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { listModels } from "../../../src/core/model/list-models";
import { type FakeServer, startFakeOpenAI } from "../../support/fake-openai-server";

const KEY = "sk-list-0123456789abcdef";

describe("listModels", () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeOpenAI({ apiKey: KEY, models: ["llama3.1", "gpt-4.1-mini", "Qwen3-8B", "llama3.1"], retryAfterMs: 1 });
	});
	afterAll(async () => {
		await server.close();
	});

	it("returns the ids sorted and once each, from GET /models without telemetry headers", async () => {
		expect(await listModels({ baseURL: server.url, apiKey: KEY })).toEqual(["Qwen3-8B", "gpt-4.1-mini", "llama3.1"]);
		const request = server.requests.at(-1);
		expect(request).toMatchObject({ method: "GET", path: "/v1/models" });
		expect(Object.keys(request?.headers ?? {}).filter((name) => name.startsWith("x-stainless"))).toEqual([]);
	});

	it("maps a refused key like a chat call, without the key in the message or detail", async () => {
		const error = await listModels({ baseURL: server.url, apiKey: "sk-wrong-0123456789" }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SummaryError);
		expect(error).toMatchObject({ kind: "config", message: `The endpoint ${server.url} refused the API key (401). Check the API key in settings.` });
		expect(JSON.stringify(error) + String((error as SummaryError).detail)).not.toContain("sk-wrong-0123456789");
	});

	it("maps a base URL without /v1 to the base URL hint", async () => {
		const base = server.url.replace(/\/v1$/, "");
		await expect(listModels({ baseURL: base, apiKey: KEY })).rejects.toMatchObject({
			kind: "config",
			message: `The endpoint ${base} has no such API (404). Check the base URL in settings; it usually ends in /v1.`,
		});
	});

	it("retries a server error, then succeeds", async () => {
		server.queue({ kind: "error", status: 503, error: { code: 503, message: "Loading model", type: "unavailable_error" } });
		expect(await listModels({ baseURL: server.url, apiKey: KEY })).toHaveLength(3);
	});

	it("is cancelled by its signal", async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(listModels({ baseURL: server.url, apiKey: KEY }, controller.signal)).rejects.toMatchObject({ kind: "cancelled" });
	});
});
