import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { partialTextOf } from "../../../src/core/errors";
import type { ChatMessage, ChatModel } from "../../../src/core/model/chat-model";
import { createOllamaChatModel } from "../../../src/core/model/ollama-chat";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { type FakeServer, startFakeOpenAI } from "../../support/fake-openai-server";
import { failure } from "../../support/rejection";

const KEY = "sk-proj-ANSWER0123456789abcdefXYZ";
const LEAKS = [KEY, "ANSWER0123456789", "answer0123456789", "0123456789abcdef", "pa55word-0987"];
const MESSAGES: ChatMessage[] = [{ role: "user", content: "<transcript>\n[0:00] hello there everyone and welcome\n</transcript>" }];

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** An answer that repeats the key in the forms a model or a proxy might, split over lines and stream chunks. */
const LEAKY = [
	"### Section 1: Intro (0:00 - 1:00)",
	`1. The request carried "Authorization: Bearer ${KEY}".`,
	`2. Shouted: ${KEY.toUpperCase()}; whispered: ${KEY.toLowerCase()}.`,
	`3. Basic auth: ${b64(`user:${KEY}`)} and ${b64(KEY)}.`,
	`4. As HTML: ${[...KEY].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join("")}.`,
	`5. The proxy: https://alice:pa55word-0987@proxy.example.com/v1?api-key=${KEY}.`,
	"6. Ordinary words stay: the bearer of good news.",
].join("\n");

function expectClean(text: string): void {
	for (const leak of LEAKS) expect(text).not.toContain(leak);
}

describe("the model's answer never carries the key", () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeOpenAI({ ollama: { defaultContext: 4096, contextLength: 131_072 } });
	});
	afterAll(async () => {
		await server.close();
	});

	const models: [string, (stream: boolean) => ChatModel][] = [
		["openai-chat", (stream) => createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-model", stream })],
		["ollama-chat", (stream) => createOllamaChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-model", stream })],
	];

	describe.each(models)("%s", (_, model) => {
		it.each([false, true])("the answer and its progress (stream: %s)", async (stream) => {
			server.queue({ kind: "answer", content: LEAKY, chunkChars: 7 });
			const seen: string[] = [];
			const answer = await model(stream).complete({ messages: MESSAGES, onText: (text) => seen.push(text) });
			expectClean(answer.text);
			expect(answer.text).toContain('"Authorization: Bearer [redacted]"');
			expect(answer.text).toContain("https://[redacted]@proxy.example.com/v1?api-key=[redacted].");
			expect(answer.text.split("\n")[0]).toBe("### Section 1: Intro (0:00 - 1:00)");
			expect(answer.text.split("\n").at(-1)).toBe("6. Ordinary words stay: the bearer of good news.");
			if (stream) expect(seen.length).toBeGreaterThan(20);
			for (const text of seen) expectClean(text);
			// The progress holds back the word still arriving, which may be the start of the key.
			for (const text of seen) expect(text).not.toMatch(/sk-proj-A/i);
			if (stream) expect(answer.text.startsWith(seen.at(-1) ?? "-")).toBe(true);
		});

		it("the part kept from an interrupted answer", async () => {
			// Cut in the middle of the upper-cased key: its start must not be kept either.
			const cutAt = LEAKY.indexOf(KEY.toUpperCase()) + 12;
			server.queue({ kind: "answer", content: LEAKY, chunkChars: 3, cut: { afterChars: cutAt, then: "destroy" } });
			const error = await failure(model(true).complete({ messages: MESSAGES }));
			const partial = partialTextOf(error);
			expect(partial.length).toBeGreaterThan(100);
			expect(partial).toContain("[redacted]");
			expect(partial.endsWith("2. Shouted: ")).toBe(true);
			expect(partial).not.toMatch(/sk-proj/i);
			for (const text of [partial, error.message, error.detail ?? "", JSON.stringify(error)]) expectClean(text);
		});
	});

	it("an answer that echoes the Authorization header the client really sent", async () => {
		let sent = "";
		const echoing: typeof fetch = async (_input, init) => {
			sent = new Headers(init?.headers).get("authorization") ?? "";
			const content = `I cannot summarize this. Your request had the header Authorization: ${sent}, and the key ${sent.replace(/^Bearer /, "")}.`;
			return new Response(
				JSON.stringify({ object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }),
				{
					headers: { "content-type": "application/json" },
				},
			);
		};
		const answer = await createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-model", stream: false, fetch: echoing }).complete({
			messages: MESSAGES,
		});
		expect(sent).toBe(`Bearer ${KEY}`);
		expect(answer.text).toBe("I cannot summarize this. Your request had the header Authorization: Bearer [redacted], and the key [redacted].");
	});
});
