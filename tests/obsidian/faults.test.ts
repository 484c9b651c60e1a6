import type { App, RequestUrlParam } from "obsidian";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import VideoSummaryPlugin from "../../src/main";
import { SWITCHED_TO_REQUEST_URL } from "../../src/obsidian/chat-model-from-settings";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import {
	createFakeApp,
	fakeManifest,
	filePaths,
	fileText,
	loadPlugin,
	openNote,
	resetFake,
	runCommand,
	setRequestUrlHandler,
	visibleNotices,
} from "../support/obsidian-fake";
import { exampleInput } from "../support/prompt-example";

const SUMMARIZE = "video-summary-notes:summarize-video";
const realFetch = globalThis.fetch;
let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => resetFake());
afterEach(() => vi.unstubAllGlobals());

async function setUp(files: Record<string, string>, settings: Record<string, unknown> = {}): Promise<App> {
	const app = createFakeApp({ files, pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model", ...settings } } });
	const plugin = new VideoSummaryPlugin(app, fakeManifest());
	plugin.now = () => new Date("2026-11-26T10:00:00.000Z");
	await loadPlugin(plugin);
	return app;
}

async function finalNotice(): Promise<string> {
	await vi.waitFor(() => expect(visibleNotices().filter((n) => !n.startsWith("Video summary: ")).length).toBe(1), { timeout: 10_000 });
	return visibleNotices().filter((n) => !n.startsWith("Video summary: "))[0] ?? "";
}

/** Obsidian's requestUrl, played by a real request from Node to the fake server. */
async function forward(req: RequestUrlParam) {
	const response = await realFetch(req.url, { method: req.method, headers: req.headers, body: req.body as string | undefined });
	const headers: Record<string, string> = {};
	response.headers.forEach((v, k) => (headers[k] = v));
	return { status: response.status, headers, text: await response.text() };
}

describe("faults inside Obsidian", () => {
	it("switches to requestUrl when the streaming connection is refused (CORS), and says so", async () => {
		// What a CORS refusal looks like from inside the app: fetch fails before any answer.
		vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
		setRequestUrlHandler(forward);
		const app = await setUp({ "T.md": exampleInput });
		openNote(app, "T.md");
		await runCommand(app, SUMMARIZE);
		const notice = await finalNotice();
		expect(notice).toContain(`Summary written to Video summaries/T summary.md. ${SWITCHED_TO_REQUEST_URL}`);
		expect(fileText(app, "Video summaries/T summary.md")).toContain("## hi everyone so recently I (0:00–");
	});

	it("says which URL failed, before any call, when the endpoint is down for both connections", async () => {
		vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
		setRequestUrlHandler(() => Promise.reject(new Error("net::ERR_CONNECTION_REFUSED")));
		const app = await setUp({ "T.md": exampleInput });
		openNote(app, "T.md");
		const before = server.chatRequests().length;
		await runCommand(app, SUMMARIZE);
		// Said by the check before the run, so no model call and no YouTube request is made.
		expect(await finalNotice()).toBe(
			`Could not reach ${server.url} (net::ERR_CONNECTION_REFUSED). Check the base URL in settings and that the server is running.`,
		);
		expect(server.chatRequests().length).toBe(before);
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("copies the summary to the clipboard when the note cannot be written", async () => {
		const copied: string[] = [];
		vi.stubGlobal("navigator", { clipboard: { writeText: (text: string) => Promise.resolve(void copied.push(text)) } });
		const app = await setUp({ "T.md": exampleInput });
		// The folder passed the check before the run; the disk then refuses the note.
		app.vault.create = () => Promise.reject(new Error("ENOSPC: no space left on device"));
		openNote(app, "T.md");
		await runCommand(app, SUMMARIZE);
		expect(await finalNotice()).toBe(
			'The note could not be written to "Video summaries" (ENOSPC: no space left on device). Check the output folder in settings. The summary was copied to the clipboard: paste it into a note.',
		);
		expect(copied[0]).toMatch(/^---\ntitle: "T"\n[\s\S]*## hi everyone so recently I \(0:00–/);
	});

	it.each([
		["the output folder", "Video summaries", "Video summaries"],
		["a folder above the output folder", "Video summaries/2026", "Video summaries"],
	])("refuses a file where %s should be, before any call", async (_what, outputFolder, file) => {
		const app = await setUp({ "T.md": exampleInput, [file]: "not a folder" }, { outputFolder });
		openNote(app, "T.md");
		const before = server.chatRequests().length;
		await runCommand(app, SUMMARIZE);
		expect(await finalNotice()).toBe(`"${file}" is a file, not a folder. Choose another output folder in settings.`);
		expect(server.chatRequests().length).toBe(before);
		expect(filePaths(app).sort()).toEqual(["T.md", file].sort());
	});

	it("leaves the source note alone by default, and links it only when asked", async () => {
		const source = `---\ntags: [talk]\n---\n${exampleInput}`;
		const app = await setUp({ "Talks/T.md": source });
		openNote(app, "Talks/T.md");
		await runCommand(app, SUMMARIZE);
		await finalNotice();
		expect(fileText(app, "Talks/T.md")).toBe(source);

		resetFake();
		const linking = await setUp({ "Talks/T.md": source }, { linkFromSource: true });
		openNote(linking, "Talks/T.md");
		await runCommand(linking, SUMMARIZE);
		expect(await finalNotice()).toMatch(/^Summary written to Video summaries\/T summary\.md\./);
		expect(fileText(linking, "Talks/T.md")).toBe(`---\ntags:\n  - talk\nvideo_summary: "[[T summary]]"\n---\n${exampleInput}`);
	});
});
