import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { FAKE_ASK_FOR_TRANSCRIPT, FAKE_INVENTED_QUOTE, fakeAnswerFor, type FakeServer, fakeSummaryFor, startFakeOpenAI } from "./fake-openai-server";

const TRANSCRIPT = [
	"[0:00] so um today we are going to talk about how large language models actually work under the hood and why it matters",
	"[0:15] Andrej: a large language model is just two files right there is a parameters file and a run file",
	"[0:31] the parameters file is about 140 gigabytes because every one of the 70 billion parameters is stored as two bytes",
	"[0:52] uh training is a lot more involved than inference. You take roughly ten terabytes of text from the internet and compress it into the weights.",
	"[1:10] you need about 6,000 gpus running for 12 days and it costs about two million dollars which is a lot",
	"[1:01:31] and so that's the basic picture of how we get from the internet to a model that you can talk to on your laptop",
].join("\n");

interface SseEvent {
	data: string;
}

function parseSse(raw: string): SseEvent[] {
	return raw
		.split(/\r?\n\r?\n/)
		.map((block) => block.split(/\r?\n/).filter((line) => line.startsWith("data: ")))
		.filter((lines) => lines.length > 0)
		.map((lines) => ({ data: lines.map((line) => line.slice(6)).join("\n") }));
}

async function post(server: FakeServer, body: unknown): Promise<Response> {
	return fetch(`${server.url}/chat/completions`, {
		method: "POST",
		headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
		body: JSON.stringify(body),
	});
}

const ask = (content: string) => [{ role: "user", content }];

