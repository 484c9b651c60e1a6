import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createChatModel } from "../../../src/core/model/openai-chat";
import { summarize } from "../../../src/summarize";
import { corpus, judgeNote, VIDEO_ID } from "../../support/answer-corpus";
import { type FakeServer, startFakeOpenAI } from "../../support/fake-openai-server";
import { exampleInput } from "../../support/prompt-example";

/**
 * Every answer style in tests/fixtures/answers/, as a model would send it, through the real pipeline: the real
 * openai SDK against the fake server, the transcript pasted under the video's link, the note judged whole.
 */

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI();
});
afterAll(() => server.close());

async function noteFor(answer: string, outputLanguage: string): Promise<string> {
	// The planning turn gets the fake's own answer; the summarizing turn gets the style under test.
	server.queue({ kind: "answer" }, { kind: "answer", content: answer });
	const note = await summarize({
		source: { text: exampleInput, video: { id: VIDEO_ID }, origin: "note", title: "Intro to LLMs" },
		youtube: { http: () => Promise.reject(new Error("no network in tests")), languages: ["en"] },
		model: createChatModel({ baseURL: server.url, apiKey: "sk-test", model: "fake-model", stream: true }),
		template: "",
		outputLanguage,
		now: new Date("2026-12-02T10:00:00.000Z"),
	});
	return note.markdown;
}

const entries = corpus();

describe("the answer corpus through the pipeline", () => {
	it("holds at least 40 styles", () => {
		expect(entries.length).toBeGreaterThanOrEqual(40);
	});

	it.each(entries.map((e) => [e.file, e] as const))("%s gives the known note", async (_file, entry) => {
		const markdown = await noteFor(entry.answer, entry.outputLanguage);
		expect(judgeNote(markdown, entry.titles, entry.outputLanguage === "")).toEqual([]);
	});
});
