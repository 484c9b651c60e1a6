import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import VideoSummaryPlugin from "../../src/main";
import { startFakeOpenAI, type FakeServer } from "../support/fake-openai-server";
import {
	clickMenuItem,
	clickRibbonIcon,
	closeAllViews,
	commandIds,
	createFakeApp,
	fakeManifest,
	fileText,
	filePaths,
	loadPlugin,
	openEditorMenu,
	openModals,
	openNote,
	openedFiles,
	pluginDataJson,
	resetFake,
	ribbonIcons,
	runCommand,
	unloadPlugin,
	userClicks,
	userTypes,
	visibleNotices,
	menuTitles,
	buttonByText,
	componentOf,
	settingByName,
	TextAreaComponent,
} from "../support/obsidian-fake";
import type { App } from "obsidian";
import { exampleInput } from "../support/prompt-example";

const EXAMPLE = exampleInput;
const EXPECTED_NOTE = readFileSync(new URL("../fixtures/notes/intro-to-llms-summary.md", import.meta.url), "utf8");
const ID = "zjkBMFhNj_g";
const SUMMARIZE = "video-summary-notes:summarize-video";
const RESUMMARIZE = "video-summary-notes:resummarize-selection";
const KEY = "sk-secret-test-key-123";

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(() => server.close());

async function setUp(files: Record<string, string>, settings: Record<string, unknown> = {}): Promise<{ app: App; plugin: VideoSummaryPlugin }> {
	const app = createFakeApp({
		files,
		secrets: { "video-summary-notes-api-key": KEY },
		pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model", ...settings } },
	});
	const plugin = new VideoSummaryPlugin(app, fakeManifest());
	plugin.now = () => new Date("2026-11-26T10:00:00.000Z");
	await loadPlugin(plugin);
	return { app, plugin };
}

/** Waits for the run to end: its progress notice gone and one more final notice shown. */
async function finished(before: number): Promise<string[]> {
	const final = () => visibleNotices().filter((n) => !n.startsWith("Video summary: "));
	await vi.waitFor(
		() => {
			expect(visibleNotices().filter((n) => n.startsWith("Video summary: "))).toEqual([]);
			expect(final().length).toBeGreaterThan(before);
		},
		{ timeout: 10_000 },
	);
	return final();
}

beforeEach(() => resetFake());

describe("the plugin's entry points", () => {
	it("registers the two commands, the ribbon button and nothing with a default hotkey, and removes them on unload", async () => {
		const { app, plugin } = await setUp({});
		expect(commandIds(app)).toEqual([SUMMARIZE, RESUMMARIZE]);
		expect(ribbonIcons(app)).toEqual([{ pluginId: "video-summary-notes", icon: "list-video", title: "Summarize video into note" }]);
		unloadPlugin(plugin);
		expect(commandIds(app)).toEqual([]);
		expect(ribbonIcons(app)).toEqual([]);
	});

	it("offers Re-summarize selection only when text is selected", async () => {
		const { app } = await setUp({ "Talks/Intro to LLMs.md": EXAMPLE });
		openNote(app, "Talks/Intro to LLMs.md");
		expect(await runCommand(app, RESUMMARIZE)).toBe(false);
		expect(menuTitles(openEditorMenu(app))).not.toContain("Re-summarize selection");
	});
});

