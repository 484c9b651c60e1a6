import { type Editor, type MarkdownFileInfo, Plugin } from "obsidian";

import { withTimeout } from "./core/http";
import { fileBackedPlanningCache, type PlanningCache } from "./core/prompt/planning-cache";
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from "./core/settings";
import { memoryTranscriptCache } from "./core/youtube";
import { pluginFolderFile } from "./obsidian/plugin-folder-file";

const YOUTUBE_TIMEOUT_MS = 30_000;
/** In the plugin's folder, beside data.json: the planning answers, reused while endpoint, model and template stay. */
const PLANNING_FILE = "planning-cache.json";
import { DEFAULT_PLACES, type LocalPlaces } from "./core/model/local-servers";
import { chatModelFromSettings } from "./obsidian/chat-model-from-settings";
import type { CommandHost } from "./obsidian/command-host";
import { openSettingTab, readySettings, type SetupHost } from "./obsidian/ready-endpoint";
import { requestUrlHttp } from "./obsidian/request-url-http";
import { VideoSummarySettingTab } from "./obsidian/settings-tab";
import { resummarizeSelection, summarizeActiveNote, summarizeLink } from "./obsidian/summarize-commands";

export default class VideoSummaryPlugin extends Plugin {
	override settings: Settings = { ...DEFAULT_SETTINGS };
	/** Replaced in tests so a written note's date is known. */
	now: () => Date = () => new Date();
	private readonly cache = memoryTranscriptCache();
	private planning?: PlanningCache;
	private readonly runs = new Set<AbortController>();

	private get host(): CommandHost {
		return {
			app: this.app,
			settings: () => this.settings,
			chatModel: (settings, events, ollama) => chatModelFromSettings(this.app, settings, events, ollama),
			now: () => this.now(),
			// requestUrl cannot be cancelled or timed out by itself; a YouTube request that hangs must not hang the command.
			http: withTimeout(requestUrlHttp, YOUTUBE_TIMEOUT_MS),
			cache: this.cache,
			planning: (this.planning ??= fileBackedPlanningCache(
				pluginFolderFile(this.app, this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`, PLANNING_FILE),
			)),
			runs: this.runs,
			ready: () => readySettings(this.setup),
		};
	}

	/** Replaced in tests, so that a model server on the test machine is never found. */
	localPlaces: LocalPlaces = DEFAULT_PLACES;

	private get setup(): SetupHost {
		return {
			app: this.app,
			http: requestUrlHttp,
			places: this.localPlaces,
			settings: () => this.settings,
			saveSettings: async (change) => {
				this.settings = { ...this.settings, ...change };
				await this.saveSettings();
			},
			openSettings: () => openSettingTab(this.app, this.manifest.id),
		};
	}

	override async onload(): Promise<void> {
		this.settings = normalizeSettings(await this.loadData());

		this.addCommand({ id: "summarize-video", name: "Summarize video into note", callback: () => summarizeActiveNote(this.host) });
		this.addCommand({
			id: "resummarize-selection",
			name: "Re-summarize selection",
			editorCheckCallback: (checking, editor, ctx) => {
				if (!editor.somethingSelected()) return false;
				if (!checking) void this.resummarize(editor, ctx);
				return true;
			},
		});
		this.addCommand({
			id: "cancel-summarization",
			name: "Cancel summarization",
			checkCallback: (checking) => {
				if (this.runs.size === 0) return false;
				if (!checking) for (const run of this.runs) run.abort();
				return true;
			},
		});
		// A run still going when the plugin is disabled stops with it.
		this.register(() => {
			for (const run of this.runs) run.abort();
		});
		this.addRibbonIcon("list-video", "Summarize video into note", () => summarizeActiveNote(this.host));
		// obsidian://video-summary-notes?url=<link>: a bookmarklet or the share sheet starts a summary (a batch for a playlist).
		this.registerObsidianProtocolHandler(this.manifest.id, (params) => summarizeLink(this.host, params.url ?? ""));
		this.registerEvent(
			this.app.workspace.on("editor-menu", (menu, editor, info) => {
				if (!editor.somethingSelected()) return;
				menu.addItem((item) =>
					item
						.setTitle("Re-summarize selection")
						.setIcon("list-video")
						.onClick(() => this.resummarize(editor, info)),
				);
			}),
		);
		this.addSettingTab(new VideoSummarySettingTab(this.app, this));
	}

	private resummarize(editor: Editor, info: MarkdownFileInfo): Promise<void> {
		return resummarizeSelection(this.host, editor, info.file ?? null);
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
	}
}
