import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { ChatMessage, EndpointOptions } from "../../../src/core/model/chat-model";
import { Conversation, type Progress } from "../../../src/core/model/conversation";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { FAKE_REASONING, FAKE_THINK_PREFIX, type FakeServer, startFakeOpenAI } from "../../support/fake-openai-server";

const MESSAGES: ChatMessage[] = [{ role: "user", content: "Say hello." }];
const ANSWER = "Hello there, this is the answer.";

/** The sampling and length fields of a recorded request body. */
function params(body: unknown): Record<string, unknown> {
	const { model: _m, messages: _x, stream: _s, stream_options: _o, ...rest } = body as Record<string, unknown>;
	return rest;
}

describe("reasoning models, as OpenAI's API treats them", () => {
	let server: FakeServer;
	const options = (model: string, over: Partial<EndpointOptions> = {}): EndpointOptions => ({
		baseURL: server.url,
		apiKey: "sk-test",
		model,
		stream: true,
		temperature: 0.2,
		maxTokens: 4096,
		reasoningEffort: "low",
		...over,
	});

	beforeAll(async () => {
		const refusing = ["gpt-5-mini", "o4-mini", "acme-large", "acme-large-2"];
		server = await startFakeOpenAI({ models: [...refusing, "llama3.1", "fake-model"], reasoningModels: refusing });
	});
	afterAll(() => server.close());
	beforeEach(() => {
		server.requests.length = 0;
		server.queue();
	});

	it.each(["gpt-5-mini", "o4-mini"])("asks %s with max_completion_tokens, room to think, no temperature and low effort, in one request", async (model) => {
		server.queue({ kind: "answer", content: ANSWER });
		const answer = await createChatModel(options(model)).complete({ messages: MESSAGES });
		expect(answer.text).toBe(ANSWER);
		expect(server.chatRequests().map((r) => params(r.body))).toEqual([{ max_completion_tokens: 4096 + 8192, reasoning_effort: "low" }]);
	});

	it("retries a model it did not know once per refused parameter, as OpenAI words the refusals, and remembers them", async () => {
		for (const stream of [true, false]) {
			const model = stream ? "acme-large" : "acme-large-2";
			server.requests.length = 0;
			server.queue({ kind: "answer", content: ANSWER }, { kind: "answer", content: ANSWER });
			const chat = createChatModel(options(model, { stream }));
			expect((await chat.complete({ messages: MESSAGES })).text).toBe(ANSWER);
			expect(server.chatRequests().map((r) => params(r.body))).toEqual([
				{ max_tokens: 4096, temperature: 0.2 },
				{ max_completion_tokens: 4096, temperature: 0.2 },
				{ max_completion_tokens: 4096 },
			]);
			// The next call, even from a new run, sends what works at once.
			expect((await createChatModel(options(model, { stream })).complete({ messages: MESSAGES })).text).toBe(ANSWER);
			expect(server.chatRequests()).toHaveLength(4);
			expect(params(server.chatRequests()[3]?.body)).toEqual({ max_completion_tokens: 4096 });
		}
	});

	it("leaves out what the settings leave unset", async () => {
		server.queue({ kind: "answer", content: ANSWER }, { kind: "answer", content: ANSWER });
		const unset = { temperature: undefined, maxTokens: undefined, reasoningEffort: undefined };
		await createChatModel({ ...options("llama3.1"), ...unset }).complete({ messages: MESSAGES });
		await createChatModel({ ...options("gpt-5-mini"), ...unset }).complete({ messages: MESSAGES });
		expect(server.chatRequests().map((r) => params(r.body))).toEqual([{}, {}]);
	});

	it("gives a local thinking model room for its thinking under the old parameter name", async () => {
		server.queue({ kind: "answer", content: ANSWER });
		await createChatModel({ ...options("llama3.1"), model: "fake-model" }).complete({ messages: MESSAGES });
		server.queue({ kind: "answer", content: ANSWER });
		await createChatModel(options("deepseek-r1:14b", { baseURL: server.url }))
			.complete({ messages: MESSAGES })
			.catch(() => undefined);
		const [plain, thinking] = server.chatRequests().map((r) => params(r.body));
		expect(plain).toEqual({ max_tokens: 4096, temperature: 0.2 });
		expect(thinking).toEqual({ max_tokens: 4096 + 8192, temperature: 0.2 });
	});
});

describe("thinking output", () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeOpenAI();
	});
	afterAll(() => server.close());

	async function progressOf(model: string): Promise<{ text: string; progress: Progress[] }> {
		const progress: Progress[] = [];
		if (model === "fake-model") server.queue({ kind: "answer", content: ANSWER, reasoning: FAKE_REASONING, reasoningField: "reasoning" });
		const chat = new Conversation(createChatModel({ baseURL: server.url, apiKey: "", model, stream: true }), (p) => progress.push(p), undefined);
		const answer = await chat.ask(MESSAGES, "summarizing", (n) => `Summarizing… ${n} characters`);
		return { text: answer.text, progress };
	}

	it("counts reasoning streamed in a field of its own apart from the answer, and never returns it", async () => {
		const { text, progress } = await progressOf("fake-model");
		expect(text).not.toContain(FAKE_REASONING);
		const thinking = progress.filter((p) => p.chars === 0);
		expect(thinking.length).toBeGreaterThan(0);
		expect(thinking.at(-1)).toEqual({
			stage: "summarizing",
			message: `Summarizing… 0 characters thinking… ${FAKE_REASONING.length} characters`,
			chars: 0,
			thinking: FAKE_REASONING.length,
		});
		expect(progress.at(-1)).toEqual({
			stage: "summarizing",
			message: `Summarizing… ${text.length} characters`,
			chars: text.length,
			thinking: FAKE_REASONING.length,
		});
	});

	it("counts a <think> block in the content as thinking, not as the answer", async () => {
		const { text, progress } = await progressOf("fake-think");
		expect(text.startsWith(FAKE_THINK_PREFIX)).toBe(true);
		const last = progress.at(-1);
		const thinkBlock = FAKE_THINK_PREFIX.trimEnd().length;
		expect(last?.chars).toBe(text.length - thinkBlock);
		expect(last?.thinking).toBe(thinkBlock + FAKE_REASONING.length);
		expect(progress.some((p) => p.message.includes("thinking…"))).toBe(true);
	});
});
