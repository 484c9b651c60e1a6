import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createChatModel } from "../src/core/model/openai-chat";
import { fileBackedPlanningCache, type TextFile } from "../src/core/prompt/planning-cache";
import { SEED_TEMPLATE } from "../src/core/prompt/seed-template";
import { summarize, type SummarizeJob } from "../src/summarize";
import { type FakeServer, startFakeOpenAI } from "./support/fake-openai-server";
import { exampleInput } from "./support/prompt-example";
import { syntheticTranscriptText } from "./support/synthetic-transcript";

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI({ models: ["fake-model", "fake-other"] });
});
afterAll(() => server.close());

function memoryFile(): TextFile & { text: string | null } {
	const file = {
		text: null as string | null,
		read: () => Promise.resolve(file.text),
		write: (text: string) => {
			file.text = text;
			return Promise.resolve();
		},
	};
	return file;
}

type Message = { role: string; content: string };

type Variation = Partial<Omit<SummarizeJob, "model">> & { modelId?: string; baseURL?: string };

function job(file: TextFile, text: string, extra: Variation = {}): SummarizeJob {
	const { modelId: model = "fake-model", baseURL = server.url, ...rest } = extra;
	return {
		source: { text, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs" },
		youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
		model: createChatModel({ baseURL, apiKey: "sk-test", model, stream: true, maxTokens: 8192 }),
		template: "",
		outputLanguage: "",
		now: new Date("2026-12-02T10:00:00.000Z"),
		planning: { cache: fileBackedPlanningCache(file), endpoint: baseURL },
		...rest,
	};
}

/** The messages of each chat call the run made. */
async function callsOf(run: () => Promise<unknown>): Promise<Message[][]> {
	const before = server.chatRequests().length;
	await run();
	return server
		.chatRequests()
		.slice(before)
		.map((r) => (r.body as { messages: Message[] }).messages);
}

describe("the planning turn, asked once per endpoint, model and template", () => {
	it("a second run of a short video makes one call, starting with the first run's template and plan", async () => {
		const file = memoryFile();
		const first = await callsOf(() => summarize(job(file, exampleInput)));
		expect(first.map((m) => m.length)).toEqual([1, 3]);
		const plan = first[1]?.[1];
		expect(plan?.role).toBe("assistant");
		const second = await callsOf(() => summarize(job(file, exampleInput)));
		expect(second).toHaveLength(1);
		expect(second[0]).toEqual(first[1]);
		expect(second[0]?.slice(0, 2)).toEqual([{ role: "user", content: SEED_TEMPLATE }, plan]);
	});

	it("another model, another endpoint or an edited template asks for a plan again", async () => {
		const file = memoryFile();
		await summarize(job(file, exampleInput));
		expect(await callsOf(() => summarize(job(file, exampleInput, { modelId: "fake-other" })))).toHaveLength(2);
		// The same server under another address is another endpoint.
		const elsewhere = server.url.replace("127.0.0.1", "localhost");
		expect(await callsOf(() => summarize(job(file, exampleInput, { baseURL: elsewhere })))).toHaveLength(2);
		expect(await callsOf(() => summarize(job(file, exampleInput, { template: `${SEED_TEMPLATE}\nBe brief.` })))).toHaveLength(2);
		// All four are kept: each asks once.
		const variations: Variation[] = [{}, { modelId: "fake-other" }, { baseURL: elsewhere }, { template: `${SEED_TEMPLATE}\nBe brief.` }];
		for (const extra of variations) {
			expect(await callsOf(() => summarize(job(file, exampleInput, extra)))).toHaveLength(1);
		}
	});

	it("a long video whose plan is known is one round of parts and the merge: no planning call", async () => {
		const file = memoryFile();
		const text = syntheticTranscriptText({ seconds: 3 * 3600 + 28 * 60, seed: 3 });
		const first = await callsOf(() => summarize(job(file, text, { concurrency: 4 })));
		expect(first.map((m) => m.length)).toEqual([1, 3, 3, 3, 3, 1]);
		const second = await callsOf(() => summarize(job(file, text, { concurrency: 4 })));
		expect(second.map((m) => m.length)).toEqual([3, 3, 3, 3, 1]);
		for (const call of second.slice(0, 4)) expect(call.slice(0, 2)).toEqual(first[1]?.slice(0, 2));
	});

	it("a plan that led to no readable summary is not kept", async () => {
		const file = memoryFile();
		server.queue({ kind: "answer", content: "Please share the transcript." }, { kind: "answer", content: "Sorry, I can't help with that." });
		await expect(summarize(job(file, exampleInput))).rejects.toThrow("The model did not return a summary");
		expect(file.text).toBeNull();
		expect(await callsOf(() => summarize(job(file, exampleInput)))).toHaveLength(2);
	});

	it("nor one whose summary could only be kept as it came (unreadable even after the repair turn)", async () => {
		const file = memoryFile();
		const prose = "This talk covers many things about language models, in one long paragraph without any sections or times. ".repeat(5);
		server.queue({ kind: "answer", content: "Please share the transcript." }, { kind: "answer", content: prose }, { kind: "answer", content: prose });
		const note = await summarize(job(file, exampleInput));
		expect(note.unparsed).toBe(true);
		expect(file.text).toBeNull();
	});

	it("a one-shot template (with {{transcript}}) has no plan to keep", async () => {
		const file = memoryFile();
		const template = "Summarize {{title}} as timestamped sections with quotes.\n\n{{transcript}}";
		await summarize(job(file, exampleInput, { template }));
		expect(file.text).toBeNull();
	});

	it("the cost asked about before a run counts no planning call once the plan is kept", async () => {
		const file = memoryFile();
		const estimates: number[] = [];
		const confirm = (estimate: { calls: number }) => {
			estimates.push(estimate.calls);
			return Promise.resolve(true);
		};
		await summarize(job(file, exampleInput, { confirm, confirmAboveTokens: 0 }));
		await summarize(job(file, exampleInput, { confirm, confirmAboveTokens: 0 }));
		expect(estimates).toEqual([2, 1]);
	});

	it("never keeps the endpoint's credentials: user, password and key parameters are left out of the file", async () => {
		const file = memoryFile();
		const url = new URL(server.url);
		const withSecrets = `http://me:sk-secret-pass@${url.host}${url.pathname}?api-key=sk-query-secret`;
		await summarize({ ...job(file, exampleInput), planning: { cache: fileBackedPlanningCache(file), endpoint: withSecrets } });
		expect(file.text).not.toBeNull();
		expect(file.text).not.toContain("sk-secret-pass");
		expect(file.text).not.toContain("sk-query-secret");
		expect(file.text).not.toContain("sk-test");
		expect((JSON.parse(file.text ?? "") as { entries: { endpoint: string }[] }).entries[0]?.endpoint).toBe(`http://${url.host}${url.pathname}`);
	});
});

describe("a prompt that starts the same way every time, for providers' prompt caching", () => {
	it("the second run's call is served from the cache up to the plan, counted and priced at the cached rate", async () => {
		const caching = await startFakeOpenAI({ promptCaching: true });
		try {
			const file = memoryFile();
			const price = { input: 0.4, output: 1.6, cachedInput: 0.1 };
			const first = await summarize(job(file, exampleInput, { baseURL: caching.url, price }));
			const second = await summarize(job(file, exampleInput, { baseURL: caching.url, price }));
			// The first run's summary call already began with its planning call's opening: the template is cached from then on.
			const template = Math.floor(Math.ceil(SEED_TEMPLATE.length / 4) / 128) * 128;
			expect(first.usage.cachedPromptTokens).toBe(template);
			// The second run's one call repeats the first run's summary call whole.
			expect(second.usage.calls).toBe(1);
			expect(second.usage.cachedPromptTokens).toBe(second.usage.promptTokens - (second.usage.promptTokens % 128));
			const { promptTokens, completionTokens, cachedPromptTokens } = second.usage;
			expect(second.cost).toBeCloseTo(((promptTokens - cachedPromptTokens) * 0.4 + cachedPromptTokens * 0.1 + completionTokens * 1.6) / 1e6, 12);
			expect(second.markdown).toContain(`\ntokens_in: ${promptTokens}\ntokens_cached: ${cachedPromptTokens}\ntokens_out: ${completionTokens}\n`);
		} finally {
			await caching.close();
		}
	});
});
