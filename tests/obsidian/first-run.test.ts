import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import VideoSummaryPlugin from "../../src/main";
import { type RefusingOrigin, refusingOrigin } from "../support/closed-port";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import {
	buttonByText,
	componentOf,
	createFakeApp,
	DropdownComponent,
	fakeManifest,
	filePaths,
	fileText,
	loadPlugin,
	openModals,
	openNote,
	pluginDataJson,
	resetFake,
	runCommand,
	settingByName,
	userClicks,
	visibleNotices,
} from "../support/obsidian-fake";
import { exampleInput } from "../support/prompt-example";

const SUMMARIZE = "video-summary-notes:summarize-video";

let ollama: FakeServer;
let refusing: RefusingOrigin;
let nowhere: string;
beforeAll(async () => {
	ollama = await startFakeOpenAI({ models: ["llama3.1:latest"], ollamaTags: ["llama3.1:latest"] });
	refusing = await refusingOrigin();
	nowhere = refusing.origin;
});
afterAll(async () => {
	await ollama.close();
	await refusing.close();
});
beforeEach(() => resetFake());

/** A vault where the plugin was just installed: default settings, no API key; `ollamaAt` is where it looks for Ollama. */
async function firstRun(ollamaAt: string, pluginData?: Record<string, unknown>) {
	const app = createFakeApp({ files: { "T.md": exampleInput }, ...(pluginData ? { pluginData: { "video-summary-notes": pluginData } } : {}) });
	const plugin = new VideoSummaryPlugin(app, fakeManifest());
	plugin.now = () => new Date("2026-12-02T10:00:00.000Z");
	plugin.localPlaces = { ollama: ollamaAt, lmStudio: nowhere };
	await loadPlugin(plugin);
	openNote(app, "T.md");
	return app;
}

async function setupDialog() {
	await vi.waitFor(() => expect(openModals().length).toBe(1));
	const [modal] = openModals();
	if (!modal) throw new Error("no dialog");
	return { modal, el: modal.contentEl as never, text: (modal.contentEl as unknown as { getText(): string }).getText() };
}

describe("the first run, with nothing set up", () => {
	it("offers the Ollama found on this device, saves the choice and summarizes with it", async () => {
		const app = await firstRun(ollama.url.replace(/\/v1$/, ""));
		const running = runCommand(app, SUMMARIZE);
		const { el, text } = await setupDialog();
		expect(text).toContain("No API key is set, but a model server is running on this device.");
		expect(componentOf(settingByName(el, "Model"), DropdownComponent).getValue()).toBe(`${ollama.url} llama3.1:latest`);
		await userClicks(buttonByText(el, "Use this model"));
		await running;
		await vi.waitFor(() => expect(filePaths(app)).toContain("Video summaries/T summary.md"), { timeout: 10_000 });
		expect(fileText(app, "Video summaries/T summary.md")).toContain('model: "llama3.1:latest"');
		expect(JSON.parse(pluginDataJson(app) ?? "{}")).toMatchObject({ baseURL: ollama.url, model: "llama3.1:latest" });
		expect(ollama.chatRequests().length).toBeGreaterThan(0);
	});

	it("says how to add a key or start Ollama when nothing runs, and starts nothing", async () => {
		const app = await firstRun(nowhere);
		const running = runCommand(app, SUMMARIZE);
		const { el, text } = await setupDialog();
		expect(text).toContain("No API key is set, and no model server (Ollama or LM Studio) is running on this device.");
		expect(text).toContain("ollama pull llama3.1");
		await userClicks(buttonByText(el, "Open settings"));
		await running;
		expect(filePaths(app)).toEqual(["T.md"]);
		expect(visibleNotices()).toEqual([]);
	});

	it("refuses a chosen hosted endpoint without a key at once, with what to do", async () => {
		const app = await firstRun(ollama.url.replace(/\/v1$/, ""), { baseURL: "https://openrouter.ai/api/v1", model: "openai/gpt-4.1-mini" });
		await runCommand(app, SUMMARIZE);
		await vi.waitFor(() => expect(visibleNotices().length).toBe(1));
		expect(visibleNotices()).toEqual([
			"https://openrouter.ai/api/v1 needs an API key. Set it in settings, or choose Ollama or LM Studio as the provider there.",
		]);
		expect(openModals()).toEqual([]);
		expect(filePaths(app)).toEqual(["T.md"]);
	});
});
