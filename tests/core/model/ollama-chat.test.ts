import { readFileSync } from "node:fs";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { fetchHttp } from "../../../src/cli/fetch-http";
import { InterruptedAnswerError, partialTextOf } from "../../../src/core/errors";
import type { Http } from "../../../src/core/http";
import type { ChatMessage, ChatModel, Completion } from "../../../src/core/model/chat-model";
import { PROMPT_CUT } from "../../../src/core/model/conversation";
import {
	CONTEXT_STEP,
	createOllamaChatModel,
	describeOllamaContext,
	type OllamaChatOptions,
	type OllamaContext,
	ollamaContextFor,
	ollamaModelInfo,
	ollamaRoot,
} from "../../../src/core/model/ollama-chat";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { SEED_TEMPLATE } from "../../../src/core/prompt/seed-template";
import { estimatePromptTokens } from "../../../src/core/usage/usage";
import { summarize, type SummaryNote } from "../../../src/summarize";
import { refusingOrigin } from "../../support/closed-port";
import {
	FAKE_ASK_FOR_TRANSCRIPT,
	FAKE_PARTIAL_TEXT,
	FAKE_REASONING,
	type FakeServer,
	fakeSummaryFor,
	type RecordedRequest,
	startFakeOpenAI,
} from "../../support/fake-openai-server";
import { exampleInput } from "../../support/prompt-example";
import { failure } from "../../support/rejection";
import { sharedTranscript } from "../../support/shared-transcripts";
import { until } from "../../support/until";

const KEY = "sk-test-0123456789abcdef";
const DEFAULT_CONTEXT = 4096;
const TRAINED_CONTEXT = 131_072;

const LINES = Array.from({ length: 30 }, (_, i) => {
	const at = i * 37;
	return `[${Math.floor(at / 60)}:${String(at % 60).padStart(2, "0")}] in part ${i} we talk about how the model learns from text and why that um matters for everyone who uses it every day at work`;
}).join("\n");

/** The seed prompt's conversation for a short transcript: about 5,000 tokens by our estimate, more than Ollama's default 4096. */
const CONVERSATION: ChatMessage[] = [
	{ role: "user", content: SEED_TEMPLATE },
	{ role: "assistant", content: FAKE_ASK_FOR_TRANSCRIPT },
	{ role: "user", content: `<transcript>\n${LINES}\n</transcript>` },
];
const EXPECTED = fakeSummaryFor(LINES);
const CHARS = CONVERSATION.reduce((n, m) => n + m.content.length, 0);

interface OllamaBody {
	model: string;
	stream: boolean;
	messages: ChatMessage[];
	options: { num_ctx: number; num_predict?: number; temperature?: number };
	think?: string;
}

function bodyOf(request: RecordedRequest | undefined): OllamaBody {
	return request?.body as OllamaBody;
}

