/**
 * Loaded with `node --import` before the built CLI, so the CLI runs as users run it (its own global
 * fetch, its own process) while YouTube answers from recorded fixtures. Every other request, such as
 * the fake OpenAI server on 127.0.0.1, goes through unchanged; a YouTube request no route answers fails.
 */
import { readFileSync } from "node:fs";

import { type FakeRoutes, fakeYouTube } from "./fake-youtube";

const routesFile = process.env.FAKE_YOUTUBE_ROUTES;
if (routesFile) {
	const youtube = fakeYouTube(JSON.parse(readFileSync(routesFile, "utf8")) as FakeRoutes);
	const realFetch = globalThis.fetch;
	globalThis.fetch = async (input, init) => {
		const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		if (!/(^|\.)(youtube\.com|youtu\.be|googleapis\.com)$/.test(new URL(url).hostname)) return realFetch(input, init);
		const headers: Record<string, string> = {};
		new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
		const method = init?.method === "POST" ? "POST" : "GET";
		const answer = await youtube.http({ url, method, headers, ...(typeof init?.body === "string" ? { body: init.body } : {}) });
		return new Response(answer.text, { status: answer.status, headers: answer.headers });
	};
}