describe("fake OpenAI server", () => {
	let server: FakeServer;
	beforeEach(async () => {
		server = await startFakeOpenAI({ models: ["fake-model", "b-model", "a-model"] });
	});
	afterEach(async () => {
		await server.close();
	});

	it("listens on 127.0.0.1 and lists its models", async () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		const res = await fetch(`${server.url}/models`);
		const body = (await res.json()) as { object: string; data: { id: string; object: string }[] };
		expect(body.object).toBe("list");
		expect(body.data.map((m) => m.id)).toEqual(["fake-model", "b-model", "a-model"]);
		expect(body.data[0]?.object).toBe("model");
	});

	it("answers a plain request with a chat.completion and usage, and records the request", async () => {
		const res = await post(server, { model: "fake-model", messages: ask(`<transcript>\n${TRANSCRIPT}\n</transcript>`), max_tokens: 5000 });
		expect(res.headers.get("content-type")).toContain("application/json");
		const body = (await res.json()) as {
			object: string;
			choices: { message: { role: string; content: string }; finish_reason: string }[];
			usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
		};
		expect(body.object).toBe("chat.completion");
		expect(body.choices[0]?.message).toMatchObject({ role: "assistant", content: fakeSummaryFor(TRANSCRIPT) });
		expect(body.choices[0]?.finish_reason).toBe("stop");
		expect(body.usage.prompt_tokens).toBeGreaterThan(0);
		expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: "POST",
			path: "/v1/chat/completions",
			headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
			body: { model: "fake-model", max_tokens: 5000 },
		});
	});

	it("streams SSE: role first, split events, keep-alive comments, finish_reason, a usage chunk with no choices, then [DONE]", async () => {
		const res = await post(server, {
			model: "fake-model",
			messages: ask(`<transcript>\n${TRANSCRIPT}\n</transcript>`),
			stream: true,
			stream_options: { include_usage: true },
		});
		expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
		const reads: string[] = [];
		const decoder = new TextDecoder();
		for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) reads.push(decoder.decode(part, { stream: true }));
		const raw = reads.join("");
		expect(raw.startsWith(": keep-alive\n\n")).toBe(true);
		expect(raw.match(/^: keep-alive$/gm)?.length).toBe(2);
		expect(raw.endsWith("data: [DONE]\n\n")).toBe(true);
		// Some reads end inside a JSON event, as they do behind proxies.
		expect(reads.some((read) => /data: \{[^\n]*$/.test(read))).toBe(true);

		const events = parseSse(raw);
		expect(events.at(-1)?.data).toBe("[DONE]");
		const chunks = events.slice(0, -1).map(
			(e) =>
				JSON.parse(e.data) as {
					object: string;
					choices: { delta: { role?: string; content?: string | null }; finish_reason: string | null }[];
					usage?: { prompt_tokens: number };
				},
		);
		expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
		expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
		const usageChunk = chunks.at(-1);
		expect(usageChunk?.choices).toEqual([]);
		expect(usageChunk?.usage?.prompt_tokens).toBeGreaterThan(0);
		expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
		const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
		expect(text).toBe(fakeSummaryFor(TRANSCRIPT));
	});

	it("leaves out the usage chunk unless include_usage is asked for, and can use \\r\\n line endings", async () => {
		server.setScenario("crlf-model", { kind: "answer", content: "Hello there, this is the whole answer.", crlf: true });
		const raw = await (await post(server, { model: "crlf-model", messages: ask("hi"), stream: true })).text();
		expect(raw).toContain("\r\n\r\n");
		expect(raw.replace(/\r\n/g, "")).not.toMatch(/\n/);
		const events = parseSse(raw)
			.slice(0, -1)
			.map((e) => JSON.parse(e.data) as { choices: unknown[] });
		expect(events.every((e) => e.choices.length === 1)).toBe(true);
	});

	it("asks for the transcript until a user turn holds a closed <transcript> block", async () => {
		const seedLike = "… Now, ask me for the <transcript> of the video for you to analyze and summarize.";
		expect(fakeAnswerFor([{ role: "user", content: seedLike }])).toBe(FAKE_ASK_FOR_TRANSCRIPT);
		expect(FAKE_ASK_FOR_TRANSCRIPT).toMatch(/^<thinking>[\s\S]+<\/thinking>\n\nPlease share the transcript of the video you'd like me to summarize\.$/);
		const conversation = [
			{ role: "user", content: seedLike },
			{ role: "assistant", content: FAKE_ASK_FOR_TRANSCRIPT },
			{ role: "user", content: `<transcript>\n${TRANSCRIPT}\n</transcript>` },
		];
		expect(fakeAnswerFor(conversation)).toBe(fakeSummaryFor(TRANSCRIPT));
		const body = (await (await post(server, { model: "fake-model", messages: conversation.slice(0, 1) })).json()) as {
			choices: { message: { content: string } }[];
		};
		expect(body.choices[0]?.message.content).toBe(FAKE_ASK_FOR_TRANSCRIPT);
	});

	it("cuts the answer at max_tokens (4 characters a token) with finish_reason length", async () => {
		const body = (await (await post(server, { model: "fake-model", messages: ask(`<transcript>\n${TRANSCRIPT}\n</transcript>`), max_tokens: 10 })).json()) as {
			choices: { message: { content: string }; finish_reason: string }[];
		};
		expect(body.choices[0]?.message.content).toBe(fakeSummaryFor(TRANSCRIPT).slice(0, 40));
		expect(body.choices[0]?.finish_reason).toBe("length");
	});

	it("answers unknown models with OpenAI's 404 model_not_found and unknown paths with 404 Invalid URL", async () => {
		const res = await post(server, { model: "nope", messages: ask("hi") });
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: { code: "model_not_found", message: expect.stringContaining("nope") } });
		const wrong = await fetch(server.url.replace(/\/v1$/, "/chat/completions"), { method: "POST", body: "{}" });
		expect(wrong.status).toBe(404);
		expect(await wrong.json()).toMatchObject({ error: { message: "Invalid URL (POST /chat/completions)" } });
	});

	it("checks the key when given one, echoing the rejected header back", async () => {
		const keyed = await startFakeOpenAI({ apiKey: "sk-right-key" });
		try {
			const res = await fetch(`${keyed.url}/models`, { headers: { authorization: "Bearer sk-wrong-key-123" } });
			expect(res.status).toBe(401);
			expect(JSON.stringify(await res.json())).toContain("Bearer sk-wrong-key-123");
			const ok = await fetch(`${keyed.url}/models`, { headers: { authorization: "Bearer sk-right-key" } });
			expect(ok.status).toBe(200);
		} finally {
			await keyed.close();
		}
	});

	it("serves queued one-shot scenarios before the model's, and sequences per model", async () => {
		server.queue({ kind: "error", status: 500, error: { message: "queued failure" } });
		expect((await post(server, { model: "fake-model", messages: ask("hi") })).status).toBe(500);
		expect((await post(server, { model: "fake-model", messages: ask("hi") })).status).toBe(200);
		const first = await post(server, { model: "fake-429-once", messages: ask("hi") });
		expect(first.status).toBe(429);
		expect(first.headers.get("retry-after")).toBe("1");
		expect((await post(server, { model: "fake-429-once", messages: ask("hi") })).status).toBe(200);
		expect((await post(server, { model: "fake-429-once", messages: ask("hi") })).status).toBe(200);
	});

	it("sends llama.cpp's 503 body and a mid-stream error event without [DONE]", async () => {
		const loading = await post(server, { model: "fake-503-loading", messages: ask("hi") });
		expect(loading.status).toBe(503);
		expect(await loading.json()).toMatchObject({ error: { code: 503, message: "Loading model", type: "unavailable_error" } });
		const raw = await (await post(server, { model: "fake-stream-error", messages: ask("hi"), stream: true })).text();
		const events = parseSse(raw);
		expect(JSON.parse(events.at(-1)?.data ?? "{}")).toMatchObject({ error: { message: "The upstream provider disconnected" } });
		expect(raw).not.toContain("[DONE]");
	});

	it("closes promptly while a stream hangs", async () => {
		const res = await post(server, { model: "fake-stream-hang", messages: ask("hi"), stream: true });
		const reader = (res.body as ReadableStream<Uint8Array>).getReader();
		await reader.read();
		// A close that waited for the hanging stream would time the test out.
		await server.close();
		await expect(
			reader.read().then(async function drain(r): Promise<unknown> {
				return r.done ? r : reader.read().then(drain);
			}),
		).rejects.toThrow();
	});
});