describe("createOllamaChatModel against the fake Ollama", () => {
	let server: FakeServer;
	const options = (over: Partial<OllamaChatOptions> = {}): OllamaChatOptions => ({
		baseURL: server.url,
		apiKey: "",
		model: "fake-model",
		stream: true,
		maxTokens: 8192,
		...over,
	});

	beforeAll(async () => {
		server = await startFakeOpenAI({ models: ["fake-model", "qwen3:8b"], ollama: { defaultContext: DEFAULT_CONTEXT, contextLength: TRAINED_CONTEXT } });
	});
	afterAll(() => server.close());
	beforeEach(() => {
		server.requests.length = 0;
	});

	it("streams the answer from /api/chat, with a context that holds the prompt and the answer", async () => {
		const seen: string[] = [];
		const contexts: OllamaContext[] = [];
		const model = createOllamaChatModel(options({ onContext: (c) => contexts.push(c) }));
		const answer = await model.complete({ messages: CONVERSATION, onText: (text) => seen.push(text) });
		expect(answer.text).toBe(EXPECTED);
		expect(answer.finishReason).toBe("stop");
		// The fake read the whole prompt, where Ollama's default context would have held 4096 tokens of it.
		expect(answer.usage).toEqual({ promptTokens: Math.ceil(CHARS / 4), completionTokens: Math.ceil(EXPECTED.length / 4) });
		expect(answer.usage?.promptTokens).toBeGreaterThan(DEFAULT_CONTEXT);
		expect(seen.length).toBeGreaterThan(10);
		expect(seen.at(-1)).toBe(EXPECTED);

		const [request] = server.ollamaChatRequests();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/chat"]);
		const body = bodyOf(request);
		expect(body.model).toBe("fake-model");
		expect(body.stream).toBe(true);
		expect(body.messages).toEqual(CONVERSATION);
		const estimate = estimatePromptTokens(CONVERSATION);
		expect(body.options.num_ctx % CONTEXT_STEP).toBe(0);
		expect(body.options.num_ctx).toBeGreaterThanOrEqual(estimate + 8192);
		expect(body.options.num_ctx).toBeLessThan(estimate * 1.2 + 8192 + 2 * CONTEXT_STEP);
		expect(body.options.num_predict).toBe(8192);
		expect(body.options).not.toHaveProperty("temperature");
		expect(request?.headers.authorization).toBeUndefined();
		expect(contexts).toEqual([{ numCtx: body.options.num_ctx, promptTokens: estimate, answerTokens: 8192, capped: false, promptFits: true }]);
	});

	it("answers in one JSON object without streaming, sending the temperature and the key", async () => {
		const seen: string[] = [];
		const model = createOllamaChatModel(options({ stream: false, temperature: 0.2, maxTokens: 4096, apiKey: KEY }));
		const answer = await model.complete({ messages: CONVERSATION, onText: (text) => seen.push(text) });
		expect(answer).toEqual({
			text: EXPECTED,
			finishReason: "stop",
			usage: { promptTokens: Math.ceil(CHARS / 4), completionTokens: Math.ceil(EXPECTED.length / 4) },
		});
		expect(seen).toEqual([]);
		const [request] = server.ollamaChatRequests();
		const body = bodyOf(request);
		expect(body.stream).toBe(false);
		expect(body.options).toEqual({
			num_ctx: ollamaContextFor(CONVERSATION, { model: "fake-model", maxTokens: 4096 }).numCtx,
			num_predict: 4096,
			temperature: 0.2,
		});
		expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
	});

	it("caps num_ctx at the context limit, says so, and then the fake reads only what fits", async () => {
		const contexts: OllamaContext[] = [];
		const model = createOllamaChatModel(options({ contextLimit: 6000, onContext: (c) => contexts.push(c) }));
		const answer = await model.complete({ messages: CONVERSATION });
		expect(bodyOf(server.ollamaChatRequests()[0]).options.num_ctx).toBe(6000);
		expect(contexts[0]).toMatchObject({ numCtx: 6000, capped: true, promptFits: true });
		expect(describeOllamaContext(contexts[0] as OllamaContext, "fake-model")).toMatch(/^Ollama's context for fake-model is set to its limit of 6,000 tokens/);
		expect(answer.usage?.promptTokens).toBe(Math.min(Math.ceil(CHARS / 4), 6000));

		const tight = createOllamaChatModel(options({ contextLimit: 2048, onContext: (c) => contexts.push(c) }));
		const cut = await tight.complete({ messages: CONVERSATION });
		expect(contexts[1]).toMatchObject({ numCtx: 2048, capped: true, promptFits: false });
		expect(describeOllamaContext(contexts[1] as OllamaContext, "fake-model")).toMatch(
			/larger than the 2,048-token context fake-model can have, so Ollama drops its start/,
		);
		// A prompt that did not fit keeps the count Ollama gave, so that the run can warn about it.
		expect(cut.usage?.promptTokens).toBe(2048);
	});

	it("never asks for a smaller context than it already did, since another num_ctx reloads the model", async () => {
		const model = createOllamaChatModel(options());
		await model.complete({ messages: CONVERSATION });
		await model.complete({ messages: [{ role: "user", content: SEED_TEMPLATE }] });
		const [first, second] = server.ollamaChatRequests().map((r) => bodyOf(r).options.num_ctx);
		expect(second).toBe(first);
		expect(ollamaContextFor([{ role: "user", content: SEED_TEMPLATE }], { model: "fake-model", maxTokens: 8192 }).numCtx).toBeLessThan(first ?? 0);
	});

	it("gives a model that thinks aloud room for its thinking, counted apart and never in the text", async () => {
		server.setScenario("qwen3:8b", { kind: "answer", reasoning: FAKE_REASONING, reasoningField: "reasoning" });
		let reasoning = 0;
		const model = createOllamaChatModel(options({ model: "qwen3:8b" }));
		const answer = await model.complete({ messages: CONVERSATION, onText: (_text, chars) => (reasoning = chars) });
		expect(answer.text).toBe(EXPECTED);
		expect(answer.text).not.toContain(FAKE_REASONING);
		expect(reasoning).toBe(FAKE_REASONING.length);
		const body = bodyOf(server.ollamaChatRequests()[0]);
		expect(body.options.num_predict).toBe(8192 + 8192);
		expect(body.options.num_ctx).toBeGreaterThanOrEqual(estimatePromptTokens(CONVERSATION) + 8192 + 8192);

		const plain = await createOllamaChatModel(options({ model: "qwen3:8b", stream: false })).complete({ messages: CONVERSATION });
		expect(plain.text).toBe(EXPECTED);
	});

	it("sends gpt-oss its thinking level as `think`", async () => {
		server.queue({ kind: "answer" });
		await createOllamaChatModel(options({ model: "gpt-oss:20b", reasoningEffort: "low" })).complete({ messages: CONVERSATION });
		expect(bodyOf(server.ollamaChatRequests()[0]).think).toBe("low");
	});

	it("cancels before the answer and while it streams, keeping what arrived", async () => {
		const before = new AbortController();
		const hanging = createOllamaChatModel(options({ model: "fake-hang" })).complete({ messages: CONVERSATION, signal: before.signal });
		// Cancelled once Ollama has the request and the answer is awaited, not after a guessed time.
		void until(() => server.ollamaChatRequests().length === 1).then(() => before.abort());
		const early = await failure(hanging);
		expect(early.kind).toBe("cancelled");
		expect(partialTextOf(early)).toBe("");
		expect(server.ollamaChatRequests()).toHaveLength(1);

		const midway = new AbortController();
		const streaming = createOllamaChatModel(options({ model: "fake-stream-hang" })).complete({
			messages: CONVERSATION,
			signal: midway.signal,
			onText: (text) => {
				if (text === FAKE_PARTIAL_TEXT) midway.abort();
			},
		});
		const late = await failure(streaming);
		expect(late.kind).toBe("cancelled");
		expect(late).toBeInstanceOf(InterruptedAnswerError);
		expect(partialTextOf(late)).toBe(FAKE_PARTIAL_TEXT);

		const already = new AbortController();
		already.abort();
		expect((await failure(createOllamaChatModel(options()).complete({ messages: CONVERSATION, signal: already.signal }))).kind).toBe("cancelled");
	});

	it("gives up on a stream that goes silent, keeping what arrived", async () => {
		const error = await failure(createOllamaChatModel(options({ model: "fake-stream-hang", timeoutMs: 200 })).complete({ messages: CONVERSATION }));
		expect(error.kind).toBe("network");
		expect(error.message).toMatch(/sent nothing for 1 s/);
		expect(partialTextOf(error)).toBe(FAKE_PARTIAL_TEXT);
	});

	it("says to pull a model Ollama does not have", async () => {
		const error = await failure(createOllamaChatModel(options({ model: "llama9:70b" })).complete({ messages: CONVERSATION }));
		expect(error.kind).toBe("config");
		expect(error.message).toBe(
			`The model "llama9:70b" is not installed in Ollama at ${server.origin}. Pull it with \`ollama pull llama9:70b\`, or choose another model in settings.`,
		);
		expect(error.detail).toBe('model "llama9:70b" not found, try pulling it first');
	});

	it("says when Ollama is not running", async () => {
		const { origin, close } = await refusingOrigin();
		try {
			const error = await failure(createOllamaChatModel(options({ baseURL: `${origin}/v1` })).complete({ messages: CONVERSATION }));
			expect(error.kind).toBe("network");
			expect(error.message).toBe(`Could not reach Ollama at ${origin}. Check that it is running (ollama serve).`);
		} finally {
			await close();
		}
	});

	it("keeps the text of a stream cut midway, for a connection dropped and for Ollama's error line", async () => {
		const dropped = await failure(createOllamaChatModel(options({ model: "fake-stream-drop" })).complete({ messages: CONVERSATION }));
		expect(dropped).toBeInstanceOf(InterruptedAnswerError);
		// "network" with text: the pipeline asks once more.
		expect(dropped.kind).toBe("network");
		expect(dropped.message).toMatch(/broke off while the answer was arriving/);
		expect(partialTextOf(dropped)).toBe(FAKE_PARTIAL_TEXT);

		const failed = await failure(createOllamaChatModel(options({ model: "fake-stream-error" })).complete({ messages: CONVERSATION }));
		expect(failed).toBeInstanceOf(InterruptedAnswerError);
		expect(failed.kind).toBe("model");
		expect(failed.message).toBe("The model stopped with an error while answering: The upstream provider disconnected. Try again.");
		expect(partialTextOf(failed)).toBe(FAKE_PARTIAL_TEXT);
	});

	it("shows Ollama's own words for other errors, never the API key", async () => {
		server.queue({ kind: "error", status: 500, error: { message: `llama runner process has terminated: exit status 2 (key ${KEY})` } });
		const crashed = await failure(createOllamaChatModel(options({ apiKey: KEY })).complete({ messages: CONVERSATION }));
		expect(crashed.kind).toBe("model");
		expect(crashed.message).toMatch(/failed with 500: llama runner process has terminated: exit status 2/);

		server.queue({ kind: "error", status: 500, error: { message: `model requires more system memory (21.3 GiB) than is available (15.1 GiB), key ${KEY}` } });
		const memory = await failure(createOllamaChatModel(options({ apiKey: KEY })).complete({ messages: CONVERSATION }));
		expect(memory.message).toMatch(
			/^Ollama could not run fake-model with a context of [\d,]+ tokens: model requires more system memory .* Choose a smaller model, or lower the context window/,
		);

		const refused = await failure(createOllamaChatModel(options({ apiKey: KEY, model: "fake-401" })).complete({ messages: CONVERSATION }));
		expect(refused.kind).toBe("config");
		for (const error of [crashed, memory, refused]) {
			expect(`${error.message} ${error.detail ?? ""}`).not.toContain(KEY);
		}
	});

	it("says when the server does not answer like Ollama", async () => {
		const openai = await startFakeOpenAI();
		try {
			const error = await failure(createOllamaChatModel(options({ baseURL: openai.url })).complete({ messages: CONVERSATION }));
			expect(error.kind).toBe("config");
			expect(error.message).toMatch(/has no Ollama chat API/);
		} finally {
			await openai.close();
		}
	});

	it("does not take a prompt cache's small count for a cut prompt when num_ctx held it all", async () => {
		server.queue({ kind: "answer", promptTokens: 300 });
		const answer = await createOllamaChatModel(options()).complete({ messages: CONVERSATION });
		expect(answer.usage?.promptTokens).toBe(estimatePromptTokens(CONVERSATION));
	});

	it("finds Ollama's API under the base URL", () => {
		expect(ollamaRoot("http://localhost:11434/v1")).toBe("http://localhost:11434");
		expect(ollamaRoot(" http://localhost:11434/v1/ ")).toBe("http://localhost:11434");
		expect(ollamaRoot("http://localhost:11434")).toBe("http://localhost:11434");
		expect(ollamaRoot("https://gpu.example/ollama/v1")).toBe("https://gpu.example/ollama");
	});
});

describe("ollamaModelInfo", () => {
	it("reads the trained context, and the Modelfile's num_ctx when it sets one", async () => {
		const server = await startFakeOpenAI({ ollama: { defaultContext: DEFAULT_CONTEXT, contextLength: TRAINED_CONTEXT, modelfileContext: 8192 } });
		try {
			expect(await ollamaModelInfo(fetchHttp, server.url, "fake-model")).toEqual({ contextLength: TRAINED_CONTEXT, modelfileContext: 8192 });
			expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([["POST", "/api/show", { model: "fake-model" }]]);
			// A model Ollama has not pulled: 404.
			expect(await ollamaModelInfo(fetchHttp, server.url, "llama9:70b")).toBeNull();
		} finally {
			await server.close();
		}
		const plain = await startFakeOpenAI({ ollama: { defaultContext: DEFAULT_CONTEXT, contextLength: 32_768 } });
		try {
			expect(await ollamaModelInfo(fetchHttp, `${plain.origin}/`, "fake-model")).toEqual({ contextLength: 32_768, modelfileContext: null });
		} finally {
			await plain.close();
		}
	});

	it("takes the context of the model's own architecture, not of a part such as its vision encoder", async () => {
		const model_info = { "general.architecture": "qwen3", "clip.text.context_length": 77, "qwen3.context_length": 40_960 };
		const show: Http = () =>
			Promise.resolve({
				status: 200,
				headers: {},
				text: JSON.stringify({ details: { family: "qwen3" }, model_info, parameters: "num_ctx 16384\ntemperature 0.6" }),
			});
		expect(await ollamaModelInfo(show, "http://localhost:11434/v1", "qwen3:8b")).toEqual({ contextLength: 40_960, modelfileContext: 16_384 });
	});

	it("is null for a server that is not Ollama, or for nothing at all", async () => {
		const openai = await startFakeOpenAI();
		try {
			expect(await ollamaModelInfo(fetchHttp, openai.url, "fake-model")).toBeNull();
		} finally {
			await openai.close();
		}
		const nowhere = await refusingOrigin();
		try {
			expect(await ollamaModelInfo(fetchHttp, `${nowhere.origin}/v1`, "fake-model")).toBeNull();
		} finally {
			await nowhere.close();
		}
		const web: Http = () => Promise.resolve({ status: 200, headers: { "content-type": "text/html" }, text: "<html><body>Welcome</body></html>" });
		expect(await ollamaModelInfo(web, "http://localhost:8080/v1", "fake-model")).toBeNull();
		const json: Http = () => Promise.resolve({ status: 200, headers: {}, text: '{"object":"list","data":[]}' });
		expect(await ollamaModelInfo(json, "http://localhost:8080/v1", "fake-model")).toBeNull();
	});
});

/** One call of a run: what was sent, what the server said it read, and the context asked for. */
interface Call {
	label: string;
	estimated: number;
	/** The whole prompt as the fake counts it: ceil(characters / 4). */
	whole: number;
	read: number | undefined;
	numCtx: number | undefined;
}

/** Any ChatModel, with each call's prompt estimate and the count the server reported. */
function recording(model: ChatModel, calls: { messages: ChatMessage[]; answer: Completion }[]): ChatModel {
	return {
		model: model.model,
		async complete(request) {
			const answer = await model.complete(request);
			calls.push({ messages: request.messages, answer });
			return answer;
		},
	};
}

function labelOf(messages: readonly ChatMessage[]): string {
	const last = messages.at(-1)?.content ?? "";
	const part = /This is part (\d+) of/.exec(last)?.[1];
	if (last.includes("<sections>")) return "merge";
	if (messages.length === 1) return "planning";
	return part ? `part ${part}` : "summary";
}

async function run(server: FakeServer, model: ChatModel, text: string, title: string): Promise<{ note: SummaryNote; calls: Call[] }> {
	const seen: { messages: ChatMessage[]; answer: Completion }[] = [];
	const before = server.requests.length;
	const note = await summarize({
		source: { text, origin: "file", title },
		youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
		model: recording(model, seen),
		template: "",
		outputLanguage: "",
		now: new Date("2026-11-26T10:00:00.000Z"),
	});
	const sent = server.requests.slice(before).filter((r) => r.path === "/api/chat");
	const calls = seen.map(({ messages, answer }) => {
		const request = sent.find((r) => JSON.stringify(bodyOf(r).messages) === JSON.stringify(messages));
		const whole = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
		return {
			label: labelOf(messages),
			estimated: estimatePromptTokens(messages),
			whole,
			read: answer.usage?.promptTokens,
			numCtx: request ? bodyOf(request).options.num_ctx : undefined,
		};
	});
	return { note, calls };
}

function show(name: string, calls: Call[], note: SummaryNote): void {
	if (!process.env.OLLAMA_FIGURES) return;
	console.log(`${name}: PROMPT_CUT ${note.warnings.includes(PROMPT_CUT) ? "warned" : "not warned"}`);
	for (const call of calls)
		console.log(`  ${call.label}: estimated ${call.estimated}, whole ${call.whole}, read ${call.read}, num_ctx ${call.numCtx ?? "(none: server default)"}`);
}

describe("Ollama's context, measured with the fake Ollama (default context 4096, trained 131,072)", () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeOpenAI({ ollama: { defaultContext: DEFAULT_CONTEXT, contextLength: TRAINED_CONTEXT } });
	});
	afterAll(() => server.close());

	const endpoint = () => ({ baseURL: server.url, apiKey: "", model: "fake-model", stream: true, maxTokens: 8192 });

	async function compare(text: string, title: string) {
		const info = await ollamaModelInfo(fetchHttp, server.url, "fake-model");
		const v1 = await run(server, createChatModel(endpoint()), text, title);
		const native = await run(server, createOllamaChatModel({ ...endpoint(), contextLimit: info?.contextLength ?? null }), text, title);
		show(`${title} via /v1`, v1.calls, v1.note);
		show(`${title} via /api/chat`, native.calls, native.note);
		// /v1: every call gets the default context, whatever it sends.
		for (const call of v1.calls) expect(call.read).toBe(Math.min(call.whole, DEFAULT_CONTEXT));
		// /api/chat: every call's context holds its prompt and the answer, and the whole prompt was read.
		for (const call of native.calls) {
			expect(call.numCtx).toBeGreaterThanOrEqual(call.estimated + 8192);
			expect(call.numCtx).toBeLessThanOrEqual(TRAINED_CONTEXT);
			expect(call.read).toBe(call.whole);
		}
		expect(native.note.warnings).not.toContain(PROMPT_CUT);
		expect(native.note.sections.map((s) => s.title)).toEqual(v1.note.sections.map((s) => s.title));
		return { v1, native };
	}

	it("the prompt's example transcript: /v1 loses the start of the summary call, /api/chat reads all of it", async () => {
		const { v1, native } = await compare(exampleInput, "Intro to LLMs");
		expect(v1.calls.map((c) => c.label)).toEqual(["planning", "summary"]);
		expect(native.calls.map((c) => c.label)).toEqual(["planning", "summary"]);
		const [, summary] = v1.calls;
		expect(summary?.read).toBe(DEFAULT_CONTEXT);
		expect(summary?.whole).toBeGreaterThan(DEFAULT_CONTEXT * 1.5);
		// About a third of this prompt is lost on /v1, less than the half that PROMPT_CUT needs, so that run
		// may not warn; the native run has nothing to warn about.
		expect(native.calls.map((c) => c.read)).toEqual(native.calls.map((c) => c.whole));
	});

	const LONG = sharedTranscript("lenny_dylan-field_48min.md");
	it.runIf(LONG.present)(
		`the 48-minute podcast, cut into parts: /v1 warns that the prompt was cut, /api/chat does not${LONG.missing}`,
		async () => {
			const { v1, native } = await compare(readFileSync(LONG.path, "utf8"), "Dylan Field");
			expect(v1.calls.some((c) => c.label.startsWith("part "))).toBe(true);
			expect(v1.note.warnings).toContain(PROMPT_CUT);
			expect(new Set(native.calls.map((c) => c.label))).toEqual(new Set(v1.calls.map((c) => c.label)));
		},
		30_000,
	);
});