describe("Summarize video into note", () => {
	it("turns a note with a link and a pasted transcript into exactly the expected note, opened in a new tab", async () => {
		const source = `https://www.youtube.com/watch?v=${ID}\n\n${EXAMPLE}\n`;
		const { app } = await setUp({ "Talks/Intro to LLMs.md": source });
		openNote(app, "Talks/Intro to LLMs.md");
		expect(await runCommand(app, SUMMARIZE)).toBe(true);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe("Summary written to Video summaries/Intro to LLMs summary.md.");
		expect(fileText(app, "Video summaries/Intro to LLMs summary.md")).toBe(EXPECTED_NOTE);
		expect(openedFiles(app)).toEqual([{ path: "Video summaries/Intro to LLMs summary.md", newLeaf: "tab" }]);
		expect(fileText(app, "Talks/Intro to LLMs.md")).toBe(source);
	});

	it("runs the same way from the ribbon button, and never overwrites: the second note gets a number", async () => {
		const { app } = await setUp({ "Talks/Intro to LLMs.md": `https://youtu.be/${ID}\n${EXAMPLE}` });
		openNote(app, "Talks/Intro to LLMs.md");
		await clickRibbonIcon(app, "Summarize video into note");
		await finished(0);
		openNote(app, "Talks/Intro to LLMs.md");
		await clickRibbonIcon(app, "Summarize video into note");
		await finished(1);
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toEqual([
			"Video summaries/Intro to LLMs summary 2.md",
			"Video summaries/Intro to LLMs summary.md",
		]);
	});

	it("asks for a link or transcript when the note holds neither, then summarizes what was pasted", async () => {
		const { app } = await setUp({ "Empty.md": "Nothing here yet." });
		openNote(app, "Empty.md");
		await runCommand(app, SUMMARIZE);
		const [modal] = openModals();
		expect(modal).toBeDefined();
		if (!modal) return;
		await userTypes(componentOf(settingByName(modal.contentEl as never, "Link or transcript"), TextAreaComponent), EXAMPLE);
		await userClicks(buttonByText(modal.contentEl as never, "Summarize"));
		await finished(0);
		const note = fileText(app, "Video summaries/Empty summary.md") ?? "";
		expect(note).toContain('source: "transcript pasted in the dialog"');
		expect(note).toMatch(/^## .+ \(0:00–\d:\d\d\)$/m);
	});

	it("shows the model's words, and writes nothing, when the model answers without a summary", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE });
		server.queue({ kind: "answer", content: "Sure! Please paste the transcript." }, { kind: "answer", content: "I'm ready. Please provide the transcript." });
		openNote(app, "T.md");
		await runCommand(app, SUMMARIZE);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe(
			"The model did not return a summary. Its answer is shown below; try again, or try another model.\n\nI'm ready. Please provide the transcript.",
		);
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("refuses an output folder outside the vault with a message that says what to do", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE }, { outputFolder: "../outside" });
		openNote(app, "T.md");
		await runCommand(app, SUMMARIZE);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe('The output folder "../outside" leaves the vault. Choose a folder inside the vault in settings.');
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("says the key was refused, without ever showing it", async () => {
		const app = createFakeApp({ files: { "T.md": EXAMPLE }, secrets: { "video-summary-notes-api-key": "sk-wrong-key-456" }, pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model" } } });
		const plugin = new VideoSummaryPlugin(app, fakeManifest());
		await loadPlugin(plugin);
		openNote(app, "T.md");
		await runCommand(app, SUMMARIZE);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toContain("refused the API key");
		expect(notices.join("\n")).not.toContain("sk-wrong-key-456");
	});
});

describe("Re-summarize selection", () => {
	const earlier = (body: string) => `---\ntitle: "Intro to LLMs"\nvideo_url: "https://www.youtube.com/watch?v=${ID}"\nvideo_id: "${ID}"\n---\n${body}`;

	it("re-summarizes part of an earlier summary into a note whose links still point at that note's video", async () => {
		const sections = EXPECTED_NOTE.slice(EXPECTED_NOTE.indexOf("\n## ") + 1);
		const { app } = await setUp({ "Video summaries/Intro to LLMs summary.md": earlier(sections) });
		openNote(app, "Video summaries/Intro to LLMs summary.md", sections);
		await clickMenuItem(openEditorMenu(app), "Re-summarize selection");
		await finished(0);
		const note = fileText(app, "Video summaries/Intro to LLMs summary summary.md") ?? "";
		expect(note).toContain(`video_id: "${ID}"`);
		const links = [...note.matchAll(/\]\((https:[^)]+)\)/g)].map((m) => m[1] ?? "");
		expect(links.length).toBeGreaterThan(5);
		for (const link of links) expect(link).toMatch(new RegExp(`^https://www\\.youtube\\.com/watch\\?v=${ID}(&t=\\d+s)?$`));
		const quoteTimes = [...note.matchAll(/^\d+\. ".*" \(\[[\d:]+\]\(https:\/\/www\.youtube\.com\/watch\?v=zjkBMFhNj_g&t=(\d+)s\)\)$/gm)].map((m) => Number(m[1]));
		const earlierTimes = new Set([...sections.matchAll(/&t=(\d+)s/g)].map((m) => Number(m[1])));
		expect(quoteTimes.length).toBeGreaterThan(3);
		for (const t of quoteTimes) expect(earlierTimes.has(t)).toBe(true);
	});

	it("with the setting on, inserts the sections under the selection instead of a new note", async () => {
		const source = `https://youtu.be/${ID}\n${EXAMPLE}\nAfter the transcript.`;
		const { app } = await setUp({ "T.md": source }, { insertBelowSelection: true });
		openNote(app, "T.md", EXAMPLE);
		expect(await runCommand(app, RESUMMARIZE)).toBe(true);
		await finished(0);
		const text = fileText(app, "T.md") ?? "";
		expect(text.startsWith(`https://youtu.be/${ID}\n${EXAMPLE}\n\n[Watch on YouTube](https://www.youtube.com/watch?v=${ID})\n\n## Section 1: `)).toBe(true);
		expect(text.endsWith("\nAfter the transcript.")).toBe(true);
		expect(text).not.toContain("---\ntitle:");
		expect(filePaths(app)).toEqual(["T.md"]);
	});
});

describe("settings", () => {
	it("never writes the API key into data.json", async () => {
		const { app, plugin } = await setUp({});
		await plugin.saveSettings();
		const json = pluginDataJson(app) ?? "";
		expect(json).toContain('"apiKeySecret": "video-summary-notes-api-key"');
		expect(json).not.toContain(KEY);
	});

	it("works without an open note: the dialog asks for the transcript", async () => {
		const { app } = await setUp({});
		closeAllViews(app);
		await runCommand(app, SUMMARIZE);
		expect(openModals().length).toBe(1);
	});
});
