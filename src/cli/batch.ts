import { createHash } from "node:crypto";
import { existsSync } from "node:fs";

import { describeBatchProgress } from "../core/batch/describe-progress";
import { estimateBatch } from "../core/batch/estimate-batch";
import { notePathOf, outcomeOfError } from "../core/batch/outcome";
import { type BatchList, indexFileBase, playlistBatch, summarizeBatch } from "../core/batch/summarize-batch";
import { SummaryError, userMessage } from "../core/errors";
import type { Http } from "../core/http";
import { playlistUrl } from "../core/note/links";
import { estimateTokens } from "../core/plan/estimate-tokens";
import { SEED_TEMPLATE } from "../core/prompt/seed-template";
import { DEFAULT_SETTINGS } from "../core/settings";
import { isChannelLink, parsePlaylistLink, readPlaylistLink } from "../core/source/playlist-link";
import type { Source } from "../core/source/source";
import { parseYouTubeLink } from "../core/source/youtube-link";
import type { VideoRef } from "../core/types";
import { describeBatchEstimate, describeUsage } from "../core/usage/describe-usage";
import { addUsage, emptyUsage } from "../core/usage/usage";
import { type CliArgs, USAGE } from "./args";
import { confirmRun } from "./confirm";
import { findEarlierNotes } from "./existing-note";
import { earlierIndex, pathInFolder, writeIndexNote } from "./index-note";
import { type OutFolder, writeFailure } from "./out-folder";
import { isStreaming, type ProgressReporter } from "./progress";
import { noteWarnings, type Summarizer } from "./summarizer";
import { printErr, printOut } from "./terminal-text";

/** What a command line asks to be summarized as a batch: a playlist, or videos given one by one. */
export type BatchSpec = { listId: string } | { videos: VideoRef[] };

function refuse(problem: string): SummaryError {
	return new SummaryError("input", `${problem} ${USAGE}`);
}

/**
 * The batch the command line asks for, or null for one video or transcript, as before. Several sources are a
 * batch, each of them a video's link or id; so is a playlist's own link alone. A video's link that names a
 * playlist too (`watch?v=…&list=…`, which YouTube puts in every link copied while a playlist plays) stays that
 * one video: a batch is paid for video by video, so the cheaper reading is taken, and playlistHint names the
 * link that means the whole playlist.
 */
export function batchOf(args: CliArgs): BatchSpec | null {
	const sources = args.sources ?? [args.source];
	const only = sources.length === 1 ? sources[0] : undefined;
	if (only !== undefined) {
		if (existsSync(only)) return null;
		// A channel is no list: refused with what to give instead, not as a link that names no video.
		if (isChannelLink(only)) readPlaylistLink(only);
		const playlist = parsePlaylistLink(only);
		if (!playlist || playlist.videoId) return null;
		if (args.transcript) throw refuse("--transcript goes with one video's link, not with a playlist.");
		// Mixes, "Watch later" and "Liked videos" are refused here, each with what to paste instead.
		return { listId: readPlaylistLink(only).listId };
	}
	if (args.transcript) throw refuse("--transcript goes with one video's link: give the links of a batch without it.");
	const videos: VideoRef[] = [];
	for (const source of sources) {
		const playlist = parsePlaylistLink(source);
		if (playlist && !playlist.videoId) throw refuse(`"${source}" is a playlist: give a playlist's link alone, not among other sources.`);
		const video = existsSync(source) ? null : parseYouTubeLink(source);
		if (!video) throw refuse(`"${source}" is not a YouTube video's link or id: several sources make a batch of videos, and a transcript is summarized alone.`);
		// The same video twice is summarized once, at its first place.
		if (!videos.some((v) => v.id === video.id)) videos.push(video);
	}
	return { videos };
}

/** Said beside a video's link that names a playlist too: the playlist's own link is the one that means all of it. */
export function playlistHint(source: string): string | null {
	const link = existsSync(source) ? null : parsePlaylistLink(source);
	// A Mix cannot be read as a list, so there is nothing to point to.
	if (!link?.videoId || link.kind !== "playlist") return null;
	return `hint: the link opens one video of a playlist, and that video is summarized; to summarize the whole playlist, run with ${playlistUrl(link.listId)}`;
}

/** How many video ids a batch of links is named by; more are named by their count and a digest of the ids. */
const NAMED_IDS = 3;

/**
 * The title of a batch of links, and so the name of its index note: the same for the same links in the same
 * order, so that running the command again finds that index. Only the ids are known before the batch runs.
 */
export function linksTitle(videos: readonly VideoRef[]): string {
	const ids = videos.map((video) => video.id);
	if (ids.length <= NAMED_IDS) return `Videos ${ids.join(", ")}`;
	const digest = createHash("sha256").update(ids.join(" ")).digest("hex").slice(0, 8);
	return `Videos ${ids.slice(0, 2).join(", ")} and ${ids.length - 2} more (${digest})`;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, " ").trim();
}

export interface BatchContext {
	args: CliArgs;
	folder: OutFolder;
	progress: ProgressReporter;
	/** YouTube, for a playlist's videos. */
	youtube: Http;
	/** Ctrl-C: the videos in flight stop, and the index is written. */
	signal: AbortSignal;
	/** Whether a person can be asked, on standard input and error. */
	terminal: boolean;
	now: Date;
	/** The model, set up when the first video needs it: a batch whose videos all have notes needs none. */
	summarizer: () => Promise<Summarizer>;
}

