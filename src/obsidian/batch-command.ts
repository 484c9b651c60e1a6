import { normalizePath, type TFile } from "obsidian";

import type { BatchSource } from "../core/batch/batch-source";
import { describeBatchProgress } from "../core/batch/describe-progress";
import { estimateBatch } from "../core/batch/estimate-batch";
import { type IndexEntry, readIndexEntries } from "../core/batch/index-entries";
import { notePathOf } from "../core/batch/outcome";
import { type BatchList, indexFileBase, playlistBatch, summarizeBatch } from "../core/batch/summarize-batch";
import { SummaryError, userMessage } from "../core/errors";
import { INDEX_TAG } from "../core/note/render-index";
import { estimateTokens } from "../core/plan/estimate-tokens";
import { SEED_TEMPLATE } from "../core/prompt/seed-template";
import { endpointProblem, priceOf } from "../core/settings";
import type { Source } from "../core/source/source";
import { describeBatchEstimate } from "../core/usage/describe-usage";
import { summarize } from "../summarize";
import { type CommandHost, summaryInVault, summaryJob } from "./command-host";
import { confirmRun } from "./confirm-run-modal";
import { ProgressNotice } from "./progress-notice";
import type { ReadyEndpoint } from "./ready-endpoint";
import { checkOutputFolder, outputFolderPath, writeNewNote } from "./write-note";

/** The earlier index note of this batch, if the output folder has one of ours: a re-run updates it. */
function earlierIndex(host: CommandHost, path: string): TFile | null {
	const file = host.app.vault.getFileByPath(path);
	const tags: unknown = file ? host.app.metadataCache.getFileCache(file)?.frontmatter?.tags : undefined;
	return Array.isArray(tags) && tags.includes(INDEX_TAG) ? file : null;
}

/** Its entries whose notes are still in the vault: those are skipped, the others summarized again. */
function previousEntries(host: CommandHost, index: TFile | null): IndexEntry[] {
	if (!index) return [];
	return readIndexEntries(host.app.metadataCache.getFileCache(index)?.frontmatter).filter((entry) => {
		const path = notePathOf(entry.outcome);
		return path !== undefined && host.app.vault.getFileByPath(path) !== null;
	});
}

function summaryLine(done: number, failed: number, total: number): string {
	return `${done} of ${total} videos have a summary${failed > 0 ? `, ${failed} failed (the index says why)` : ""}`;
}

/**
 * A playlist or a note of links, summarized video by video: a note for each as it finishes (none opened, so
 * that a batch does not fill the workspace), then the index note, opened. Cancel keeps every note written and
 * writes the index of what was done.
 */
export async function summarizeBatchCommand(
	host: CommandHost,
	ready: ReadyEndpoint,
	batch: BatchSource,
	from: { title: string; path?: string },
): Promise<void> {
	const controller = new AbortController();
	host.runs.add(controller);
	const progress = new ProgressNotice(() => controller.abort());
	try {
		const settings = host.settings();
		const problem = endpointProblem(settings);
		if (problem) throw new SummaryError("config", problem);
		checkOutputFolder(host.app, settings.outputFolder);
		progress.update("listId" in batch ? "Reading the playlist from YouTube…" : "Looking for summaries the vault has already…");
		const list: BatchList =
			"listId" in batch
				? await playlistBatch(host.http, batch.listId, controller.signal)
				: { title: from.title, source: { note: from.path ?? from.title }, videos: batch.videos };
		const indexPath = normalizePath(`${outputFolderPath(settings.outputFolder)}/${indexFileBase(list)}.md`);
		const index = earlierIndex(host, indexPath);
		const template = settings.template.trim() ? settings.template : SEED_TEMPLATE;
		const result = await summarizeBatch(list, {
			existing: (videoId) => Promise.resolve(summaryInVault(host.app, videoId)?.path),
			previous: previousEntries(host, index),
			confirm: (videos) => {
				const estimate = estimateBatch({ videos, promptTokens: estimateTokens(template), price: priceOf(settings), concurrency: settings.concurrency });
				return confirmRun(host.app, `${list.notice ? `${list.notice} ` : ""}${describeBatchEstimate(estimate)}. Summarize them?`, "Summarize these videos?");
			},
			summarize: async (video, signal, stage) => {
				const source: Source = { text: "", video: { id: video.videoId }, origin: "link", title: video.title ?? video.videoId };
				// The batch asked once for all its videos: no question per video.
				const { confirm: _asked, ...job } = summaryJob(host, ready, source, { signal, say: stage, switched: () => undefined, context: () => undefined });
				const note = await summarize(job);
				const file = await writeNewNote(host.app, settings.outputFolder, note.fileBase, note.markdown);
				return { path: file.path, title: note.title };
			},
			writeIndex: async (markdown) => {
				if (index) {
					await host.app.vault.modify(index, markdown);
					return index.path;
				}
				return (await writeNewNote(host.app, settings.outputFolder, indexFileBase(list), markdown)).path;
			},
			concurrency: settings.videosAtOnce,
			now: host.now(),
			signal: controller.signal,
			onProgress: (p) => progress.update(describeBatchProgress(p)),
		});
		const written = host.app.vault.getFileByPath(result.indexPath);
		if (written) await host.app.workspace.getLeaf("tab").openFile(written);
		const done = result.entries.filter((e) => notePathOf(e.outcome) !== undefined).length;
		const failed = result.entries.filter((e) => e.outcome.status === "failed").length;
		const line = `${summaryLine(done, failed, list.videos.length)}. Index: ${result.indexPath}.`;
		if (controller.signal.aborted) progress.fail(`Batch cancelled. ${line}`);
		else progress.finish(line);
	} catch (e) {
		progress.fail(controller.signal.aborted ? "Batch cancelled before any video was summarized. Nothing was written." : userMessage(e));
	} finally {
		host.runs.delete(controller);
	}
}
