import { APIConnectionError, APIError } from "openai/error";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { InterruptedAnswerError, partialTextOf } from "../../../src/core/errors";
import type { Http } from "../../../src/core/http";
import type { ChatMessage, EndpointOptions } from "../../../src/core/model/chat-model";
import { redact, toSummaryError } from "../../../src/core/model/endpoint-errors";
import { listModels } from "../../../src/core/model/list-models";
import { createOllamaChatModel, type OllamaChatOptions } from "../../../src/core/model/ollama-chat";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { endpointMessage, resolveEndpoint } from "../../../src/core/model/resolve-endpoint";
import { FAKE_PARTIAL_TEXT, type FakeServer, reasoningModelRefusal, startFakeOpenAI } from "../../support/fake-openai-server";
import { failure } from "../../support/rejection";

const KEY = "sk-proj-SECRET0123456789abcdefXYZ";
const MESSAGES: ChatMessage[] = [{ role: "user", content: "<transcript>\n[0:00] hello there everyone and welcome\n</transcript>" }];

describe("endpoint errors from the fake server", () => {
	let server: FakeServer;
	const complete = (over: Partial<EndpointOptions> = {}) =>
		createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-model", stream: false, ...over }).complete({ messages: MESSAGES });

	beforeAll(async () => {
		// Retryable errors carry `retry-after-ms: 1`, so the SDK's two retries take no time.
		server = await startFakeOpenAI({ retryAfterMs: 1 });
	});
	afterAll(async () => {
		await server.close();
	});
	beforeEach(() => {
		server.requests.length = 0;
	});

	it.each([false, true])("401: says to check the key, and never repeats the key the server echoed (stream: %s)", async (stream) => {
		const error = await failure(complete({ model: "fake-401", stream }));
		expect(error.kind).toBe("config");
		expect(error.message).toBe(`The endpoint ${server.url} refused the API key (401). Check the API key in settings.`);
		// The fake did echo it: the detail keeps the server's words with the key scrubbed out.
		expect(error.detail).toContain("Incorrect API key provided: [redacted]");
		expect(error.detail).toContain('"Authorization: Bearer [redacted]"');
		for (const text of [error.message, error.detail ?? "", String(error), error.stack ?? "", JSON.stringify(error)]) {
			expect(text).not.toContain(KEY);
			expect(text).not.toContain("SECRET0123456789");
		}
		expect(server.requests).toHaveLength(1);
	});

	it("401 without a key: says to enter one", async () => {
		const error = await failure(complete({ model: "fake-401", apiKey: "" }));
		expect(error).toMatchObject({ kind: "config", message: `The endpoint ${server.url} needs an API key (401). Enter the API key in settings.` });
	});

	it("400 context_length_exceeded: the transcript is too long", async () => {
		const error = await failure(complete({ model: "fake-400-context" }));
		expect(error.kind).toBe("model");
		expect(error.message).toBe(
			"The transcript is too long for this model's context window (400). Choose a model with a larger context window, or raise the context size of the local server.",
		);
		expect(error.detail).toContain("maximum context length is 128000 tokens");
	});

	it("llama.cpp's exceed_context_size_error reads the same", async () => {
		server.queue({
			kind: "error",
			status: 400,
			error: { code: 400, message: "the request exceeds the available context size, try increasing it", type: "exceed_context_size_error" },
		});
		const error = await failure(complete());
		expect(error.message).toMatch(/^The transcript is too long for this model's context window \(400\)\./);
	});

	it.each([false, true])("404 model_not_found: names the model and the ones the endpoint offers (stream: %s)", async (stream) => {
		const error = await failure(complete({ model: "gpt-nope", stream }));
		expect(error).toMatchObject({
			kind: "config",
			message: `The model "gpt-nope" was not found at ${server.url}. Check the model name in settings. It offers: fake-model.`,
		});
	});

	it("Ollama's 404 without a code is recognised by its words", async () => {
		server.queue({ kind: "error", status: 404, error: { message: 'model "llama9" not found, try pulling it first', type: "api_error" } });
		const error = await failure(complete({ model: "llama9" }));
		expect(error.message).toBe(`The model "llama9" was not found at ${server.url}. Check the model name in settings. It offers: fake-model.`);
	});

	it("404 on a path: the base URL is missing /v1", async () => {
		const base = server.url.replace(/\/v1$/, "");
		const error = await failure(complete({ baseURL: base }));
		expect(error).toMatchObject({
			kind: "config",
			message: `The endpoint ${base} has no such API (404). Check the base URL in settings; it usually ends in /v1.`,
			detail: "Invalid URL (POST /chat/completions)",
		});
	});

	it("500: retried twice, then the server's message", async () => {
		const error = await failure(complete({ model: "fake-500" }));
		expect(error.kind).toBe("model");
		expect(error.message).toBe(
			`The endpoint ${server.url} failed with 500: The server had an error while processing your request. Sorry about that! Try again in a moment.`,
		);
		expect(server.chatRequests()).toHaveLength(3);
	});

	it("503 from llama.cpp while loading", async () => {
		const error = await failure(complete({ model: "fake-503-loading", stream: true }));
		expect(error).toMatchObject({ kind: "model", message: `The endpoint ${server.url} failed with 503: Loading model. Try again in a moment.` });
	});

	// Slept through, the two minutes would time the test out.
	it("429 with retry-after 120: shown at once with the wait, not slept through", async () => {
		const error = await failure(complete({ model: "fake-429-long" }));
		expect(error).toMatchObject({ kind: "model", message: `The endpoint ${server.url} is rate limiting requests (429). Try again in 2 min.` });
		expect(error.detail).toContain("Rate limit reached");
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("429 with retry-after-ms: the SDK retries twice after the short wait, then gives up", async () => {
		const error = await failure(complete({ model: "fake-429-ms" }));
		expect(error).toMatchObject({ kind: "model", message: `The endpoint ${server.url} is rate limiting requests (429). Try again in 1 s.` });
		expect(server.chatRequests()).toHaveLength(3);
	});

	it("429 insufficient_quota: a billing problem, not a wait", async () => {
		server.queue({
			kind: "error",
			status: 429,
			error: { message: "You exceeded your current quota.", type: "insufficient_quota", code: "insufficient_quota" },
			headers: { "x-should-retry": "false" },
		});
		const error = await failure(complete());
		expect(error).toMatchObject({
			kind: "config",
			message: `The account behind this API key has no quota left at ${server.url} (429). Check the plan and billing with the provider.`,
		});
	});

	it("400 for max_tokens under both of its names: says which setting", async () => {
		const refusal = reasoningModelRefusal({ max_tokens: 100 });
		if (refusal === null) throw new Error("the fake refuses max_tokens");
		// Tried once more as max_completion_tokens (see reasoning-models.test.ts); refused again, it is reported.
		server.queue(refusal, refusal);
		const error = await failure(complete({ maxTokens: 100, model: "fake-refusing" }));
		expect(error).toMatchObject({
			kind: "config",
			message: 'The model "fake-refusing" does not accept the "max_tokens" parameter (400). Clear that setting or choose another model.',
		});
	});

	it("other 4xx: status and the server's message", async () => {
		server.queue({ kind: "error", status: 422, error: { message: "messages[0].role is invalid", type: "invalid_request_error" } });
		const error = await failure(complete());
		expect(error).toMatchObject({
			kind: "model",
			message: `The endpoint ${server.url} rejected the request with 422: messages[0].role is invalid. Check the settings for this endpoint.`,
		});
	});

	it("an HTML error page from a proxy is reduced to its words", async () => {
		const page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
		server.queue(...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 502, error: page, headers: { "content-type": "text/html" } })));
		const error = await failure(complete());
		expect(error.message).toBe(`The endpoint ${server.url} failed with 502: 502 Bad Gateway 502 Bad Gateway. Try again in a moment.`);
	});

	it("a long server message is cut in the message and kept longer in the detail", async () => {
		const long = `Something broke: ${"word ".repeat(300)}end`;
		server.queue({ kind: "error", status: 418, error: { message: long } });
		const error = await failure(complete());
		expect(error.message.length).toBeLessThan(350);
		expect(error.message).toContain("…");
		expect(error.detail?.length).toBeGreaterThan(1000);
	});

	it("a mid-stream error event becomes a SummaryError that keeps the text received so far", async () => {
		const seen: string[] = [];
		const model = createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-stream-error", stream: true });
		const error = await failure(model.complete({ messages: MESSAGES, onText: (text) => seen.push(text) }));
		expect(error).toBeInstanceOf(InterruptedAnswerError);
		expect(error.kind).toBe("model");
		expect(error.message).toBe("The model stopped with an error while answering: The upstream provider disconnected. Try again.");
		expect(partialTextOf(error)).toBe(FAKE_PARTIAL_TEXT);
		expect(seen.at(-1)).toBe(FAKE_PARTIAL_TEXT);
	});

	it("a socket destroyed mid-stream is a network error that keeps the text received so far", async () => {
		const model = createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-stream-drop", stream: true });
		const error = await failure(model.complete({ messages: MESSAGES }));
		expect(error).toMatchObject({
			kind: "network",
			message: `The connection to ${server.url} broke off while the answer was arriving. Check that the server is still running, then try again.`,
		});
		expect(partialTextOf(error)).toBe(FAKE_PARTIAL_TEXT);
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("a 200 that is not a chat completion (a web page at the base URL) is a config error", async () => {
		const page: typeof fetch = async () => new Response("<!doctype html><title>Open WebUI</title>", { headers: { "content-type": "text/html" } });
		const error = await failure(complete({ fetch: page }));
		expect(error).toMatchObject({
			kind: "config",
			message: `The endpoint ${server.url} did not answer like an OpenAI-compatible server. Check the base URL in settings; it usually ends in /v1.`,
		});
	});

	it("a stream request answered with plain JSON says to turn streaming off", async () => {
		const plainJson: typeof fetch = async () =>
			new Response(
				JSON.stringify({ object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }] }),
				{
					headers: { "content-type": "application/json" },
				},
			);
		const error = await failure(complete({ fetch: plainJson, stream: true }));
		expect(error).toMatchObject({
			kind: "config",
			message: `The endpoint ${server.url} sent no streamed answer. Check the base URL in settings; it usually ends in /v1, or turn off streaming in settings.`,
		});
	});

	it.each([
		["", "No base URL is set. Enter the endpoint's base URL in settings."],
		["not a url", '"not a url" is not a valid base URL. Enter a URL such as http://localhost:11434/v1 in settings.'],
		["localhost:11434/v1", "The base URL localhost:11434/v1 must start with http:// or https://. Check it in settings."],
	])("refuses the base URL %j before any request", async (baseURL, message) => {
		const error = await failure(complete({ baseURL }));
		expect(error).toMatchObject({ kind: "config", message });
		expect(server.requests).toHaveLength(0);
	});
});