describe("fakeSummaryFor", () => {
	it("makes five sections for six lines, with ranges, two summary sentences and three quotes each", () => {
		const summary = fakeSummaryFor(`<transcript>\n${TRANSCRIPT}\n</transcript>`);
		expect(summary).toMatch(/^<thinking>\n[^<]+\n<\/thinking>\n\n<summary>\n/);
		expect(summary.endsWith("\n</summary>")).toBe(true);
		const headings = summary.match(/^### .*$/gm) ?? [];
		expect(headings).toEqual([
			"### Section 1: so um today we are (0:00 - 0:15)",
			"### Section 2: a large language model is (0:15 - 0:31)",
			"### Section 3: the parameters file is about (0:31 - 0:52)",
			"### Section 4: uh training is a lot (0:52 - 1:10)",
			"### Section 5: you need about 6,000 gpus (1:10 - 1:01:31)",
		]);
		for (const section of summary.replace("\n</summary>", "").split("### ").slice(1)) {
			expect(section).toMatch(/\)\n1\. The speaker opens [^\n]+\.\n2\. It closes [^\n]+\.\n\nQuotes:\n/);
			expect(section.split("Quotes:\n")[1]?.trim().split("\n")).toHaveLength(3);
		}
	});

	it("copies the first quote exactly, re-punctuates the second, and invents the third only in the last section", () => {
		const lines = Array.from({ length: 24 }, (_, i) => {
			const m = String(i).padStart(2, "0");
			return `[${i}:${m}] Speaker ${i} says um the thing number ${i} is that we built a system which grew over ${i} years and then it changed everything for the team and for us`;
		});
		const transcript = lines.join("\n");
		const summary = fakeSummaryFor(transcript);
		const spoken = lines.map((line) => line.replace(/^\[[\d:]+\] /, "")).join("\n");
		const sections = summary.replace("\n</summary>", "").split("### ").slice(1);
		expect(sections).toHaveLength(5);
		sections.forEach((section, k) => {
			const quotes = (section.split("Quotes:\n")[1] ?? "")
				.trim()
				.split("\n")
				.map((q) => q.replace(/^\d\. /, ""));
			const [exact, reworded, third] = quotes as [string, string, string];
			expect(exact).toMatch(/^".+"$/);
			expect(spoken).toContain(exact.slice(1, -1));
			expect(reworded).toMatch(/^“[A-Z].*\.”$/);
			expect(spoken).not.toContain(reworded.slice(1, -1));
			expect(reworded).not.toMatch(/\bum\b/);
			// Same words once case, punctuation and the filler are set aside.
			const bare = (s: string) =>
				s
					.toLowerCase()
					.replace(/[^a-z0-9 ]/g, "")
					.replace(/\b(um|uh)\b/g, "")
					.replace(/\s+/g, " ")
					.trim();
			expect(bare(spoken)).toContain(bare(reworded));
			if (k === sections.length - 1) {
				expect(third).toBe(`"${FAKE_INVENTED_QUOTE}"`);
			} else {
				expect(spoken).toContain(third.slice(1, -1));
				expect(new Set(quotes).size).toBe(3);
			}
		});
		expect(spoken).not.toContain(FAKE_INVENTED_QUOTE);
		expect(fakeSummaryFor(transcript, { invented: "none" })).not.toContain(FAKE_INVENTED_QUOTE);
		expect(fakeSummaryFor(transcript, { invented: "every" }).split(FAKE_INVENTED_QUOTE)).toHaveLength(6);
	});

	it("gives untimed transcripts sections without ranges, and is deterministic", () => {
		const plain = Array.from({ length: 10 }, (_, i) => `plain line ${i} with enough words to make a quote from it here`).join("\n");
		const summary = fakeSummaryFor(plain);
		expect(summary).toBe(fakeSummaryFor(plain));
		expect(summary.match(/^### Section \d: plain line \d with enough$/gm)).toHaveLength(5);
	});
});
