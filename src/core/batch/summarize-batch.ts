import { SummaryError } from "../errors";
import type { Http } from "../http";
import { safeFileName } from "../note/file-name";
import { type IndexInput, renderIndex } from "../note/render-index";
import { parseYouTubeLink, youTubeAddresses } from "../source/youtube-link";
import { fetchPlaylist } from "../youtube/playlist";
import { playlistNotice } from "../youtube/playlist-messages";
import { type IndexEntry, mergeIndex, SUMMARIZED_BEFORE } from "./index-entries";
import { type BatchOutcome, notePathOf } from "./outcome";
import { type BatchItem, type BatchProgress, type ItemResult, runBatch } from "./run-batch";

/** One video of a batch, as much as is known of it before its captions are fetched. */
export interface BatchVideo {
	videoId: string;
	/** Untrusted. */
	title?: string;
	durationSeconds?: number;
}

/** What a batch summarizes: its videos in order, and what its index note is named after and links to. */
export interface BatchList {
	/** Untrusted: the playlist's title, or the name of the note holding the links. */
	title: string;
	source: IndexInput["source"];
	videos: BatchVideo[];
	/** Said before the batch starts: videos left out of the playlist (private, deleted, past the limit). */
	notice?: string;
}

/** The videos of a playlist, each once, in the playlist's order. */
export async function playlistBatch(http: Http, listId: string, signal?: AbortSignal): Promise<BatchList> {
	const playlist = await fetchPlaylist(http, listId, signal ? { signal } : {});
	const videos = distinct(
		playlist.videos.map((v) => ({
			videoId: v.id,
			...(v.title ? { title: v.title } : {}),
			...(v.durationSeconds ? { durationSeconds: v.durationSeconds } : {}),
		})),
	);
	const notice = playlistNotice(playlist);
	return { title: playlist.title, source: { playlistId: playlist.id }, videos, ...(notice ? { notice } : {}) };
}

/** The videos a text links to, each once, in the order of their first link: a note or selection full of links. */
export function linkedVideos(text: string): BatchVideo[] {
	const found = youTubeAddresses(text, ")]>\"'`", false).flatMap(({ index, end }) => {
		const ref = parseYouTubeLink(text.slice(index, end));
		return ref ? [{ videoId: ref.id }] : [];
	});
	return distinct(found);
}

function distinct(videos: BatchVideo[]): BatchVideo[] {
	const seen = new Set<string>();
	return videos.filter((v) => !seen.has(v.videoId) && seen.add(v.videoId));
}

/** The index note's file name, without extension: the same for every run of the same batch, so a re-run finds it. */
export function indexFileBase(list: BatchList): string {
	return `${safeFileName(list.title)} index`;
}

/** What a batch needs from its host (Obsidian or the CLI): where notes are, how one video is summarized and written. */
export interface BatchHost {
	/** The path of a summary the vault (or output folder) already has of this video. */
	existing(videoId: string): Promise<string | undefined>;
	/** The entries of this batch's earlier index note whose notes still exist; empty on a first run. */
	previous: readonly IndexEntry[];
	/** Summarize every video anew (the CLI's --again): nothing is skipped, the earlier index is still merged. */
	again?: boolean;
	/** Asked before anything is fetched or paid for, with the videos that will run; false stops the batch. */
	confirm(videos: readonly BatchVideo[]): Promise<boolean>;
	/** Summarizes one video and writes its note (saying the video's title, once known); rejects with a SummaryError saying why it could not. */
	summarize(video: BatchVideo, signal: AbortSignal, stage: (message: string) => void): Promise<{ path: string; title?: string }>;
	/** Writes (or rewrites) the index note; resolves with where. */
	writeIndex(markdown: string): Promise<string>;
	concurrency: number;
	now: Date;
	signal?: AbortSignal;
	onProgress?: (progress: BatchProgress) => void;
}

export interface BatchResult {
	entries: IndexEntry[];
	indexPath: string;
	/** Every video of the batch has a note (written now or before). */
	complete: boolean;
}

function outcomeOf(result: ItemResult<{ path: string; title?: string }>): BatchOutcome {
	return result.status === "written" ? { status: "written", path: result.path } : result;
}

/**
 * A batch, top-down: videos that already have a note are skipped, the rest confirmed, summarized a few at a
 * time (one failing never stops the others), and the index note written, after a cancel too, so that it says
 * what was done. Throws a "cancelled" SummaryError only when the user declines before anything ran.
 */
export async function summarizeBatch(list: BatchList, host: BatchHost): Promise<BatchResult> {
	const before = new Map(host.previous.flatMap((e) => (notePathOf(e.outcome) === undefined ? [] : [[e.videoId, notePathOf(e.outcome)]])));
	const items: BatchItem<{ path: string; title?: string }>[] = [];
	for (const video of list.videos) {
		const path = host.again ? undefined : (before.get(video.videoId) ?? (await host.existing(video.videoId)));
		const base = { videoId: video.videoId, ...(video.title ? { title: video.title } : {}) };
		items.push(
			path === undefined ? { ...base, run: (signal, stage) => host.summarize(video, signal, stage) } : { ...base, skip: { reason: SUMMARIZED_BEFORE, path } },
		);
	}
	const toRun = list.videos.filter((_, i) => items[i] && "run" in items[i]);
	if (toRun.length > 0 && !(await host.confirm(toRun))) {
		throw new SummaryError("cancelled", "Not summarized: you chose not to start this batch. Nothing was sent to the model.");
	}
	const results = await runBatch(items, {
		concurrency: host.concurrency,
		...(host.signal ? { signal: host.signal } : {}),
		...(host.onProgress ? { onProgress: host.onProgress } : {}),
	});
	const latest = list.videos.map((video, i): IndexEntry => {
		const result = results[i];
		// A link alone has no title until its video is fetched: the note's title then names it in the index.
		const title = video.title ?? (result?.status === "written" ? result.title : undefined);
		return { videoId: video.videoId, ...(title ? { title } : {}), outcome: result ? outcomeOf(result) : { status: "cancelled" } };
	});
	const entries = mergeIndex(host.previous, latest);
	const indexPath = await host.writeIndex(renderIndex({ title: list.title, source: list.source, entries, created: host.now.toISOString() }));
	const complete = latest.every((e) => notePathOf(e.outcome) !== undefined);
	return { entries, indexPath, complete };
}