describe("toSummaryError", () => {
	const context = { baseURL: "https://api.example.com/v1", model: "m", apiKey: KEY };

	it("passes a SummaryError through, adding the partial text when there is some", () => {
		const original = new SummaryError("answer", "Bad answer.", "why");
		expect(toSummaryError(original, context)).toEqual(original);
		const withText = toSummaryError(original, { ...context, partialText: "so far" });
		expect(withText).toBeInstanceOf(InterruptedAnswerError);
		expect(withText).toMatchObject({ kind: "answer", message: "Bad answer.", detail: "why", partialText: "so far" });
	});

	it("maps a DOMException AbortError to cancelled, and a bare TypeError to a network error", () => {
		expect(toSummaryError(new DOMException("aborted", "AbortError"), context)).toMatchObject({ kind: "cancelled", message: "Summarization cancelled." });
		expect(toSummaryError(new TypeError("terminated"), context)).toMatchObject({ kind: "network", detail: "terminated" });
	});

	it("gives remote and LAN endpoints their own network hints", () => {
		const cause = new TypeError("fetch failed");
		expect(toSummaryError(new APIConnectionError({ cause }), context).message).toBe(
			"Could not reach https://api.example.com/v1. Check the base URL and that the server is running, and that this device is online.",
		);
		expect(toSummaryError(new APIConnectionError({ cause }), { ...context, baseURL: "http://192.168.1.20:8080/v1" }).message).toBe(
			"Could not reach http://192.168.1.20:8080/v1. Check the base URL and that the server is running, reachable from this device and allows requests from Obsidian (CORS).",
		);
	});

	it("maps anything else to a model error without throwing", () => {
		expect(toSummaryError("a string", context)).toMatchObject({ kind: "model", detail: "a string" });
		expect(toSummaryError(undefined, context).kind).toBe("model");
	});

	it("scrubs the key from a status error's body in every form", () => {
		const body = { message: `bad key ${KEY} / ${encodeURIComponent("x/y+" + KEY)} / token=Bearer other-secret-token` };
		const error = toSummaryError(new APIError(418, body, undefined, new Headers()), context);
		expect(error.message).not.toContain(KEY);
		expect(error.detail).not.toContain(KEY);
		expect(error.detail).not.toContain("other-secret-token");
	});
});

