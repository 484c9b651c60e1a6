import { afterAll, describe, expect, it } from "vitest";

import { InterruptedAnswerError, partialTextOf } from "../../../src/core/errors";
import type { ChatMessage, EndpointOptions } from "../../../src/core/model/chat-model";
import { createChatModel } from "../../../src/core/model/openai-chat";
import { refusingOrigin } from "../../support/closed-port";
import { FAKE_PARTIAL_TEXT, type FakeServer, fakeSummaryFor, startFakeOpenAI } from "../../support/fake-openai-server";
import { failure } from "../../support/rejection";
import { until } from "../../support/until";

// Timing tests: retries, waits, aborts and timeouts, up to ~2 s each, so they run concurrently, each with its own server.

const KEY = "sk-test-0123456789abcdef";
const LINES = "[0:00] hello there everyone and welcome to the show today\n[0:10] we will talk about how summaries are made from transcripts";
const MESSAGES: ChatMessage[] = [{ role: "user", content: `<transcript>\n${LINES}\n</transcript>` }];

const servers: FakeServer[] = [];

/** Aborts once the fake has the whole request, so the client is waiting for the answer: a timer would race a loaded machine. */
function abortAfterRequest(server: FakeServer, controller: AbortController): void {
	void until(() => server.chatRequests().length > 0).then(() => controller.abort());
}

async function setup() {
	const server = await startFakeOpenAI();
	servers.push(server);
	const model = (over: Partial<EndpointOptions> = {}) => createChatModel({ baseURL: server.url, apiKey: KEY, model: "fake-model", stream: false, ...over });
	return { server, model };
}

describe.concurrent("retries, cancellation and timeouts", () => {
	afterAll(async () => {
		await Promise.all(servers.map((s) => s.close()));
	});

	it.each([false, true])("429 with retry-after 1: the retry waits the second the server asked for, says so, and succeeds (stream: %s)", async (stream) => {
		const { server, model } = await setup();
		const retries: { status: number; waitMs: number | null }[] = [];
		const completion = await model({ model: "fake-429-once", stream, onRetry: (r) => retries.push(r) }).complete({ messages: MESSAGES });
		expect(completion.text).toBe(fakeSummaryFor(LINES));
		expect(retries).toEqual([{ status: 429, waitMs: 1000 }]);
		expect(server.chatRequests()).toHaveLength(2);
	});

	it("cancels at once during the SDK's retry wait", async () => {
		const { server, model } = await setup();
		const controller = new AbortController();
		// An eight-second wait: were the cancel noticed only when it ends, as the SDK alone would, the test would time out.
		server.queue({ kind: "error", status: 429, headers: { "retry-after-ms": "8000" }, error: { message: "Rate limit reached.", code: "rate_limit_exceeded" } });
		const retries: { status: number; waitMs: number | null }[] = [];
		// The user cancels as the wait is announced, not after a guessed time that a slow machine could overrun.
		const retrying = model({
			onRetry: (retry) => {
				retries.push(retry);
				controller.abort();
			},
		});
		const error = await failure(retrying.complete({ messages: MESSAGES, signal: controller.signal }));
		expect(retries).toEqual([{ status: 429, waitMs: 8000 }]);
		expect(error).toMatchObject({ kind: "cancelled", message: "Summarization cancelled." });
		expect(server.chatRequests()).toHaveLength(1);
	}, 6_000);

	it("cancels before sending anything when the signal is already aborted", async () => {
		const { server, model } = await setup();
		const controller = new AbortController();
		controller.abort();
		const error = await failure(model().complete({ messages: MESSAGES, signal: controller.signal }));
		expect(error.kind).toBe("cancelled");
		expect(server.requests).toHaveLength(0);
	});

	it("cancels a request that is waiting for its answer", async () => {
		const { server, model } = await setup();
		const controller = new AbortController();
		abortAfterRequest(server, controller);
		const error = await failure(model({ model: "fake-hang" }).complete({ messages: MESSAGES, signal: controller.signal }));
		expect(error.kind).toBe("cancelled");
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("cancels a stream mid-answer, keeping the text received so far", async () => {
		const { model } = await setup();
		const controller = new AbortController();
		const error = await failure(
			model({ model: "fake-stream-hang", stream: true }).complete({
				messages: MESSAGES,
				signal: controller.signal,
				onText: (text) => {
					if (text === FAKE_PARTIAL_TEXT) controller.abort();
				},
			}),
		);
		expect(error).toBeInstanceOf(InterruptedAnswerError);
		expect(error).toMatchObject({ kind: "cancelled", message: "Summarization cancelled." });
		expect(partialTextOf(error)).toBe(FAKE_PARTIAL_TEXT);
	});

	it("times out a stream that goes silent, keeping the text received so far", async () => {
		const { server, model } = await setup();
		const error = await failure(model({ model: "fake-stream-hang", stream: true, timeoutMs: 200 }).complete({ messages: MESSAGES }));
		expect(error).toMatchObject({
			kind: "network",
			message: `The endpoint ${server.url} sent nothing for 1 s. Check that the server is running and not overloaded, or raise the timeout in settings.`,
		});
		expect(partialTextOf(error)).toBe(FAKE_PARTIAL_TEXT);
		// Not retried: a stream cut after its headers cannot be.
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("waits for a slow server that answers within the timeout", async () => {
		const { server, model } = await setup();
		server.setScenario("slow", { kind: "answer", content: "Late but whole.", delayMs: 300, chunkDelayMs: 50 });
		for (const stream of [false, true]) {
			const completion = await model({ model: "slow", stream, timeoutMs: 2000 }).complete({ messages: MESSAGES });
			expect(completion).toMatchObject({ text: "Late but whole.", finishReason: "stop" });
		}
		expect(server.chatRequests()).toHaveLength(2);
	});

	it("times out a server that never answers once, without retrying the timeout", async () => {
		const { server, model } = await setup();
		const error = await failure(model({ model: "fake-hang", timeoutMs: 150 }).complete({ messages: MESSAGES }));
		expect(error.kind).toBe("network");
		expect(error.message).toMatch(/^The endpoint http:\/\/127\.0\.0\.1:\d+\/v1 sent nothing for 1 s\./);
		expect(error).not.toBeInstanceOf(InterruptedAnswerError);
		// A timeout is not retried: the longest wait for an answer to start is the timeout itself.
		expect(server.chatRequests()).toHaveLength(1);
	});

	it("reports an endpoint nobody listens on as unreachable, with the local-server hint", async () => {
		const nowhere = await refusingOrigin();
		try {
			const baseURL = `${nowhere.origin}/v1`;
			const error = await failure(createChatModel({ baseURL, apiKey: KEY, model: "m", stream: true }).complete({ messages: MESSAGES }));
			expect(error).toMatchObject({
				kind: "network",
				message: `Could not reach ${baseURL}. Check the base URL and that the server is running on this device (LM Studio also needs "Enable CORS" turned on in its server settings).`,
			});
			expect(error.detail).toMatch(/ECONNREFUSED/);
		} finally {
			await nowhere.close();
		}
	});
});
