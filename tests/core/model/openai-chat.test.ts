import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { ChatMessage, EndpointOptions } from "../../../src/core/model/chat-model";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { FAKE_ASK_FOR_TRANSCRIPT, FAKE_REASONING, FAKE_THINK_PREFIX, type FakeServer, fakeSummaryFor, startFakeOpenAI } from "../../support/fake-openai-server";

const KEY = "sk-test-0123456789abcdef";

const LINES = Array.from({ length: 30 }, (_, i) => {
	const at = i * 37;
	return `[${Math.floor(at / 60)}:${String(at % 60).padStart(2, "0")}] in part ${i} we talk about how the model learns from text and why that um matters for everyone who uses it every day at work`;
}).join("\n");

const CONVERSATION: ChatMessage[] = [
	{ role: "system", content: "You summarize videos." },
	{ role: "user", content: "Example first. Now, ask me for the <transcript> of the video." },
	{ role: "assistant", content: FAKE_ASK_FOR_TRANSCRIPT },
	{ role: "user", content: `<transcript>\n${LINES}\n</transcript>` },
];
const EXPECTED = fakeSummaryFor(LINES);

describe("createChatModel against the fake server", () => {
	let server: FakeServer;
	const options = (over: Partial<EndpointOptions> = {}): EndpointOptions => ({
		baseURL: server.url,
		apiKey: KEY,
		model: "fake-model",
		stream: false,
		...over,
	});

	beforeAll(async () => {
		server = await startFakeOpenAI();
	});
	afterAll(async () => {
		await server.close();
	});
	beforeEach(() => {
		server.requests.length = 0;
	});

	it("returns a plain answer with finish reason and usage, sending the settings", async () => {
		const model = createChatModel(options({ temperature: 0.2, maxTokens: 4096 }));
		expect(model.model).toBe("fake-model");
		const completion = await model.complete({ messages: CONVERSATION });
		expect(completion.text).toBe(EXPECTED);
		expect(completion.finishReason).toBe("stop");
		expect(completion.usage?.promptTokens).toBeGreaterThan(0);
		expect(completion.usage?.completionTokens).toBe(Math.ceil(EXPECTED.length / 4));
		expect(server.requests).toHaveLength(1);
		const request = server.requests[0];
		expect(request?.path).toBe("/v1/chat/completions");
		expect(request?.body).toEqual({ model: "fake-model", messages: CONVERSATION, temperature: 0.2, max_tokens: 4096, stream: false });
		expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
	});

	it("streams the same answer, calling onText with the growing text, and asks for usage", async () => {
		const seen: string[] = [];
		const completion = await createChatModel(options({ stream: true, maxTokens: 8000 })).complete({
			messages: CONVERSATION,
			onText: (text) => seen.push(text),
		});
		expect(completion).toEqual({
			text: EXPECTED,
			finishReason: "stop",
			usage: { promptTokens: expect.any(Number), completionTokens: Math.ceil(EXPECTED.length / 4) },
		});
		expect(seen.length).toBeGreaterThan(10);
		seen.forEach((text, i) => {
			expect(EXPECTED.startsWith(text)).toBe(true);
			if (i > 0) expect(text.length).toBeGreaterThan(seen[i - 1]?.length ?? 0);
		});
		expect(seen.at(-1)).toBe(EXPECTED);
		expect(server.requests[0]?.body).toMatchObject({
			model: "fake-model",
			messages: CONVERSATION,
			max_tokens: 8000,
			stream: true,
			stream_options: { include_usage: true },
		});
		expect(server.requests[0]?.body).not.toHaveProperty("temperature");
	});

	it("sends no x-stainless-* telemetry header, plain or streamed", async () => {
		await createChatModel(options()).complete({ messages: CONVERSATION });
		await createChatModel(options({ stream: true })).complete({ messages: CONVERSATION });
		expect(server.requests).toHaveLength(2);
		for (const request of server.requests) {
			expect(Object.keys(request.headers).filter((name) => name.startsWith("x-stainless"))).toEqual([]);
		}
	});

	it("sends a placeholder key when none is set, as local servers need one", async () => {
		await createChatModel(options({ apiKey: "  " })).complete({ messages: CONVERSATION });
		expect(server.requests[0]?.headers.authorization).toBe("Bearer no-key");
	});

	it("asks for the transcript when the conversation has none, like a real model given the seed prompt", async () => {
		const completion = await createChatModel(options({ stream: true })).complete({ messages: CONVERSATION.slice(0, 2) });
		expect(completion.text).toBe(FAKE_ASK_FOR_TRANSCRIPT);
	});

	it.each([false, true])("passes <think> content through and ignores reasoning_content (stream: %s)", async (stream) => {
		const seen: string[] = [];
		const completion = await createChatModel(options({ model: "fake-think", stream })).complete({
			messages: CONVERSATION,
			onText: (text) => seen.push(text),
		});
		expect(completion.text).toBe(FAKE_THINK_PREFIX + EXPECTED);
		expect(completion.text).not.toContain(FAKE_REASONING);
		expect(seen.join("")).not.toContain(FAKE_REASONING);
	});

	it.each([false, true])("ignores Ollama's reasoning field (stream: %s)", async (stream) => {
		const completion = await createChatModel(options({ model: "fake-reasoning", stream })).complete({ messages: CONVERSATION });
		expect(completion.text).toBe(EXPECTED);
	});

	it.each([false, true])("reports finish_reason length with the cut text (stream: %s)", async (stream) => {
		const completion = await createChatModel(options({ model: "fake-length", stream })).complete({ messages: CONVERSATION });
		expect(completion.text).toBe(EXPECTED.slice(0, 300));
		expect(completion.finishReason).toBe("length");
	});

	it("answers custom content exactly, keeping characters outside the BMP whole across chunks", async () => {
		const content = `${"😀 ünïcödé ".repeat(20)}\n\n### Done (0:00 - 1:00)`;
		server.setScenario("custom", { kind: "answer", content, chunkChars: 3 });
		const seen: string[] = [];
		const completion = await createChatModel(options({ model: "custom", stream: true })).complete({
			messages: CONVERSATION,
			onText: (text) => seen.push(text),
		});
		expect(completion.text).toBe(content);
		expect(seen.every((text) => !/[\uD800-\uDBFF]$/.test(text))).toBe(true);
	});

	it("leaves usage out when the server sends none", async () => {
		server.setScenario("no-usage", { kind: "answer", content: "Short answer." });
		const completion = await createChatModel(options({ model: "no-usage", stream: true })).complete({ messages: CONVERSATION });
		expect(completion.text).toBe("Short answer.");
		expect(completion.usage).toBeDefined();
		// The fake always reports usage; a server that does not is simulated by a fetch that strips it.
		const stripping: typeof fetch = async (input, init) => {
			const res = await fetch(input, init);
			const body = (await res.json()) as Record<string, unknown>;
			delete body.usage;
			return new Response(JSON.stringify(body), { status: res.status, headers: { "content-type": "application/json" } });
		};
		const bare = await createChatModel(options({ model: "no-usage", fetch: stripping })).complete({ messages: CONVERSATION });
		expect(bare).toEqual({ text: "Short answer.", finishReason: "stop" });
	});

	it("finishes the answer even when the progress callback throws", async () => {
		let calls = 0;
		const completion = await createChatModel(options({ stream: true })).complete({
			messages: CONVERSATION,
			onText: () => {
				calls++;
				throw new Error("view was closed");
			},
		});
		expect(completion.text).toBe(EXPECTED);
		expect(calls).toBeGreaterThan(10);
	});

	it("uses the injected fetch for every request", async () => {
		const urls: string[] = [];
		const recording: typeof fetch = (input, init) => {
			urls.push(String(input instanceof Request ? input.url : input));
			return fetch(input, init);
		};
		await createChatModel(options({ fetch: recording, stream: true })).complete({ messages: CONVERSATION });
		expect(urls).toEqual([`${server.url}/chat/completions`]);
	});

	it("tolerates a trailing slash and spaces around the base URL", async () => {
		const completion = await createChatModel(options({ baseURL: ` ${server.url}/ ` })).complete({ messages: CONVERSATION });
		expect(completion.text).toBe(EXPECTED);
		expect(server.requests[0]?.path).toBe("/v1/chat/completions");
	});
});
