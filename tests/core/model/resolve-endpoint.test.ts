import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fetchHttp } from "../../../src/cli/fetch-http";
import { findLocalServers, pickModel } from "../../../src/core/model/local-servers";
import { type EndpointConfig, resolveEndpoint } from "../../../src/core/model/resolve-endpoint";
import { type RefusingOrigin, refusingOrigin } from "../../support/closed-port";
import { type FakeServer, startFakeOpenAI } from "../../support/fake-openai-server";

const OPENAI = "https://api.openai.com/v1";

const origin = (server: FakeServer) => server.url.replace(/\/v1$/, "");

describe("finding a local model server", () => {
	let ollama: FakeServer;
	let lmStudio: FakeServer;
	let refusing: RefusingOrigin;
	let nowhere: string;
	beforeAll(async () => {
		ollama = await startFakeOpenAI({ models: ["llama3.1:latest"], ollamaTags: ["nomic-embed-text:latest", "llama3.1:latest", "qwen3:8b"] });
		lmStudio = await startFakeOpenAI({ models: ["text-embedding-nomic-embed-text-v1.5", "qwen2.5-7b-instruct"] });
		refusing = await refusingOrigin();
		nowhere = refusing.origin;
	});
	afterAll(async () => {
		await ollama.close();
		await lmStudio.close();
		await refusing.close();
	});

	it("lists the chat models of Ollama and LM Studio, without embedding models", async () => {
		expect(await findLocalServers(fetchHttp, { ollama: origin(ollama), lmStudio: origin(lmStudio) })).toEqual([
			{ name: "Ollama", baseURL: `${origin(ollama)}/v1`, models: ["llama3.1:latest", "qwen3:8b"] },
			{ name: "LM Studio", baseURL: `${origin(lmStudio)}/v1`, models: ["qwen2.5-7b-instruct"] },
		]);
		expect(await findLocalServers(fetchHttp, { ollama: nowhere, lmStudio: origin(lmStudio) })).toEqual([
			{ name: "LM Studio", baseURL: `${origin(lmStudio)}/v1`, models: ["qwen2.5-7b-instruct"] },
		]);
	});

	it("picks the model asked for when the server has it, with or without its tag, else the first", () => {
		const server = { name: "Ollama" as const, baseURL: "", models: ["llama3.1:latest", "qwen3:8b"] };
		expect([pickModel(server, "qwen3"), pickModel(server, "qwen3:8b"), pickModel(server, "gpt-4.1-mini"), pickModel(server, "")]).toEqual([
			"qwen3:8b",
			"qwen3:8b",
			"llama3.1:latest",
			"llama3.1:latest",
		]);
	});

	it("uses Ollama, with a model it has, when nothing is set up", async () => {
		const config: EndpointConfig = { baseURL: OPENAI, chosen: false, apiKey: "", model: "gpt-4.1-mini" };
		const resolved = await resolveEndpoint(config, { http: fetchHttp, places: { ollama: origin(ollama), lmStudio: nowhere } });
		expect(resolved).toEqual({
			ok: true,
			baseURL: `${origin(ollama)}/v1`,
			apiKey: "",
			model: "llama3.1:latest",
			found: [{ name: "Ollama", baseURL: `${origin(ollama)}/v1`, models: ["llama3.1:latest", "qwen3:8b"] }],
		});
	});

	it("says there is nothing to use when no key is set and no local server runs", async () => {
		const config: EndpointConfig = { baseURL: OPENAI, chosen: false, apiKey: "", model: "gpt-4.1-mini" };
		expect(await resolveEndpoint(config, { http: fetchHttp, places: { ollama: nowhere, lmStudio: nowhere } })).toEqual({
			ok: false,
			problem: { is: "nothing-to-use", baseURL: OPENAI },
		});
	});
});

describe("checking the endpoint before anything else", () => {
	let server: FakeServer;
	let refusing: RefusingOrigin;
	let nowhere: string;
	beforeAll(async () => {
		server = await startFakeOpenAI({ apiKey: "sk-right" });
		refusing = await refusingOrigin();
		nowhere = refusing.origin;
	});
	afterAll(async () => {
		await server.close();
		await refusing.close();
	});

	const resolve = (config: Partial<EndpointConfig>) =>
		resolveEndpoint(
			{ baseURL: server.url, chosen: true, apiKey: "sk-right", model: "fake-model", ...config },
			{ http: fetchHttp, places: { ollama: nowhere, lmStudio: nowhere } },
		);

	it("refuses a chosen hosted endpoint without a key, asking nothing of anyone", async () => {
		const before = server.requests.length;
		expect(await resolve({ baseURL: "https://openrouter.ai/api/v1", apiKey: "" })).toEqual({
			ok: false,
			problem: { is: "needs-key", baseURL: "https://openrouter.ai/api/v1" },
		});
		expect(server.requests.length).toBe(before);
	});

	it("says a server that does not answer is unreachable, and a refused key is refused", async () => {
		expect(await resolve({ baseURL: `${nowhere}/v1` })).toMatchObject({ ok: false, problem: { is: "unreachable", baseURL: `${nowhere}/v1` } });
		expect(await resolve({ apiKey: "sk-wrong" })).toEqual({ ok: false, problem: { is: "key-refused", baseURL: server.url, status: 401 } });
	});

	it("lets a reachable endpoint with its key through, as configured", async () => {
		expect(await resolve({})).toEqual({ ok: true, baseURL: server.url, apiKey: "sk-right", model: "fake-model" });
		expect(server.requests.find((r) => r.path === "/v1/models" && r.headers.authorization === "Bearer sk-right")).toMatchObject({ method: "GET" });
	});

	it("marks an endpoint that is Ollama, with the model's trained context, so its own API can set the context", async () => {
		const ollama = await startFakeOpenAI({ models: ["llama3.1:8b"], ollama: { defaultContext: 4096, contextLength: 131_072 } });
		try {
			const resolved = await resolveEndpoint(
				{ baseURL: ollama.url, chosen: true, apiKey: "", model: "llama3.1:8b" },
				{ http: fetchHttp, places: { ollama: nowhere, lmStudio: nowhere } },
			);
			expect(resolved).toEqual({ ok: true, baseURL: ollama.url, apiKey: "", model: "llama3.1:8b", ollama: { contextLength: 131_072, modelfileContext: null } });
		} finally {
			await ollama.close();
		}
	});
});
