import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Http } from "../src/core/http";
import { createChatModel } from "../src/core/model/openai-chat";
import { SEED_TEMPLATE } from "../src/core/prompt/seed-template";
import { timeTaggedTranscript } from "../src/core/prompt/time-tagged-transcript";
import type { Source } from "../src/core/source/source";
import { parseTranscript } from "../src/core/transcript/parse-transcript";
import { type Progress, summarize } from "../src/summarize";
import { type FakeServer, fakeSummaryFor, startFakeOpenAI } from "./support/fake-openai-server";
import { fakeYouTube, fixture, ok, onlyClients, status } from "./support/fake-youtube";
import { exampleInput } from "./support/prompt-example";

const exampleTranscript = exampleInput;

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI();
});
afterAll(() => server.close());

function job(text: string, stream = true, model = "fake-model") {
	const progress: Progress[] = [];
	return {
		progress,
		run: () =>
			summarize({
				source: { text, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs", sourcePath: "Talks/Intro to LLMs.md" },
				youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
				model: createChatModel({ baseURL: server.url, apiKey: "sk-test", model, stream, maxTokens: 8192 }),
				template: "",
				outputLanguage: "",
				now: new Date("2026-11-26T10:00:00.000Z"),
				onProgress: (p) => progress.push(p),
			}),
	};
}

describe("summarize, end to end against an OpenAI-compatible server", () => {
	it("drives the template's conversation: prompt, the model's own plan, then the tagged transcript", async () => {
		const before = server.chatRequests().length;
		await job(exampleTranscript).run();
		const [first, second] = server
			.chatRequests()
			.slice(before)
			.map((r) => r.body as { messages: { role: string; content: string }[] });
		expect(first?.messages).toEqual([{ role: "user", content: SEED_TEMPLATE }]);
		expect(second?.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
		expect(second?.messages[1]?.content).toContain("Please share the transcript");
		expect(second?.messages[2]?.content).toMatch(
			/^Title: Intro to LLMs\n\nThe video's chapters, as hints for where sections begin:\n0:00 Intro: Large Language Model \(LLM\) talk\n0:24 LLM Inference\n4:17 LLM Training\n\n<transcript>\n\[0:00\] hi everyone so recently/,
		);
	});

	it("writes a note whose sections and verified quotes link to the exact second, and marks the invented quote", async () => {
		const { run, progress } = job(exampleTranscript);
		const note = await run();
		expect(note.fileBase).toBe("Intro to LLMs summary");
		expect(note.markdown.startsWith('---\ntitle: "Intro to LLMs"\nvideo_url: "https://www.youtube.com/watch?v=zjkBMFhNj_g"\nvideo_id: "zjkBMFhNj_g"\n')).toBe(
			true,
		);
		const quotes = note.sections.flatMap((s) => s.quotes);
		expect(quotes.filter((q) => !q.verified).map((q) => q.text)).toEqual([
			"Honestly, the single most important lesson here is that patience beats talent in the long run.",
		]);
		expect(quotes.filter((q) => q.verified).length).toBe(quotes.length - 1);
		for (const q of quotes.filter((q) => q.verified)) {
			expect(note.markdown).toContain(`"${q.text}" ([`);
			expect(note.markdown).toContain(`&t=${q.start}s)`);
		}
		expect(note.markdown).toContain('"Honestly, the single most important lesson here is that patience beats talent in the long run." (unverified)');
		const starts = note.sections.map((s) => s.start ?? -1);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(["transcript", "planning", "summarizing", "checking"]));
		expect(Math.max(...progress.map((p) => p.chars ?? 0))).toBeGreaterThan(500);
	});

	it("gives the same note without streaming", async () => {
		const streamed = await job(exampleTranscript, true).run();
		const plain = await job(exampleTranscript, false).run();
		expect(plain.markdown).toBe(streamed.markdown);
	});

	it("refuses empty text before any model call", async () => {
		const before = server.chatRequests().length;
		const empty = summarize({
			source: { text: "   \n ", origin: "note", title: "Empty" },
			youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
			model: createChatModel({ baseURL: server.url, apiKey: "sk-test", model: "fake-model", stream: true }),
			template: "",
			outputLanguage: "",
			now: new Date(),
		});
		await expect(empty).rejects.toMatchObject({ kind: "input", message: expect.stringMatching(/^The note or selection is empty/) });
		expect(server.chatRequests().length).toBe(before);
	});

	it("summarizes text without timestamps, without time links, and says why", async () => {
		const plain = exampleTranscript.replace(/\s\d+:\d\d\s/g, " ");
		const note = await job(plain).run();
		expect(note.warnings).toEqual([
			'The transcript has no timestamps, so sections and quotes have no time links. Use a transcript with times (YouTube\'s "Show transcript", SRT or WebVTT) to get them.',
		]);
		expect(note.markdown).toContain("> [!warning] The transcript has no timestamps");
		expect(note.markdown).not.toContain("&t=");
		expect(note.sections.every((s) => s.start === null)).toBe(true);
	});

	it("asks once to continue an answer cut off at the output limit, and joins the two", async () => {
		const full = fakeSummaryFor(timeTaggedTranscript(parseTranscript(exampleTranscript)));
		server.queue({ kind: "answer" }, { kind: "answer", finishReason: "length", maxChars: 1500 }, { kind: "answer", content: full.slice(1500) });
		const before = server.chatRequests().length;
		const note = await job(exampleTranscript).run();
		const continued = server.chatRequests()[before + 2]?.body as { messages: { role: string; content: string }[] };
		expect(continued.messages.slice(-2)).toEqual([
			{ role: "assistant", content: full.slice(0, 1500) },
			{
				role: "user",
				content: "Your answer was cut off at the output limit. Continue exactly where it stopped, without repeating anything and without a new preamble.",
			},
		]);
		expect(note.incomplete).toBe(false);
		expect(note.sections.length).toBe((full.match(/^### /gm) ?? []).length);
	});

	it("marks a note incomplete when the continuation is cut off too", async () => {
		server.queue({ kind: "answer" }, { kind: "answer", finishReason: "length", maxChars: 1500 }, { kind: "answer", finishReason: "length", maxChars: 10 });
		const note = await job(exampleTranscript).run();
		expect(note.incomplete).toBe(true);
		expect(note.markdown).toMatch(/> \[!warning\] Incomplete: /);
	});
});

describe("summarize keeps what the model produced", () => {
	let faults: FakeServer;
	beforeAll(async () => {
		faults = await startFakeOpenAI();
	});
	afterAll(() => faults.close());

	function run(text = exampleTranscript) {
		return summarizeOn(faults, { text, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs" });
	}

	it("asks again once when the connection drops midway", async () => {
		faults.queue({ kind: "answer" }, { kind: "answer", cut: { afterChars: 400, then: "destroy" } });
		const note = await run();
		expect(note.unparsed).toBe(false);
		expect(note.sections.length).toBeGreaterThanOrEqual(5);
	});

	it("saves what had arrived, marked unparsed, when the connection drops twice", async () => {
		faults.queue(
			{ kind: "answer" },
			{ kind: "answer", cut: { afterChars: 400, then: "destroy" } },
			{ kind: "answer", cut: { afterChars: 600, then: "destroy" } },
		);
		const note = await run();
		expect(note.unparsed).toBe(true);
		expect(note.markdown).toContain('status: "unparsed"');
		expect(note.markdown).toMatch(/> \[!warning\] Unparsed: .+ The model's answer is kept below as it came\./);
		expect(note.markdown).toContain("### Section 1: hi everyone so recently I");
		expect(note.markdown).not.toContain("<thinking>");
	});

	it("keeps a long answer it cannot read, made inert, instead of throwing it away", async () => {
		const prose = `Here is my summary. ${"The talk explains how large language models work and how they are trained. ".repeat(6)}<% tp.system.exec("x") %>`;
		faults.queue({ kind: "answer" }, { kind: "answer", content: prose });
		const note = await run();
		expect(note.unparsed).toBe(true);
		expect(note.sections).toEqual([]);
		expect(note.markdown).toContain(
			"Unparsed: The model's answer had no sections with times or quotes that could be read, even after asking it to rewrite them.",
		);
		// The one repair turn got the answer back, without the transcript.
		const repair = (faults.chatRequests().at(-1)?.body as { messages: { content: string }[] }).messages;
		expect(repair).toHaveLength(1);
		expect(repair[0]?.content).toMatch(/^The summary below is not in the required format\. [\s\S]*<answer>\nHere is my summary\. The talk explains/);
		expect(repair[0]?.content).not.toContain("hi everyone");
		expect(note.markdown).toContain("&lt;% tp.system.exec");
		expect(note.markdown).not.toContain("<%");
	});
});

/** The default job on a server of the test's own, so that its queued answers meet no other test's requests. */
function summarizeOn(on: FakeServer, source: Source) {
	return summarize({
		source,
		youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
		model: createChatModel({ baseURL: on.url, apiKey: "sk-test", model: "fake-model", stream: true }),
		template: "",
		outputLanguage: "",
		now: new Date("2026-11-26T10:00:00.000Z"),
	});
}

describe("summarize with an answer it cannot read at first", () => {
	let repairs: FakeServer;
	beforeAll(async () => {
		repairs = await startFakeOpenAI();
	});
	afterAll(() => repairs.close());

	it("asks the model once to rewrite its own answer in the example's format, and uses the rewrite", async () => {
		const prose = `The talk explains that a large language model is just two files and how training works. ${"It covers inference, training and next-word prediction in turn. ".repeat(5)}`;
		const rewrite = '<summary>\n### Two files (0:24 - 2:37)\n1. A model is two files.\nQuotes:\n1. "a large language model is just two files"\n</summary>';
		repairs.queue({ kind: "answer" }, { kind: "answer", content: prose }, { kind: "answer", content: rewrite });
		const note = await summarizeOn(repairs, { text: exampleTranscript, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs" });
		expect(note.unparsed).toBe(false);
		expect(repairs.chatRequests()).toHaveLength(3);
		expect(note.markdown).toContain(
			'## Two files ([0:24–8:55](https://www.youtube.com/watch?v=zjkBMFhNj_g&t=24s))\n\nA model is two files.\n\nQuotes:\n1. "a large language model is just two files" ([0:24](https://www.youtube.com/watch?v=zjkBMFhNj_g&t=24s))\n',
		);
	});
});

describe("re-summarizing an earlier summary", () => {
	let server2: FakeServer;
	beforeAll(async () => {
		server2 = await startFakeOpenAI();
	});
	afterAll(() => server2.close());

	const url = (t: number) => `https://www.youtube.com/watch?v=zjkBMFhNj_g&t=${t}s`;
	const earlier = [
		`## Two files ([0:24–2:37](${url(24)}))`,
		"",
		"Andrej explains that the whole model fits on a laptop.",
		"",
		"Quotes:",
		`1. "a large language model is just two files" ([0:24](${url(24)}))`,
		`2. "the model weights are tiny and free for everyone" (unverified)`,
		"",
		`## Training ([4:17–6:40](${url(257)}))`,
		"",
		`Training is costly: "you need about 6,000 gpus" ([5:13](${url(313)})) for days.`,
	].join("\n");

	it("links only what the earlier note verified; its unverified quotes and its prose are never linked", async () => {
		const answer = [
			"### Two files (0:24 - 2:37)",
			"1. The model fits on a laptop.",
			"Quotes:",
			'1. "a large language model is just two files"',
			'2. "the model weights are tiny and free for everyone"',
			'3. "Andrej explains that the whole model fits on a laptop."',
			"### Training (4:17 - 6:40)",
			'1. He stresses that "you need about 6,000 gpus" to train.',
		].join("\n");
		server2.queue({ kind: "answer" }, { kind: "answer", content: answer });
		const note = await summarizeOn(server2, { text: earlier, video: { id: "zjkBMFhNj_g" }, origin: "selection", title: "Intro to LLMs summary" });
		const body = note.markdown.slice(note.markdown.indexOf("## "));
		expect(body).toBe(
			[
				`## Two files ([0:24–4:17](${url(24)}))`,
				"",
				"The model fits on a laptop.",
				"",
				"Quotes:",
				`1. "a large language model is just two files" ([0:24](${url(24)}))`,
				'2. "the model weights are tiny and free for everyone" (unverified)',
				'3. "Andrej explains that the whole model fits on a laptop." (unverified)',
				"",
				`## Training ([4:17–5:13](${url(257)}))`,
				"",
				`He stresses that "you need about 6,000 gpus" ([5:13](${url(313)})) to train.`,
				"",
			].join("\n"),
		);
	});
});

describe("summarize and a server that reads less than it was sent", () => {
	it("warns in the note that the start of the transcript may have been missed", async () => {
		const { PROMPT_CUT } = await import("../src/core/model/conversation");
		const cutting = await startFakeOpenAI();
		try {
			cutting.setScenario("fake-model", { kind: "answer", promptTokens: 50 });
			const note = await summarize({
				source: { text: exampleTranscript, origin: "note", title: "T" },
				youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
				model: createChatModel({ baseURL: cutting.url, apiKey: "sk-test", model: "fake-model", stream: false }),
				template: "",
				outputLanguage: "",
				now: new Date(),
			});
			expect(note.warnings).toContain(PROMPT_CUT);
		} finally {
			await cutting.close();
		}
	});
});

describe("summarize and a cancel while quotes are checked", () => {
	const cancelledRun = (abort: (controller: AbortController) => void) => {
		const controller = new AbortController();
		return summarize({
			source: { text: exampleTranscript, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs" },
			youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
			model: createChatModel({ baseURL: server.url, apiKey: "sk-test", model: "fake-model", stream: true, maxTokens: 8192 }),
			template: "",
			outputLanguage: "",
			now: new Date(),
			signal: controller.signal,
			onProgress: (p) => {
				if (p.stage === "checking") abort(controller);
			},
		});
	};

	it("stops the run when the signal aborts as the check begins", async () => {
		await expect(cancelledRun((c) => c.abort())).rejects.toMatchObject({ kind: "cancelled" });
	});

	it("stops the run when the cancel arrives from outside during the check, as Ctrl-C does, and returns no note", async () => {
		// A signal handler or a click runs as a task of its own, only once the synchronous steps give way.
		await expect(cancelledRun((c) => setImmediate(() => c.abort()))).rejects.toMatchObject({ kind: "cancelled" });
		await expect(cancelledRun((c) => setTimeout(() => c.abort(), 0))).rejects.toMatchObject({ kind: "cancelled" });
	});
});

describe("summarize never writes or shows the API key the model repeats", () => {
	const KEY = "sk-proj-NOTE0123456789abcdefXYZ";
	const LEAKS = [KEY, "NOTE0123456789", "note0123456789", "0123456789abcdef"];
	let leaky: FakeServer;
	beforeAll(async () => {
		leaky = await startFakeOpenAI();
	});
	afterAll(() => leaky.close());

	const run = (stream: boolean) =>
		summarize({
			source: { text: exampleTranscript, video: { id: "zjkBMFhNj_g" }, origin: "note", title: "Intro to LLMs" },
			youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
			model: createChatModel({ baseURL: leaky.url, apiKey: KEY, model: "fake-model", stream }),
			template: "",
			outputLanguage: "",
			now: new Date("2026-11-26T10:00:00.000Z"),
		});
	const sentKey = () => leaky.chatRequests().at(-1)?.headers.authorization;

	it.each([false, true])("a summary that echoes the Authorization header gives a note without the key (stream: %s)", async (stream) => {
		const full = fakeSummaryFor(timeTaggedTranscript(parseTranscript(exampleTranscript)));
		const echo = `Your request said Authorization: Bearer ${KEY}, key ${KEY.toUpperCase()}, ${Buffer.from(`user:${KEY}`).toString("base64")}. `;
		const leaking = full.replace("\n1. ", `\n1. ${echo}`);
		expect(leaking).not.toBe(full);
		leaky.queue({ kind: "answer" }, { kind: "answer", content: leaking, chunkChars: 9 });
		const note = await run(stream);
		expect(sentKey()).toBe(`Bearer ${KEY}`);
		expect(note.unparsed).toBe(false);
		expect(note.markdown).toContain("Your request said Authorization: Bearer [redacted], key [redacted]");
		for (const leak of LEAKS) expect(note.markdown).not.toContain(leak);
	});

	it.each([false, true])("a short answer that is no summary gives a SummaryError without the key (stream: %s)", async (stream) => {
		leaky.queue({ kind: "answer" }, { kind: "answer", content: `I can't help with that. Authorization: Bearer ${KEY} (${KEY.toLowerCase()})` });
		const error = await run(stream).then(
			() => null,
			(e: unknown) => e,
		);
		// SummaryError, checked by name so that this block needs no import of its own.
		expect((error as Error).name).toBe("SummaryError");
		const { kind, message, detail } = error as Error & { kind: string; detail?: string };
		expect(kind).toBe("answer");
		expect(detail).toContain("Authorization: Bearer [redacted]");
		for (const text of [message, detail ?? "", JSON.stringify(error)]) for (const leak of LEAKS) expect(text).not.toContain(leak);
	});
});

describe("summarize with YouTube answering from recorded fixtures", () => {
	const oembedJson = { title: "[1hr Talk] Intro to Large Language Models", author_name: "Andrej Karpathy", type: "video" };

	function withYouTube(http: Http, text: string, id = "zjkBMFhNj_g") {
		return summarize({
			source: { text, video: { id }, origin: "note", title: "Intro to LLMs", sourcePath: "Talks/Intro to LLMs.md" },
			youtube: { http, languages: ["en"] },
			model: createChatModel({ baseURL: server.url, apiKey: "sk-test", model: "fake-model", stream: true, maxTokens: 8192 }),
			template: "",
			outputLanguage: "",
			now: new Date("2026-11-26T10:00:00.000Z"),
		});
	}

	it("a link with a pasted transcript: one oEmbed request names the note after the video and records its channel", async () => {
		const youtube = fakeYouTube({ oembed: { json: oembedJson } });
		const note = await withYouTube(youtube.http, exampleTranscript);
		expect(youtube.asked.map((a) => a.kind)).toEqual(["oembed"]);
		expect(youtube.unexpected).toEqual([]);
		expect(note.fileBase).toBe("1hr Talk Intro to Large Language Models summary"); // brackets are not for file names
		expect(note.markdown).toContain(
			'---\ntitle: "[1hr Talk] Intro to Large Language Models"\nvideo_url: "https://www.youtube.com/watch?v=zjkBMFhNj_g"\nvideo_id: "zjkBMFhNj_g"\nchannel: "Andrej Karpathy"\n',
		);
		expect(note.markdown).toMatch(/\n# \\?\[1hr Talk\\?\] Intro to Large Language Models\n/);
		expect(server.chatRequests().at(-1)?.body).toMatchObject({
			messages: expect.arrayContaining([expect.objectContaining({ content: expect.stringMatching(/^Title: \[1hr Talk\] Intro to Large Language Models\n/) })]),
		});
	});

	it.each([
		["a private video (401)", { oembed: status(401, "Unauthorized") }],
		["an unknown video (404)", { oembed: status(404, "Not Found") }],
		["an answer that is not JSON", { oembed: ok("<html>oops</html>") }],
		["no network", { oembed: new Error("getaddrinfo ENOTFOUND www.youtube.com") }],
	] as const)("a link with a pasted transcript and %s: the note as before, no error, no warning", async (_, routes) => {
		const offline = await withYouTube(() => Promise.reject(new Error("no network in tests")), exampleTranscript);
		const youtube = fakeYouTube(routes);
		const note = await withYouTube(youtube.http, exampleTranscript);
		expect(youtube.asked.map((a) => a.kind)).toEqual(["oembed"]);
		expect(note.fileBase).toBe("Intro to LLMs summary");
		expect(note.markdown).toBe(offline.markdown);
		expect(note.warnings).toEqual(offline.warnings);
	});

	it("a link alone: the watch page's chapters reach the model and the note's frontmatter", async () => {
		// The recorded page's tracks are PO-token gated (exp=xpe); ungated here so the page gives the captions.
		const page = fixture("jdepoix/youtube.html").replaceAll("\\u0026exp=xpe", "");
		const youtube = fakeYouTube({
			player: onlyClients({}),
			watch: [ok(page)],
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const note = await withYouTube(youtube.http, "", "GJLlxj_dtq8");
		expect(youtube.unexpected).toEqual([]);
		expect(note.markdown).toContain('\nchannel: "Dave2D"\npublished: "2018-08-02"\nduration: "5:16"\nchapters: 10\n');
		const sent = JSON.stringify(server.chatRequests().at(-1)?.body);
		expect(sent).toContain("The video's chapters, as hints for where sections begin:\\n0:39 Build Quality\\n1:06 Screen\\n");
	});
});
