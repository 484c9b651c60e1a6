import { type Editor, type EditorPosition, MarkdownView, Notice, type TFile } from "obsidian";

import { throwIfAborted } from "../core/abort";
import { batchSourceOf } from "../core/batch/batch-source";
import { SummaryError, userMessage } from "../core/errors";
import { endpointProblem } from "../core/settings";
import { type NoteContext, sourceFromNote, sourceFromSelection, sourceFromText } from "../core/source/choose-source";
import type { Source } from "../core/source/source";
import { parseYouTubeLink } from "../core/source/youtube-link";
import { describeUsage } from "../core/usage/describe-usage";
import { summarize, type SummaryNote } from "../summarize";
import { summarizeBatchCommand } from "./batch-command";
import { type CommandHost, summaryInVault, summaryJob } from "./command-host";
import { askAboutEarlierSummary } from "./existing-summary-modal";
import { ProgressNotice } from "./progress-notice";
import type { ReadyEndpoint } from "./ready-endpoint";
import { SourceModal } from "./source-modal";
import { checkOutputFolder, writeNewNote } from "./write-note";

function noteContext(file: TFile | null, editor: Editor): NoteContext {
	return {
		text: editor.getValue(),
		selection: editor.getSelection(),
		...(file ? { path: file.path, name: file.basename } : {}),
	};
}

