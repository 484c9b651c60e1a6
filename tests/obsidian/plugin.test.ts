import { readFileSync } from "node:fs";

import type { App } from "obsidian";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { firstPageToken } from "../../src/core/youtube/playlist";
import VideoSummaryPlugin from "../../src/main";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import { type FakeRoutes, type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, playerJson, type Reply, status } from "../support/fake-youtube";
import {
	buttonByText,
	clickMenuItem,
	clickRibbonIcon,
	closeAllViews,
	commandIds,
	componentOf,
	createFakeApp,
	DropdownComponent,
	fakeManifest,
	filePaths,
	fileText,
	loadPlugin,
	loopbackOnly,
	menuTitles,
	type Modal,
	modals,
	notices,
	openedFiles,
	openEditorMenu,
	openModals,
	openNote,
	openObsidianUri,
	pluginDataJson,
	requestUrlCalls,
	resetFake,
	ribbonIcons,
	runCommand,
	setRequestUrlHandler,
	settingByName,
	TextAreaComponent,
	unloadPlugin,
	userClicks,
	userSelects,
	userTypes,
	visibleNotices,
} from "../support/obsidian-fake";
import { exampleInput } from "../support/prompt-example";

const EXAMPLE = exampleInput;
const EXPECTED_NOTE = readFileSync(new URL("../fixtures/notes/intro-to-llms-summary.md", import.meta.url), "utf8");
const ID = "zjkBMFhNj_g";
const SUMMARIZE = "video-summary-notes:summarize-video";
const RESUMMARIZE = "video-summary-notes:resummarize-selection";
const CANCEL = "video-summary-notes:cancel-summarization";
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

/** The one dialog open once the command has asked about a video summarized before. */
async function question(): Promise<Modal> {
	await vi.waitFor(() => expect(openModals().map((m) => m.titleEl.getText())).toEqual(["Already summarized"]));
	return openModals()[0] as Modal;
}

/** YouTube through the fake requestUrl, answering from recorded fixtures only. */
function youtubeAnswers(routes: FakeRoutes): FakeYouTube {
	const youtube = fakeYouTube(routes);
	setRequestUrlHandler(async (req) => {
		// The endpoint check before the run reaches the fake model server as usual.
		if (new URL(req.url).hostname === "127.0.0.1") return loopbackOnly(req);
		const method = req.method === "POST" ? "POST" : "GET";
		const answer = await youtube.http({
			url: req.url,
			method,
			...(req.headers ? { headers: req.headers } : {}),
			...(typeof req.body === "string" ? { body: req.body } : {}),
		});
		return { status: answer.status, headers: answer.headers, text: answer.text };
	});
	return youtube;
}

beforeEach(() => resetFake());
// A test that fails while a dialog waits for an answer would leave its command pending, and every later test waiting on it.
afterEach(() => {
	for (const modal of openModals()) modal.close();
});