/**
 * A batch from the command line: its videos listed (a playlist is read from YouTube), those with a summary in
 * --out skipped, the rest estimated and confirmed once, summarized a few at a time through the single run's
 * own summarizer, each failure said in a line, and the index note written, after a cancel too. Progress and
 * everything said go to standard error, the index's path to standard output. Resolves with the exit status.
 */
export async function summarizeCliBatch(spec: BatchSpec, context: BatchContext): Promise<number> {
	const { args, folder, progress, signal } = context;
	let list: BatchList;
	if ("listId" in spec) {
		progress.board("Reading the playlist from YouTube…");
		list = await playlistBatch(context.youtube, spec.listId, signal);
		progress.end();
		if (list.notice) progress.note(`note: ${list.notice}`);
	} else {
		list = { title: linksTitle(spec.videos), source: { commandLine: true }, videos: spec.videos.map((video) => ({ videoId: video.id })) };
	}
	// A link's own start time (`t=`) is kept, as a single run keeps it.
	const refs = new Map("videos" in spec ? spec.videos.map((video) => [video.id, video]) : []);
	const fileBase = indexFileBase(list);
	const earlier = await earlierIndex(folder.path, fileBase);
	// A folder the check created holds no notes; --again summarizes every video anew.
	const found =
		!args.again && folder.created === null
			? await findEarlierNotes(
					folder.path,
					list.videos.map((video) => video.videoId),
				)
			: null;
	if (found?.partial) progress.note(`note: ${args.out} holds too many notes to search them all for earlier summaries of the videos.`);

	let summarizer: Summarizer | undefined;
	// Shown once a video is to run: a batch whose videos all have notes has nothing in progress to show.
	let running = false;
	let usage = emptyUsage();
	let cost: number | null = 0;
	const result = await summarizeBatch(list, {
		existing: (videoId) => {
			const path = found?.paths.get(videoId);
			return Promise.resolve(path === undefined ? undefined : pathInFolder(folder.path, path));
		},
		previous: earlier?.entries ?? [],
		...(args.again ? { again: true } : {}),
		confirm: async (videos) => {
			running = true;
			summarizer = await context.summarizer();
			const estimate = estimateBatch({ videos, promptTokens: estimateTokens(SEED_TEMPLATE), price: summarizer.price, plan: summarizer.plan });
			try {
				return await confirmRun(`${describeBatchEstimate(estimate)}.`, estimate.promptTokens + estimate.completionTokens, {
					yes: args.yes === true,
					terminal: context.terminal,
					signal,
					question: "Summarize them?",
				});
			} catch (e) {
				// Ctrl-C while asked is a no: the question's AbortError is not a failure to report.
				if (signal.aborted) return false;
				throw e;
			}
		},
		summarize: async (video, videoSignal, stage) => {
			const label = video.title && oneLine(video.title) ? `${oneLine(video.title)} (${video.videoId})` : video.videoId;
			try {
				summarizer ??= await context.summarizer();
				const source: Source = { text: "", video: refs.get(video.videoId) ?? { id: video.videoId }, origin: "link", title: video.title ?? video.videoId };
				const written = await summarizer.summarize(source, {
					signal: videoSignal,
					// A log leaves out the counts of an answer streaming in, as in a single run.
					onProgress: (p) => (progress.streams || !isStreaming(p) ? stage(p.message) : undefined),
				});
				usage = addUsage(usage, written.note.usage);
				cost = cost === null || written.note.cost === null ? null : cost + written.note.cost;
				for (const warning of noteWarnings(written.note)) progress.note(`warning: ${label}: ${warning}`);
				return { path: pathInFolder(folder.path, written.path), title: written.note.title };
			} catch (e) {
				// A cancel is said once, for the batch, not once for each video it stopped.
				if (outcomeOfError(e, signal.aborted).status === "failed") progress.note(`failed: ${label}: ${userMessage(e)}`);
				throw e;
			}
		},
		writeIndex: async (markdown) => {
			try {
				return await writeIndexNote(folder.path, fileBase, markdown, earlier);
			} catch (e) {
				if (e instanceof SummaryError) throw e;
				throw new SummaryError("write", `The index note could not be written to ${folder.path} (${writeFailure(e)}). The notes written are there.`);
			}
		},
		concurrency: args.parallel ?? DEFAULT_SETTINGS.videosAtOnce,
		now: context.now,
		signal,
		onProgress: (p) => (running ? progress.board(describeBatchProgress(p)) : undefined),
	});
	progress.end();

	const listed = new Set(list.videos.map((video) => video.videoId));
	const latest = result.entries.filter((entry) => listed.has(entry.videoId));
	const have = latest.filter((entry) => notePathOf(entry.outcome) !== undefined).length;
	const failed = latest.filter((entry) => entry.outcome.status === "failed").length;
	const skipped = latest.filter((entry) => entry.outcome.status === "skipped").length;
	const total = list.videos.length;
	const madeBefore = skipped > 0 ? ` (${skipped} made before: --again makes ${skipped === 1 ? "it" : "them"} anew)` : "";
	const counts = `${have} of ${total} video${total === 1 ? "" : "s"} ${have === 1 ? "has" : "have"} a summary${madeBefore}${failed > 0 ? `, ${failed} failed` : ""}`;
	if (usage.calls > 0) printErr(`${describeUsage(usage, cost)}.\n`);
	if (signal.aborted) printErr(`error: Batch cancelled: ${counts}. The notes written are kept, and the index lists the videos left.\n`);
	else printErr(`${counts}${result.complete ? "" : "; run the same batch again to summarize the videos left"}.\n`);
	printOut(`${result.indexPath}\n`);
	if (signal.aborted) return 130;
	return result.complete ? 0 : 1;
}