/** Whether the note links to this video anywhere (a link, a Markdown link, a property), whatever the link's form. */
function linksToVideo(note: string, id: string): boolean {
	return note.split(/[\s()<>[\]"'`]+/).some((word) => /youtu/i.test(word) && parseYouTubeLink(word)?.id === id);
}

/**
 * The summary's sections, for insertion into the note the selection came from: no second frontmatter or
 * title, and no "Watch on YouTube" line when the note already links to the video.
 */
function sectionsOnly(markdown: string, note: string): string {
	const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/^# .*\n+/, "");
	const watch = /^\[Watch on YouTube\]\(([^)\s]+)\).*\n+/.exec(body);
	const id = watch ? parseYouTubeLink(watch[1] ?? "")?.id : undefined;
	return (watch && id && linksToVideo(note, id) ? body.slice(watch[0].length) : body).trim();
}

async function run(host: CommandHost, ready: ReadyEndpoint, source: Source, write: (note: SummaryNote) => Promise<string>, trackId?: string): Promise<void> {
	const controller = new AbortController();
	host.runs.add(controller);
	const progress = new ProgressNotice(() => controller.abort());
	const notes: string[] = [];
	let context = "";
	try {
		const settings = host.settings();
		const problem = endpointProblem(settings);
		if (problem) throw new SummaryError("config", problem);
		// Refused now, not after the model has been paid for: a folder outside the vault, or a file in its place.
		checkOutputFolder(host.app, settings.outputFolder);
		const note = await summarize(
			summaryJob(host, ready, source, {
				signal: controller.signal,
				say: (message) => progress.update(message),
				switched: (message) => notes.push(message),
				// The last one said is the largest context the run asked for.
				context: (message) => {
					progress.update(message);
					context = message;
				},
				...(trackId ? { trackId } : {}),
			}),
		);
		throwIfAborted(controller.signal);
		const where = await write(note);
		const extra = [
			...note.warnings,
			...(note.incomplete && !note.unparsed
				? ['The answer was cut off at the output limit, so the note is marked incomplete. Raise "Maximum output tokens" in settings and run it again.']
				: []),
		];
		const written = note.unparsed ? `The model's answer could not be read as a summary; it was saved as it came in ${where}.` : `Summary written to ${where}.`;
		progress.finish([written, ...extra, ...notes, ...(context ? [context] : []), `${describeUsage(note.usage, note.cost)}.`].join(" "));
	} catch (e) {
		const message = controller.signal.aborted ? "Summarization cancelled. Nothing was written." : userMessage(e);
		progress.fail(e instanceof SummaryError && e.detail ? `${message}\n\n${e.detail}` : message);
	} finally {
		host.runs.delete(controller);
	}
}

/** The summary is the user's: when it cannot be written, it goes to the clipboard rather than nowhere. */
async function keepOnClipboard(markdown: string, error: unknown): Promise<never> {
	const clipboard = typeof navigator === "undefined" ? undefined : navigator.clipboard;
	const copied = clipboard
		? await clipboard.writeText(markdown).then(
				() => true,
				() => false,
			)
		: false;
	const why = userMessage(error);
	throw new SummaryError("write", copied ? `${why} The summary was copied to the clipboard: paste it into a note.` : why);
}

/** With "Link from the source note" on, the note the transcript came from gets a `video_summary` property. */
async function linkFromSource(host: CommandHost, sourcePath: string | undefined, summary: TFile): Promise<void> {
	const source = sourcePath ? host.app.vault.getFileByPath(sourcePath) : null;
	if (!host.settings().linkFromSource || !source || source.path === summary.path) return;
	await host.app.fileManager.processFrontMatter(source, (frontmatter: Record<string, unknown>) => {
		frontmatter.video_summary = host.app.fileManager.generateMarkdownLink(summary, source.path);
	});
}

function newNoteWriter(host: CommandHost, sourcePath?: string): (note: SummaryNote) => Promise<string> {
	return async (note) => {
		const file = await writeNewNote(host.app, host.settings().outputFolder, note.fileBase, note.markdown).catch((e: unknown) =>
			keepOnClipboard(note.markdown, e),
		);
		const linked = await linkFromSource(host, sourcePath, file).then(
			() => "",
			() => ". The source note was not linked to it: its properties could not be read. Check them for a formatting error",
		);
		await host.app.workspace.getLeaf("tab").openFile(file);
		return `${file.path}${linked}`;
	};
}

/** The source, or undefined when the input is refused (a playlist link): said in a Notice, as a failed run is. */
function chosen<T>(choose: () => T): T | undefined {
	try {
		return choose();
	} catch (e) {
		new Notice(userMessage(e));
		return undefined;
	}
}

/**
 * Whether to summarize the source. A video given by its link alone that the vault has summarized already is
 * not fetched and paid for again unasked: Open opens that note, making no request, and closing the dialog does
 * nothing. A transcript given beside a link is always summarized: it may be another text than the captions.
 */
async function summarizeAnew(host: CommandHost, source: Source): Promise<boolean> {
	if (source.origin !== "link" || !source.video) return true;
	const earlier = summaryInVault(host.app, source.video.id);
	if (!earlier) return true;
	const choice = await askAboutEarlierSummary(host.app, earlier.path);
	if (choice === "open") await host.app.workspace.getLeaf("tab").openFile(earlier);
	return choice === "again";
}

/**
 * A playlist link, or a note (or selection) of two or more video links that is not a transcript, is a batch:
 * true when it was one (and has run, or was refused with a Notice).
 */
async function summarizedAsBatch(host: CommandHost, text: string, file: TFile | null): Promise<boolean> {
	const batch = batchSourceOf(text);
	if (!batch) return false;
	const ready = await host.ready();
	if (ready) await summarizeBatchCommand(host, ready, batch, { title: file?.basename ?? "Videos", ...(file ? { path: file.path } : {}) });
	return true;
}

/**
 * A link given from outside the vault (`obsidian://video-summary-notes?url=…`, from a bookmarklet or the
 * share sheet): a video, or a playlist as a batch. The new note opens as a summary from a note would.
 */
export async function summarizeLink(host: CommandHost, text: string): Promise<void> {
	if (await summarizedAsBatch(host, text, null)) return;
	const source = chosen(() => sourceFromText(text, "pasted", "Video"));
	if (!source || !(await summarizeAnew(host, source))) return;
	const ready = await host.ready();
	if (ready) await run(host, ready, source, newNoteWriter(host));
}

/** Summarize video into note: the active note's selection, else its link and/or transcript, else ask. */
export async function summarizeActiveNote(host: CommandHost): Promise<void> {
	const view = host.app.workspace.getActiveViewOfType(MarkdownView);
	if (view && (await summarizedAsBatch(host, view.editor.getSelection() || view.editor.getValue(), view.file))) return;
	// What the note holds is read first (a refused link needs no endpoint, and an earlier summary of it
	// opens without one); the dialog comes after the endpoint check, since it looks pasted links up on YouTube.
	const source = view ? chosen(() => sourceFromNote(noteContext(view.file, view.editor))) : null;
	if (source === undefined || (source && !(await summarizeAnew(host, source)))) return;
	const ready = await host.ready();
	if (ready === null) return;
	if (source) return run(host, ready, source, newNoteWriter(host, source.sourcePath));
	const file = view?.file ?? null;
	new SourceModal(host.app, host.http, ({ text, trackId }) => {
		const batch = batchSourceOf(text);
		if (batch) {
			// A playlist link or several links pasted: a batch, started once the dialog has closed.
			queueMicrotask(() => void summarizeBatchCommand(host, ready, batch, { title: file?.basename ?? "Videos", ...(file ? { path: file.path } : {}) }));
			return null;
		}
		let pasted: Source;
		try {
			pasted = sourceFromText(text, "pasted", file?.basename ?? "Transcript", file ? { path: file.path } : undefined);
		} catch (e) {
			// Said in the dialog, which stays open so the link can be fixed.
			return userMessage(e);
		}
		// Asked once the dialog has closed (it closes when this returns), so the question is not stacked over it.
		queueMicrotask(() => {
			void summarizeAnew(host, pasted).then((anew) => (anew ? run(host, ready, pasted, newNoteWriter(host, pasted.sourcePath), trackId) : undefined));
		});
		return null;
	}).open();
}

/**
 * Re-summarize selection. With "insert below selection" on, the summary goes under the selection, but
 * only if the selected text is still where it was: the user may have edited the note meanwhile.
 */
export async function resummarizeSelection(host: CommandHost, editor: Editor, file: TFile | null): Promise<void> {
	if (await summarizedAsBatch(host, editor.getSelection(), file)) return;
	const source = chosen(() => sourceFromSelection(noteContext(file, editor)));
	const ready = source ? await host.ready() : null;
	if (!source || ready === null) return;
	if (!host.settings().insertBelowSelection) return run(host, ready, source, newNoteWriter(host, source.sourcePath));
	const selected = editor.getSelection();
	const to: EditorPosition = { ...editor.getCursor("to") };
	const from: EditorPosition = { ...editor.getCursor("from") };
	return run(host, ready, source, async (note) => {
		if (editor.getRange(from, to) !== selected) {
			// The summary is kept, just not inserted into text that is no longer what was summarized.
			const path = await newNoteWriter(host)(note);
			return `${path} (the selected text changed meanwhile, so it was not inserted)`;
		}
		editor.replaceRange(`\n\n${sectionsOnly(note.markdown, editor.getValue())}\n`, to);
		return file ? `${file.basename}, below the selection` : "the note, below the selection";
	});
}