describe("redact", () => {
	it("replaces the raw, JSON-escaped and URL-encoded key, bearer tokens and sk- keys", () => {
		const key = 'ab/c+d"e==long';
		expect(redact(`k=${key} j=${JSON.stringify(key)} u=${encodeURIComponent(key)}`, key)).toBe('k=[redacted] j="[redacted]" u=[redacted]');
		expect(redact("Authorization: Bearer abc.def-ghi", "")).toBe("Authorization: Bearer [redacted]");
		expect(redact("key sk-live_abcdefgh1234 leaked", "")).toBe("key [redacted] leaked");
	});

	it("leaves text alone for a placeholder key under 4 characters", () => {
		expect(redact("error 401 at x", "x")).toBe("error 401 at x");
	});
});

describe("URL credentials and key-like query parameters never in a message", () => {
	const USER = "alice";
	const PASSWORD = "pa55word-0987";
	const PARAM = "PARAMSECRET-4321";
	const SECRETS = [KEY, "SECRET0123456789", PASSWORD, PARAM, `${USER}:`];
	const withCredentials = (url: string) => `${url.replace("://", `://${USER}:${PASSWORD}@`)}?api-key=${PARAM}&Token=${PARAM}`;
	/** Every text a host can show or write from an error. */
	const texts = (error: SummaryError) => [error.message, error.detail ?? "", partialTextOf(error), String(error), JSON.stringify(error)];
	const expectNoSecrets = (error: SummaryError) => {
		for (const text of texts(error)) for (const secret of SECRETS) expect(text).not.toContain(secret);
	};

	it("in every message toSummaryError builds, each naming the base URL without them", () => {
		const context = { baseURL: withCredentials("https://api.example.com/v1"), model: "m", apiKey: KEY, timeoutMs: 5000 };
		const echo = `${KEY} at ${context.baseURL}`;
		const errors: unknown[] = [
			...[401, 403, 404, 418, 422, 429, 500, 503].map((status) => new APIError(status, { message: `failed: ${echo}` }, undefined, new Headers())),
			new APIError(400, { message: `maximum context length exceeded ${echo}`, code: "context_length_exceeded" }, undefined, new Headers()),
			new APIError(404, { message: `model m not found ${echo}`, code: "model_not_found" }, undefined, new Headers()),
			new APIError(400, { message: `max_tokens is not supported ${echo}`, code: "unsupported_parameter" }, undefined, new Headers()),
			new APIError(429, { message: `no quota ${echo}`, code: "insufficient_quota" }, undefined, new Headers()),
			new APIError(undefined, { message: `stream error ${echo}` }, undefined, undefined),
			new APIConnectionError({ cause: new TypeError(`fetch failed for ${context.baseURL}`) }),
			new APIConnectionError({ cause: Object.assign(new Error(`socket closed ${context.baseURL}`), { code: "ECONNRESET" }) }),
			new DOMException("timed out", "TimeoutError"),
			new SyntaxError(`Unexpected token in ${echo}`),
			new TypeError(`terminated ${echo}`),
			new Error(`anything ${echo}`),
			`a string with ${echo}`,
		];
		for (const error of errors) {
			const summary = toSummaryError(error, { ...context, partialText: `so far ${echo}` });
			expectNoSecrets(summary);
		}
		expect(toSummaryError(errors[0], context).message).toBe(
			"The endpoint https://api.example.com/v1 refused the API key (401). Check the API key in settings.",
		);
	});

	describe("through the clients, against the fake server", () => {
		let server: FakeServer;
		let ollama: FakeServer;
		/**
		 * Node's fetch refuses a URL with credentials: this one takes them out, as another transport might. It also
		 * puts back the path the SDK appends after a base URL's query (`…?api-key=…%2Fchat%2Fcompletions`).
		 */
		const stripping: typeof fetch = (input, init) => {
			const url = String(input instanceof Request ? input.url : input).replace(`${USER}:${PASSWORD}@`, "");
			const query = `?api-key=${PARAM}&Token=${PARAM}`;
			const at = url.indexOf(query);
			return fetch(at < 0 ? url : url.slice(0, at) + decodeURIComponent(url.slice(at + query.length)), init);
		};
		const chat = (over: Partial<EndpointOptions> = {}) =>
			createChatModel({ baseURL: withCredentials(server.url), apiKey: KEY, model: "fake-model", stream: false, fetch: stripping, ...over }).complete({
				messages: MESSAGES,
			});

		beforeAll(async () => {
			server = await startFakeOpenAI({ retryAfterMs: 1 });
			ollama = await startFakeOpenAI({ ollama: { defaultContext: 4096, contextLength: 131_072 } });
		});
		afterAll(async () => {
			await server.close();
			await ollama.close();
		});

		it.each([false, true])("openai-chat, every kind of failure (stream: %s)", async (stream) => {
			const shown = server.url;
			const messages = new Map<string, SummaryError>();
			messages.set("401", await failure(chat({ model: "fake-401", stream })));
			messages.set("unknown model", await failure(chat({ model: "gpt-nope", stream })));
			messages.set("500", await failure(chat({ model: "fake-500", stream })));
			server.queue({ kind: "error", status: 502, error: `<html>${KEY} ${withCredentials(server.url)}</html>` });
			server.queue({ kind: "error", status: 502, error: `<html>${KEY}</html>` }, { kind: "error", status: 502, error: `<html>${KEY}</html>` });
			messages.set("502 page", await failure(chat({ stream })));
			messages.set(
				"not compatible",
				await failure(chat({ stream, fetch: async () => new Response("<!doctype html>", { headers: { "content-type": "text/html" } }) })),
			);
			messages.set("unreachable", await failure(chat({ stream, fetch: undefined })));
			messages.set("bad scheme", await failure(chat({ stream, baseURL: `ftp://${USER}:${PASSWORD}@host/v1?key=${PARAM}` })));
			if (stream) messages.set("cut", await failure(chat({ stream, model: "fake-stream-drop" })));
			for (const [what, error] of messages) {
				expectNoSecrets(error);
				if (what !== "bad scheme") expect(error.message, what).toContain(shown);
			}
			expect(messages.get("401")?.message).toBe(`The endpoint ${shown} refused the API key (401). Check the API key in settings.`);
			expect(messages.get("bad scheme")?.message).toBe("The base URL ftp://host/v1 must start with http:// or https://. Check it in settings.");
		});

		it("ollama-chat, every kind of failure", async () => {
			const base = withCredentials(ollama.url).replace(/\?.*$/, "");
			const model = (over: Partial<OllamaChatOptions> = {}) =>
				createOllamaChatModel({ baseURL: base, apiKey: KEY, model: "fake-model", stream: true, fetch: stripping, ...over }).complete({ messages: MESSAGES });
			const errors: SummaryError[] = [];
			ollama.queue({ kind: "error", status: 401, error: (request) => ({ message: `bad key ${request.headers.authorization ?? ""} for ${base}` }) });
			errors.push(await failure(model()));
			ollama.queue({ kind: "error", status: 500, error: { message: `out of memory ${KEY}` } });
			errors.push(await failure(model()));
			errors.push(await failure(model({ model: "not-pulled" })));
			errors.push(await failure(model({ fetch: async () => new Response("not json\n", { status: 200 }) })));
			errors.push(await failure(model({ fetch: undefined })));
			errors.push(await failure(model({ baseURL: `${base}?api-key=${PARAM}`, fetch: async () => new Response("nope", { status: 404 }) })));
			errors.push(await failure(model({ baseURL: `ftp://${USER}:${PASSWORD}@host/v1?key=${PARAM}` })));
			ollama.queue({ kind: "answer", content: `${KEY} ${FAKE_PARTIAL_TEXT}`, cut: { afterChars: 60, then: "destroy" } });
			errors.push(await failure(model()));
			for (const error of errors) expectNoSecrets(error);
			expect(errors[0]?.message).toBe(`The endpoint ${ollama.url} refused the API key (401). Check the API key in settings.`);
			expect(errors[2]?.message).toContain(`is not installed in Ollama at ${ollama.origin}.`);
			expect(partialTextOf(errors.at(-1))).toContain("[redacted]");
		});

		it("listModels", async () => {
			server.queue({
				kind: "error",
				status: 401,
				error: (request) => ({ message: `Incorrect key: ${request.headers.authorization ?? ""} at ${withCredentials(server.url)}` }),
			});
			const error = await failure(listModels({ baseURL: withCredentials(server.url), apiKey: "sk-wrong-0123456789", fetch: stripping }));
			expect(error.message).toBe(`The endpoint ${server.url} refused the API key (401). Check the API key in settings.`);
			expectNoSecrets(error);
			expect(texts(error).join(" ")).not.toContain("sk-wrong-0123456789");
			const unreachable = await failure(listModels({ baseURL: withCredentials(server.url), apiKey: KEY }));
			expectNoSecrets(unreachable);
		});

		it("resolveEndpoint and endpointMessage", async () => {
			const fail: Http = () =>
				Promise.reject(new Error(`fetch failed`, { cause: new Error(`cannot connect to ${withCredentials("https://h/v1")} with ${KEY}`) }));
			const refuse: Http = async () => ({ status: 401, headers: {}, text: "" });
			const config = { baseURL: withCredentials("https://proxy.example.com/v1"), chosen: true, apiKey: KEY, model: "m" };
			const problems = [
				await resolveEndpoint(config, { http: fail }),
				await resolveEndpoint(config, { http: refuse }),
				await resolveEndpoint({ ...config, baseURL: withCredentials("https://api.openai.com/v1"), apiKey: "" }, { http: fail }),
			];
			const messages = problems.map((resolved) => (resolved.ok ? "" : endpointMessage(resolved.problem)));
			expect(messages).toEqual([
				expect.stringMatching(
					/^Could not reach https:\/\/proxy\.example\.com\/v1 \(cannot connect to https:\/\/\[redacted\]@h\/v1\?api-key=\[redacted\]&Token=\[redacted\] with \[redacted\]\)\./,
				),
				"https://proxy.example.com/v1 refused the API key (401). Check the API key in settings.",
				expect.stringMatching(/^https:\/\/api\.openai\.com\/v1 needs an API key\./),
			]);
			for (const text of [...messages, JSON.stringify(problems)]) for (const secret of SECRETS) expect(text).not.toContain(secret);
			// A problem built elsewhere is shown the same way.
			expect(endpointMessage({ is: "key-refused", baseURL: withCredentials("https://h/v1"), status: 403 })).toBe(
				"https://h/v1 refused the API key (403). Check the API key in settings.",
			);
		});
	});
});