describe("the plugin's entry points", () => {
	it("registers the two commands, the ribbon button and nothing with a default hotkey, and removes them on unload", async () => {
		const { app, plugin } = await setUp({});
		expect(commandIds(app)).toEqual([SUMMARIZE, RESUMMARIZE, CANCEL]);
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
		expect(notices[notices.length - 1]).toBe("Summary written to Video summaries/Intro to LLMs summary.md. 10,146 tokens in, 745 out, at no cost.");
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

	it("keeps the model's plan in the plugin's folder, not in data.json, so later runs (after a restart too) make one call", async () => {
		const source = `https://youtu.be/${ID}\n${EXAMPLE}`;
		const { app, plugin } = await setUp({ "Talks/Intro to LLMs.md": source });
		const calls = () => server.chatRequests().length;
		const before = calls();
		openNote(app, "Talks/Intro to LLMs.md");
		await runCommand(app, SUMMARIZE);
		await finished(0);
		expect(calls() - before).toBe(2);
		const saved = await app.vault.adapter.read(".obsidian/plugins/video-summary-notes/planning-cache.json");
		const [entry] = (JSON.parse(saved) as { entries: { endpoint: string; model: string; answer: string }[] }).entries;
		expect([entry?.endpoint, entry?.model]).toEqual([server.url, "fake-model"]);
		expect(entry?.answer).toContain("Please share the transcript");
		expect(saved).not.toContain(KEY);
		expect(pluginDataJson(app)).not.toContain("Please share the transcript");

		openNote(app, "Talks/Intro to LLMs.md");
		await runCommand(app, SUMMARIZE);
		await finished(1);
		expect(calls() - before).toBe(3);

		unloadPlugin(plugin);
		const restarted = new VideoSummaryPlugin(app, fakeManifest());
		await loadPlugin(restarted);
		openNote(app, "Talks/Intro to LLMs.md");
		await runCommand(app, SUMMARIZE);
		await finished(2);
		expect(calls() - before).toBe(4);
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

	it("says in the dialog what to do when Summarize is clicked with nothing pasted, or with a channel link, and stays open", async () => {
		const { app } = await setUp({ "Empty.md": "Nothing here yet." });
		openNote(app, "Empty.md");
		await runCommand(app, SUMMARIZE);
		const [modal] = openModals();
		if (!modal) throw new Error("no dialog");
		const content = modal.contentEl as never;
		const text = () => (modal.contentEl as unknown as { getText(): string }).getText();
		await userClicks(buttonByText(content, "Summarize"));
		expect(openModals()).toEqual([modal]);
		expect(text()).toContain("Paste a YouTube link or a transcript first.");
		expect(visibleNotices()).toEqual([]);

		const area = componentOf(settingByName(content, "Link or transcript"), TextAreaComponent);
		await userTypes(area, "https://www.youtube.com/@veritasium");
		expect(text()).not.toContain("Paste a YouTube link or a transcript first.");
		await userClicks(buttonByText(content, "Summarize"));
		expect(openModals()).toEqual([modal]);
		expect(text()).toContain("That doesn't look like a YouTube video link.");
		expect(visibleNotices()).toEqual([]);

		await userTypes(area, EXAMPLE);
		await userClicks(buttonByText(content, "Summarize"));
		expect(openModals()).toEqual([]);
		await finished(0);
		expect(filePaths(app)).toContain("Video summaries/Empty summary.md");
	});

	it("starts a batch for a playlist link pasted in the dialog, once the dialog has closed", async () => {
		const { app } = await setUp({ "Empty.md": "Nothing here yet." });
		openNote(app, "Empty.md");
		await runCommand(app, SUMMARIZE);
		const [modal] = openModals();
		if (!modal) throw new Error("no dialog");
		const area = componentOf(settingByName(modal.contentEl as never, "Link or transcript"), TextAreaComponent);
		await userTypes(area, "https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs");
		await userClicks(buttonByText(modal.contentEl as never, "Summarize"));
		expect(openModals()).toEqual([]);
		// No network in tests: the playlist cannot be read, and the batch says so.
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toMatch(/YouTube/);
		expect(filePaths(app)).toEqual(["Empty.md"]);
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

	it("refuses an output folder outside the vault before any model call, with a message that says what to do", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE }, { outputFolder: "../outside" });
		openNote(app, "T.md");
		const before = server.chatRequests().length;
		await runCommand(app, SUMMARIZE);
		expect(server.chatRequests().length).toBe(before);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe('The output folder "../outside" leaves the vault. Choose a folder inside the vault in settings.');
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("says the key was refused, without ever showing it", async () => {
		const app = createFakeApp({
			files: { "T.md": EXAMPLE },
			secrets: { "video-summary-notes-api-key": "sk-wrong-key-456" },
			pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model" } },
		});
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
		expect(note).toContain(`\n[Watch on YouTube](https://www.youtube.com/watch?v=${ID})\n`);
		const links = [...note.matchAll(/\]\((https:[^)]+)\)/g)].map((m) => m[1] ?? "");
		expect(links.length).toBeGreaterThan(5);
		for (const link of links) expect(link).toMatch(new RegExp(`^https://www\\.youtube\\.com/watch\\?v=${ID}(&t=\\d+s)?$`));
		const quoteTimes = [...note.matchAll(/^\d+\. ".*" \(\[[\d:]+\]\(https:\/\/www\.youtube\.com\/watch\?v=zjkBMFhNj_g&t=(\d+)s\)\)$/gm)].map((m) =>
			Number(m[1]),
		);
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
		// The note links to the video already (in another form): no second "Watch on YouTube" line.
		expect(text.startsWith(`https://youtu.be/${ID}\n${EXAMPLE}\n\n## hi everyone so recently I `)).toBe(true);
		expect(text).not.toContain("[Watch on YouTube]");
		expect(text.endsWith("\nAfter the transcript.")).toBe(true);
		expect(text).not.toContain("---\ntitle:");
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("with the setting on, keeps the Watch line when the note names the video without linking to it", async () => {
		const source = `---\nvideo_id: "${ID}"\n---\n${EXAMPLE}\nAfter the transcript.`;
		const { app } = await setUp({ "T.md": source }, { insertBelowSelection: true });
		openNote(app, "T.md", EXAMPLE);
		expect(await runCommand(app, RESUMMARIZE)).toBe(true);
		await finished(0);
		const text = fileText(app, "T.md") ?? "";
		expect(
			text.startsWith(`---\nvideo_id: "${ID}"\n---\n${EXAMPLE}\n\n[Watch on YouTube](https://www.youtube.com/watch?v=${ID})\n\n## hi everyone so recently I `),
		).toBe(true);
		expect(text.endsWith("\nAfter the transcript.")).toBe(true);
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

describe("from a link alone", () => {
	const DOODLE: FakeRoutes = {
		player: onlyClients({ IOS: { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" } }),
		captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
	};

	it("fetches the captions through requestUrl and names the note after the video, with the transcript folded in when asked", async () => {
		const youtube = youtubeAnswers(DOODLE);
		const { app } = await setUp({ "Watch later.md": "https://youtu.be/it3OtbTxQk0\n" }, { appendTranscript: true });
		openNote(app, "Watch later.md");
		await runCommand(app, SUMMARIZE);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toMatch(
			/^Summary written to Video summaries\/Introduction to Doodle for Google 2023 summary\.md\. [\d,]+ tokens in, [\d,]+ out, at no cost\.$/,
		);
		const note = fileText(app, "Video summaries/Introduction to Doodle for Google 2023 summary.md") ?? "";
		expect(note).toContain('captions: "English (auto-generated)"');
		expect(note).toContain("\n> [!quote]- Transcript\n> [0:02](https://www.youtube.com/watch?v=it3OtbTxQk0&t=2s) hey in today's lesson");
		expect(youtube.unexpected).toEqual([]);

		// Again (the user chose to): the captions come from the cache, YouTube is not asked twice.
		const asked = youtube.asked.length;
		openNote(app, "Watch later.md");
		const again = runCommand(app, SUMMARIZE);
		await userClicks(buttonByText((await question()).contentEl as never, "Summarize again"));
		await again;
		await finished(1);
		expect(youtube.asked.length).toBe(asked);
	});

	/** A summary as the plugin writes it, of the Doodle video unless said otherwise. */
	const doodleSummary = (created: string, more = "") =>
		`---\ntitle: "Introduction to Doodle for Google 2023"\nvideo_id: "it3OtbTxQk0"\ncreated: "${created}"\n${more}tags:\n  - "video-summary"\n---\n# Introduction to Doodle for Google 2023\n`;

	it("offers to open a video's summary the vault already has, wherever it lies; Open makes no request of any kind", async () => {
		const youtube = youtubeAnswers(DOODLE);
		const { app } = await setUp({
			"Watch later.md": "https://youtu.be/it3OtbTxQk0\n",
			"Archive/2025/Doodle.md": doodleSummary("2025-06-01T10:00:00.000Z"),
			"Archive/2026/Doodle again.md": doodleSummary("2026-02-01T10:00:00.000Z"),
			"Archive/Doodle, kept unparsed.md": doodleSummary("2026-03-01T10:00:00.000Z", 'status: "unparsed"\n'),
			// Not a summary, though it names the video.
			"Notes/Doodle ideas.md": `---\nvideo_id: "it3OtbTxQk0"\ncreated: "2026-05-01T10:00:00.000Z"\n---\nIdeas.\n`,
		});
		const chats = server.chatRequests().length;
		const before = filePaths(app);
		openNote(app, "Watch later.md");
		const running = runCommand(app, SUMMARIZE);
		const modal = await question();
		expect((modal.contentEl as unknown as { getText(): string }).getText()).toBe(
			"This video has a summary in Archive/2026/Doodle again.md. Open it, or summarize the video again into a new note?Summarize againOpen",
		);
		await userClicks(buttonByText(modal.contentEl as never, "Open"));
		await running;
		expect(openModals()).toEqual([]);
		expect(openedFiles(app)).toEqual([{ path: "Archive/2026/Doodle again.md", newLeaf: "tab" }]);
		// Not YouTube, not the endpoint check, not the model: the note was there.
		expect(requestUrlCalls).toEqual([]);
		expect(youtube.asked).toEqual([]);
		expect(server.chatRequests().length).toBe(chats);
		expect(filePaths(app)).toEqual(before);
		expect(visibleNotices()).toEqual([]);
	});

	it("asks again on a second run of a link alone: Summarize again writes a numbered note, closing the dialog does nothing", async () => {
		const youtube = youtubeAnswers(DOODLE);
		const { app } = await setUp({ "Watch later.md": "https://youtu.be/it3OtbTxQk0\n" });
		const first = "Video summaries/Introduction to Doodle for Google 2023 summary.md";
		openNote(app, "Watch later.md");
		await runCommand(app, SUMMARIZE);
		await finished(0);
		const written = fileText(app, first);
		expect(written).toContain('video_id: "it3OtbTxQk0"');
		const chats = server.chatRequests().length;
		const asked = youtube.asked.length;
		const calls = requestUrlCalls.length;

		// Closed with Escape or ×: nothing happens.
		openNote(app, "Watch later.md");
		const closed = runCommand(app, SUMMARIZE);
		(await question()).close();
		await closed;
		expect(openedFiles(app)).toEqual([{ path: first, newLeaf: "tab" }]);
		expect([server.chatRequests().length, youtube.asked.length, requestUrlCalls.length]).toEqual([chats, asked, calls]);

		openNote(app, "Watch later.md");
		const opened = runCommand(app, SUMMARIZE);
		await userClicks(buttonByText((await question()).contentEl as never, "Open"));
		await opened;
		expect(openedFiles(app)).toEqual([
			{ path: first, newLeaf: "tab" },
			{ path: first, newLeaf: "tab" },
		]);
		expect([server.chatRequests().length, youtube.asked.length, requestUrlCalls.length]).toEqual([chats, asked, calls]);

		openNote(app, "Watch later.md");
		const again = runCommand(app, SUMMARIZE);
		await userClicks(buttonByText((await question()).contentEl as never, "Summarize again"));
		await again;
		const notices = await finished(1);
		expect(notices[notices.length - 1]).toMatch(/^Summary written to Video summaries\/Introduction to Doodle for Google 2023 summary 2\.md\. /);
		expect(fileText(app, first)).toBe(written);
		expect(server.chatRequests().length).toBeGreaterThan(chats);
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toEqual([
			"Video summaries/Introduction to Doodle for Google 2023 summary 2.md",
			first,
		]);
	});

	it("asks, once the dialog has closed, about a link alone pasted in it whose video the vault has summarized", async () => {
		youtubeAnswers(DOODLE);
		const { app } = await setUp({ "Archive/Doodle.md": doodleSummary("2025-06-01T10:00:00.000Z") });
		closeAllViews(app);
		await runCommand(app, SUMMARIZE);
		const [dialog] = openModals();
		if (!dialog) throw new Error("no dialog");
		const chats = server.chatRequests().length;
		await userTypes(componentOf(settingByName(dialog.contentEl as never, "Link or transcript"), TextAreaComponent), "https://youtu.be/it3OtbTxQk0");
		await userClicks(buttonByText(dialog.contentEl as never, "Summarize"));
		expect(dialog.isOpen).toBe(false);
		await userClicks(buttonByText((await question()).contentEl as never, "Open"));
		await vi.waitFor(() => expect(openedFiles(app)).toEqual([{ path: "Archive/Doodle.md", newLeaf: "tab" }]));
		// Past the dialog's lookup delay: the link, summarized before the lookup began, is never looked up.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(requestUrlCalls.filter((call) => new URL(call.url).hostname !== "127.0.0.1")).toEqual([]);
		expect(server.chatRequests().length).toBe(chats);
		expect(filePaths(app)).toEqual(["Archive/Doodle.md"]);
	});

	it("summarizes a link with a transcript beside it again without asking: that text is its own summary", async () => {
		const { app } = await setUp({
			"Talks/Intro to LLMs.md": `https://youtu.be/${ID}\n${EXAMPLE}`,
			"Video summaries/Intro to LLMs summary.md": EXPECTED_NOTE,
		});
		openNote(app, "Talks/Intro to LLMs.md");
		await runCommand(app, SUMMARIZE);
		await finished(0);
		expect(modals.filter((m) => m.titleEl.getText() === "Already summarized")).toEqual([]);
		expect(fileText(app, "Video summaries/Intro to LLMs summary.md")).toBe(EXPECTED_NOTE);
		expect(fileText(app, "Video summaries/Intro to LLMs summary 2.md")).toBe(EXPECTED_NOTE);
	});

	it("shows the video's title and caption tracks in the dialog, and uses the track picked", async () => {
		const youtube = youtubeAnswers({
			player: onlyClients({ IOS: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" } }),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		});
		const { app } = await setUp({});
		closeAllViews(app);
		await runCommand(app, SUMMARIZE);
		const [modal] = openModals();
		if (!modal) throw new Error("no dialog");
		const content = modal.contentEl as never;
		await userTypes(componentOf(settingByName(content, "Link or transcript"), TextAreaComponent), "https://www.youtube.com/watch?v=M4gD1WSo5mA");
		const captions = settingByName(content, "Captions");
		await vi.waitFor(() => expect(captions.settingEl.isShown()).toBe(true));
		expect((modal.contentEl as unknown as { getText(): string }).getText()).toContain(
			"William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography",
		);
		await userSelects(componentOf(captions, DropdownComponent), "a.en");
		await userClicks(buttonByText(content, "Summarize"));
		await finished(0);
		const note =
			fileText(app, "Video summaries/William Fisher, CopyrightX Lecture 3.2, The Subject Matter of Copyright Drama and choreography summary.md") ?? "";
		expect(note).toContain('captions: "English (auto-generated)"');
		expect(youtube.unexpected).toEqual([]);
	});

	it("says what YouTube refused, and writes nothing", async () => {
		youtubeAnswers({ player: onlyClients({}, { fixture: "newpipe/android_private_8VajtrESJzA.player.json" }) });
		const { app } = await setUp({ "P.md": "https://www.youtube.com/watch?v=8VajtrESJzA" });
		openNote(app, "P.md");
		await runCommand(app, SUMMARIZE);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toMatch(/^YouTube says: 'This video is private'\. Only public and unlisted videos can be read\./);
		expect(filePaths(app)).toEqual(["P.md"]);
	});
});

describe("batches: a note of links, a playlist, a link from outside", () => {
	const TWO: FakeRoutes = {
		player: {
			"IOS:it3OtbTxQk0": { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" },
			"IOS:M4gD1WSo5mA": { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			"*": status(500),
		},
		captions: [
			{ lang: "en", kind: "asr", urlIncludes: "v=it3OtbTxQk0", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } },
			{ lang: "en", kind: "manual", urlIncludes: "v=M4gD1WSo5mA", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } },
		],
		watch: [status(500)],
	};

	async function confirmBatch(): Promise<string> {
		await vi.waitFor(() => expect(openModals().map((m) => m.titleEl.getText())).toEqual(["Summarize these videos?"]));
		const modal = openModals()[0] as Modal;
		const asked = modal.contentEl.find("p")?.getText() ?? "";
		await userClicks(buttonByText(modal.contentEl as never, "Summarize"));
		return asked;
	}

	const LECTURE = "William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography";
	// A file name has no colons.
	const LECTURE_FILE = LECTURE.replaceAll(":", "");
	const LIST = "Talks to watch:\n- https://youtu.be/it3OtbTxQk0\n- [RWBY](https://www.youtube.com/watch?v=M4gD1WSo5mA)\n- https://youtu.be/it3OtbTxQk0?t=30\n";

	it("summarizes each video of a note of links into its own note, then writes the index note and opens it", async () => {
		const youtube = youtubeAnswers(TWO);
		const { app } = await setUp({ "Talks.md": LIST });
		openNote(app, "Talks.md");
		const before = server.chatRequests().length;
		const running = runCommand(app, SUMMARIZE);
		expect(await confirmBatch()).toMatch(/^2 videos, about [\d,]+ tokens, at no cost \(2 of unknown length, counted as 20 minutes each\)\. Summarize them\?$/);
		await running;
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe("2 of 2 videos have a summary. Index: Video summaries/Talks index.md.");
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toEqual([
			"Video summaries/Introduction to Doodle for Google 2023 summary.md",
			"Video summaries/Talks index.md",
			`Video summaries/${LECTURE_FILE} summary.md`,
		]);
		const index = fileText(app, "Video summaries/Talks index.md") ?? "";
		expect(index).toContain("\n1. [[Video summaries/Introduction to Doodle for Google 2023 summary|Introduction to Doodle for Google 2023]]\n");
		expect(index).toContain(`\n2. [[Video summaries/${LECTURE_FILE} summary|${LECTURE}]]\n`);
		expect(openedFiles(app)).toEqual([{ path: "Video summaries/Talks index.md", newLeaf: "tab" }]);
		// Two videos, each a planning turn at most and a summary: the plan kept after the first.
		expect(server.chatRequests().length - before).toBeLessThanOrEqual(4);
		expect(youtube.unexpected).toEqual([]);
		expect(fileText(app, "Talks.md")).toBe(LIST);

		// Again: both videos have a note, nothing is asked of the model or YouTube, and the index is rewritten in place.
		const chats = server.chatRequests().length;
		const asked = youtube.asked.length;
		openNote(app, "Talks.md");
		await runCommand(app, SUMMARIZE);
		await finished(1);
		expect(server.chatRequests().length).toBe(chats);
		expect(youtube.asked.length).toBe(asked);
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toHaveLength(3);
	});

	it("a private and a captionless video do not stop the good one, and the index says why each has no note", async () => {
		youtubeAnswers({
			...TWO,
			player: {
				...TWO.player,
				"IOS:M4gD1WSo5mA": { fixture: "newpipe/android_private_8VajtrESJzA.player.json" },
				// Every client agrees this one has no captions.
				"*:dsMFmonKDD4": { fixture: "jdepoix/youtube_transcripts_disabled.innertube.json" },
			},
		});
		const { app } = await setUp({ "Talks.md": `${LIST}- https://youtu.be/dsMFmonKDD4\n` });
		openNote(app, "Talks.md");
		const running = runCommand(app, SUMMARIZE);
		await confirmBatch();
		await running;
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe("1 of 3 videos have a summary, 2 failed (the index says why). Index: Video summaries/Talks index.md.");
		const index = fileText(app, "Video summaries/Talks index.md") ?? "";
		expect(index).toContain(
			"\n1. [[Video summaries/Introduction to Doodle for Google 2023 summary|Introduction to Doodle for Google 2023]]\n2. Video M4gD1WSo5mA: not summarized. YouTube says: 'This video is private'. Only public and unlisted videos can be read.",
		);
		expect(index).toMatch(/\n3\. Video dsMFmonKDD4: not summarized\. This video has no captions on YouTube/);
	});

	const COURSE = "PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh";
	const TOP = "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr";
	/** The recorded first page of a 150-video playlist cut to its first 25 videos, with no page after it. */
	function first25(): unknown {
		const page = playerJson("newpipe/web_browse_playlist_page1_PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr.json") as {
			onResponseReceivedActions: { reloadContinuationItemsCommand: { continuationItems: unknown[] } }[];
		};
		const command = page.onResponseReceivedActions[0]?.reloadContinuationItemsCommand;
		if (command) command.continuationItems = command.continuationItems.slice(0, 25);
		return page;
	}
	const PLAYLISTS: [string, string, number, string, Reply][] = [
		[
			"the recorded 14-video course playlist",
			COURSE,
			14,
			"C++ Template Metaprogramming",
			{ fixture: "newpipe/web_browse_playlist_page1_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json" },
		],
		["a 25-video playlist (a recorded page cut to 25)", TOP, 25, "", { json: first25() }],
	];

	it.each(PLAYLISTS)("a playlist link, %s: every video gets a note, then the index; a second run makes no model call", async (_, list, count, named, page) => {
		const player = playerJson("newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json");
		const header =
			list === COURSE
				? "newpipe/web_browse_playlist_meta_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json"
				: "newpipe/web_browse_playlist_meta_PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr.json";
		const youtube = youtubeAnswers({
			browse: { [`VL${list}`]: { fixture: header }, [firstPageToken(list)]: page },
			// Each video answers as itself: the recorded lecture's player response under that video's id and a title of its own.
			playerFor: (id) => ({
				json: { ...player, videoDetails: { ...(player["videoDetails"] as object), videoId: id, title: `Lesson ${id}` } },
			}),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const { app } = await setUp({ "Course.md": `https://www.youtube.com/playlist?list=${list}\n` });
		openNote(app, "Course.md");
		const running = runCommand(app, SUMMARIZE);
		expect(await confirmBatch()).toMatch(new RegExp(`^${count} videos, about [\\d,]+ tokens, at no cost\\. Summarize them\\?$`));
		await running;
		const notices = await finished(0);
		const indexes = filePaths(app).filter((p) => p.endsWith(" index.md"));
		expect(indexes).toHaveLength(1);
		if (named) expect(indexes[0]).toBe(`Video summaries/${named} index.md`);
		expect(notices[notices.length - 1]).toBe(`${count} of ${count} videos have a summary. Index: ${indexes[0]}.`);
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/Lesson "))).toHaveLength(count);
		const index = fileText(app, indexes[0] ?? "") ?? "";
		// Each line links the video's note under the playlist's own title for it.
		expect(index.match(/^\d+\. \[\[Video summaries\/Lesson [\w-]{11} summary\|[^\]\n]+\]\]$/gm)).toHaveLength(count);
		expect(index).toContain(`\nplaylist_id: "${list}"\n`);
		expect(youtube.unexpected).toEqual([]);

		const chats = server.chatRequests().length;
		openNote(app, "Course.md");
		await runCommand(app, SUMMARIZE);
		await finished(1);
		expect(server.chatRequests().length).toBe(chats);
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toHaveLength(count + 1);
	});

	it("a hostile playlist title names the index safely inside the output folder and renders inert", async () => {
		const HOSTILE = "../../.obsidian/evil #tag [[x]] <% tp.file %> $$y$$ ^block {{z}} <img src=x onerror=alert(1)> key:: v";
		const header = fixture("newpipe/web_browse_playlist_meta_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json").replaceAll(
			'"C++ Template Metaprogramming"',
			// A function, not a string: a replacement string would read `$$` as one `$`.
			() => JSON.stringify(HOSTILE),
		);
		const player = playerJson("newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json");
		youtubeAnswers({
			browse: {
				[`VL${COURSE}`]: ok(header),
				[firstPageToken(COURSE)]: { fixture: "newpipe/web_browse_playlist_page1_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json" },
			},
			playerFor: (id) => ({ json: { ...player, videoDetails: { ...(player["videoDetails"] as object), videoId: id, title: `Lesson ${id}` } } }),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const { app } = await setUp({ "Course.md": `https://www.youtube.com/playlist?list=${COURSE}\n` });
		openNote(app, "Course.md");
		const running = runCommand(app, SUMMARIZE);
		await confirmBatch();
		await running;
		await finished(0);
		const [index] = filePaths(app).filter((p) => p.endsWith(" index.md"));
		expect(index).toMatch(/^Video summaries\/[^/]+ index\.md$/);
		expect(filePaths(app).filter((p) => !p.startsWith("Video summaries/") && p !== "Course.md")).toEqual([]);
		// The frontmatter holds the title as a quoted YAML string; the body is where Markdown would come alive.
		const body = (fileText(app, index ?? "") ?? "").split("\n---\n").slice(1).join("\n---\n");
		expect(body).toContain("evil");
		for (const live of ["<img", "<%", "[[x]]", "$$y$$", " #tag", "key:: v", " ^block"]) expect(body).not.toContain(live);
	});

	it("Cancel stops every video of a batch in flight and still writes the index of what was done", async () => {
		youtubeAnswers(TWO);
		const { app } = await setUp({ "Talks.md": LIST }, { model: "fake-hang" });
		openNote(app, "Talks.md");
		const running = runCommand(app, SUMMARIZE);
		// Clicked without waiting for the work it starts to settle: that work never answers until cancelled.
		await vi.waitFor(() => expect(openModals().map((m) => m.titleEl.getText())).toEqual(["Summarize these videos?"]));
		(buttonByText((openModals()[0] as Modal).contentEl as never, "Summarize") as unknown as { buttonEl: { click(): void } }).buttonEl.click();
		// Both videos are at their planning calls, which never answer.
		await vi.waitFor(() => expect(visibleNotices().filter((n) => n.includes("Asking fake-hang to plan the summary"))).toHaveLength(1));
		expect(await runCommand(app, CANCEL)).toBe(true);
		await running;
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toBe("Batch cancelled. 0 of 2 videos have a summary. Index: Video summaries/Talks index.md.");
		expect(filePaths(app).filter((p) => p.startsWith("Video summaries/"))).toEqual(["Video summaries/Talks index.md"]);
		expect(fileText(app, "Video summaries/Talks index.md")).toContain("not summarized yet, as the batch was cancelled");
	});

	it("obsidian://video-summary-notes?url=… summarizes the video it names, with no note open", async () => {
		const youtube = youtubeAnswers(TWO);
		const { app } = await setUp({});
		expect(openObsidianUri(app, `obsidian://video-summary-notes?url=${encodeURIComponent("https://youtu.be/it3OtbTxQk0")}`)).toBe(true);
		const notices = await finished(0);
		expect(notices[notices.length - 1]).toMatch(/^Summary written to Video summaries\/Introduction to Doodle for Google 2023 summary\.md\./);
		expect(openedFiles(app)).toEqual([{ path: "Video summaries/Introduction to Doodle for Google 2023 summary.md", newLeaf: "tab" }]);
		expect(youtube.unexpected).toEqual([]);
	});
});

describe("cancelling and confirming", () => {
	it("Cancel summarization stops a run in flight, and nothing is written", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE }, { model: "fake-hang" });
		openNote(app, "T.md");
		expect(await runCommand(app, CANCEL)).toBe(false);
		const running = runCommand(app, SUMMARIZE);
		await vi.waitFor(() => expect(visibleNotices()).toContain("Video summary: Asking fake-hang to plan the summary…"));
		expect(await runCommand(app, CANCEL)).toBe(true);
		await running;
		expect(await finished(0)).toEqual(["Summarization cancelled. Nothing was written."]);
		expect(filePaths(app)).toEqual(["T.md"]);
		expect(await runCommand(app, CANCEL)).toBe(false);
	});

	it("the progress notice's Cancel button does the same", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE }, { model: "fake-hang" });
		openNote(app, "T.md");
		const running = runCommand(app, SUMMARIZE);
		await vi.waitFor(() => expect(visibleNotices()).toContain("Video summary: Asking fake-hang to plan the summary…"));
		const progress = notices.find((n) => n.duration === 0);
		const button = (progress?.containerEl as unknown as { find(s: string): { click(): void } | null }).find("button");
		button?.click();
		await running;
		expect(await finished(0)).toEqual(["Summarization cancelled. Nothing was written."]);
		expect(filePaths(app)).toEqual(["T.md"]);
	});

	it("asks before a run above the token threshold, and sends nothing when the user declines", async () => {
		const { app } = await setUp({ "T.md": EXAMPLE }, { confirmAboveTokens: 1000 });
		openNote(app, "T.md");
		const before = server.chatRequests().length;
		const running = runCommand(app, SUMMARIZE);
		await vi.waitFor(() => expect(openModals().length).toBe(1));
		const [modal] = openModals();
		const text = (modal?.contentEl as unknown as { getText(): string }).getText();
		expect(text).toMatch(/^This run will use about [\d,]+ tokens in 2 calls, at no cost\. Summarize it\?/);
		await userClicks(buttonByText(modal?.contentEl as never, "Cancel"));
		await running;
		expect(await finished(0)).toEqual(["Not summarized: you chose not to start this run. Nothing was sent to the model."]);
		expect(server.chatRequests().length).toBe(before);
	});
});
