import { type App, getLanguage, type TFile } from "obsidian";

import type { Http } from "../core/http";
import type { ChatModel } from "../core/model/chat-model";
import { plannedContext } from "../core/model/endpoint-model";
import type { OllamaModelInfo } from "../core/model/ollama-chat";
import { findExistingSummary } from "../core/note/existing-summary";
import { defaultPlanOptions } from "../core/plan/plan-chunks";
import type { PlanningCache } from "../core/prompt/planning-cache";
import { captionLanguages, priceOf, type Settings } from "../core/settings";
import type { Source } from "../core/source/source";
import { describeEstimate } from "../core/usage/describe-usage";
import type { TranscriptCache } from "../core/youtube";
import type { SummarizeJob } from "../summarize";
import type { ConnectionEvents } from "./chat-model-from-settings";
import { confirmRun } from "./confirm-run-modal";
import type { ReadyEndpoint } from "./ready-endpoint";

/** What the commands need from the plugin, so they can be run and tested without its lifecycle. */
export interface CommandHost {
	app: App;
	settings(): Settings;
	chatModel(settings: Settings, events: ConnectionEvents, ollama?: OllamaModelInfo): ChatModel;
	now(): Date;
	http: Http;
	/** Kept for the plugin's lifetime, so summarizing a video again does not fetch its captions again. */
	cache: TranscriptCache;
	/** The model's planning answers, kept in the plugin's folder across sessions. */
	planning: PlanningCache;
	/** The runs in progress, for Cancel summarization and for unloading. */
	runs: Set<AbortController>;
	/**
	 * Whether a run can start: the endpoint checked (key, reachable) before any YouTube request or model call,
	 * and with nothing set up, the setup dialog. Null once the user has been told why not.
	 */
	ready(): Promise<ReadyEndpoint | null>;
}

/** What a run tells its host as it goes; `say` shows progress, `switched` and `context` are kept for the final notice. */
export interface RunEvents {
	signal: AbortSignal;
	say: (message: string) => void;
	switched: (message: string) => void;
	context: (message: string) => void;
	trackId?: string;
}

/** The summary job for a source under the current settings: one video, alone or as part of a batch. */
export function summaryJob(host: CommandHost, ready: ReadyEndpoint, source: Source, events: RunEvents): SummarizeJob {
	const settings = host.settings();
	return {
		source,
		youtube: {
			http: host.http,
			languages: captionLanguages(settings.captionLanguages, getLanguage()),
			cache: host.cache,
			...(events.trackId ? { trackId: events.trackId } : {}),
		},
		model: host.chatModel(settings, { retrying: events.say, switched: events.switched, context: events.context }, ready.ollama),
		template: settings.template,
		outputLanguage: settings.outputLanguage,
		now: host.now(),
		plan: { ...defaultPlanOptions(plannedContext(settings.contextWindow, ready.ollama)), targetSeconds: settings.partMinutes * 60 },
		concurrency: settings.concurrency,
		appendTranscript: settings.appendTranscript,
		price: priceOf(settings),
		planning: { cache: host.planning, endpoint: settings.baseURL },
		...(settings.confirmAboveTokens > 0 ? { confirmAboveTokens: settings.confirmAboveTokens } : {}),
		confirm: (estimate) => confirmRun(host.app, `${describeEstimate(estimate)} Summarize it?`),
		signal: events.signal,
		onProgress: (p) => events.say(p.message),
	};
}

/**
 * The newest summary of the video anywhere in the vault, found in the metadata cache without reading a file.
 * Anywhere, not only in the output folder: summaries get filed into other folders, and the setting may have
 * changed since; the note's tag and `video_id` say what it is, not where it lies. A note written moments ago
 * may not be in the cache yet, and is then missed: the worst that does is a second summary, as before.
 */
export function summaryInVault(app: App, videoId: string): TFile | null {
	const notes = app.vault.getMarkdownFiles().map((file) => ({
		path: file.path,
		frontmatter: app.metadataCache.getFileCache(file)?.frontmatter,
		modified: file.stat.mtime,
	}));
	const path = findExistingSummary(videoId, notes);
	return path === null ? null : app.vault.getFileByPath(path);
}
