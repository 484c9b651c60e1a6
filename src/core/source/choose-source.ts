import { MIN_WORDS } from "../transcript/parse-transcript";
import type { VideoRef } from "../types";
import { transcriptFromSummary } from "./earlier-summary";
import type { Source, SourceOrigin } from "./source";
import { findYouTubeLink, parseYouTubeLink, refuseNonVideoLink, youTubeAddresses } from "./youtube-link";

export interface NoteContext {
	/** The whole note, frontmatter included. */
	text: string;
	selection: string;
	path?: string;
	/** The note's name without extension. */
	name?: string;
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const VIDEO_ID_FIELD = /^video_id:\s*["']?([\w-]{11})["']?\s*$/m;

/** The text with every YouTube address (in angle brackets or not) replaced by `replace(address, at)`. */
function replaceAddresses(text: string, replace: (address: string, at: number) => string): string {
	let out = "";
	let from = 0;
	for (const span of youTubeAddresses(text, ")]>", true)) {
		const index = text.charAt(span.index - 1) === "<" && span.index - 1 >= from ? span.index - 1 : span.index;
		const end = text.charAt(span.end) === ">" ? span.end + 1 : span.end;
		out += text.slice(from, index) + replace(text.slice(index, end), index);
		from = end;
	}
	return out + text.slice(from);
}

function bodyOf(note: string): string {
	return note.replace(FRONTMATTER, "");
}

/** The video an earlier summary note was made from: its `video_id` property, else the first link in it. */
export function videoOfNote(note: string): VideoRef | null {
	const fm = FRONTMATTER.exec(note)?.[0];
	const id = fm ? VIDEO_ID_FIELD.exec(fm)?.[1] : undefined;
	return id ? { id } : findYouTubeLink(note);
}

/** Whether the text holds fewer than `n` words; counted only until there are enough, as a transcript has thousands. */
function fewerWordsThan(text: string, n: number): boolean {
	let words = 0;
	for (const [word] of text.matchAll(/\S+/g)) if (/[\p{L}\p{N}]/u.test(word) && ++words >= n) return false;
	return true;
}

/**
 * A text the user gave us → what to summarize. A link with a transcript beside it means "this is that
 * video's transcript": the transcript is used and the note links to the video. A link alone means the
 * video. Text that is too short to be a transcript and has no link is still a transcript, so that the
 * transcript parser can say why it is refused.
 */
export function sourceFromText(text: string, origin: SourceOrigin, title: string, context?: { video?: VideoRef | null; path?: string }): Source {
	refuseNonVideoLink(text);
	// A bare id pasted in the dialog is a video too: the dialog already shows it as one.
	const linked = findYouTubeLink(text) ?? (origin === "pasted" ? parseYouTubeLink(text) : null);
	// In an earlier summary the links are its time links: they name the video, not where a link pointed.
	const earlier = linked !== null && transcriptFromSummary(text) !== null;
	const video = (earlier ? { id: (context?.video ?? linked).id } : linked) ?? context?.video ?? undefined;
	// Links that are a Markdown link's target stay: an earlier summary's time links carry its times.
	const rest = replaceAddresses(text, (url, at) => (text.slice(Math.max(0, at - 2), at) === "](" ? url : " "));
	const base = { origin, title, ...(context?.path ? { sourcePath: context.path } : {}) };
	if (video && fewerWordsThan(rest, MIN_WORDS)) return { ...base, text: "", video, origin: "link" };
	// The link names the video; left in the text it would be read as the transcript's first words.
	return { ...base, text: rest.replace(/^[ \t]+$/gm, "").trim(), ...(video ? { video } : {}) };
}

/**
 * Summarize video into note, run from a note: its selection if there is one, else a link and/or a
 * transcript in the note; null when the note holds neither, so the host asks the user.
 */
export function sourceFromNote(note: NoteContext): Source | null {
	const title = note.name ?? "Transcript";
	const context = { video: videoOfNote(note.text), path: note.path };
	if (note.selection.trim()) return sourceFromText(note.selection, "selection", title, context);
	const body = bodyOf(note.text);
	// A note holding only a playlist or channel link is refused as such, not answered with the dialog.
	refuseNonVideoLink(body);
	if (!findYouTubeLink(body) && fewerWordsThan(body, MIN_WORDS)) return null;
	return sourceFromText(body, "note", title, context);
}

/** Re-summarize selection: the selected text, of a video named in it or in the note around it. */
export function sourceFromSelection(note: NoteContext): Source {
	// A blank selection is nothing to summarize: left with the note's video, the whole video would be fetched.
	if (!note.selection.trim()) return { origin: "selection", title: note.name ?? "Selection", text: "", ...(note.path ? { sourcePath: note.path } : {}) };
	const source = sourceFromText(note.selection, "selection", note.name ?? "Selection", {
		video: videoOfNote(note.text),
		path: note.path,
	});
	// A selected link alone is still a selection to summarize, not a request to fetch the video.
	return source.origin === "link" ? { ...source, text: note.selection, origin: "selection" } : source;
}
