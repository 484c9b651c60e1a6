import { isVideoId } from "../note/links";
import { type BatchOutcome, notePathOf } from "./outcome";

/** One line of a batch's index note: a video and what became of it. */
export interface IndexEntry {
	videoId: string;
	/** Untrusted: the video's title, when known. */
	title?: string;
	outcome: BatchOutcome;
}

/**
 * The index note's frontmatter keeps one "<video id> <note path>" per video that has a note, which a re-run
 * reads back. A video id has no space, so the first space ends it whatever the path holds; one list of
 * strings stays readable in Obsidian's properties view, where two parallel lists would drift apart on edit.
 */
export const NOTES_KEY = "notes";

export const SUMMARIZED_BEFORE = "Summarized in an earlier run.";

export function noteRecords(entries: readonly IndexEntry[]): string[] {
	return entries.flatMap((entry) => {
		const path = notePathOf(entry.outcome);
		return path === undefined ? [] : [`${entry.videoId} ${path}`];
	});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The videos an index note says have a note, from its frontmatter as the host parsed it (Obsidian's metadata
 * cache, or any YAML parser), as skipped entries pointing to those notes. Whatever cannot be read (a line the
 * user edited, a key missing) is left out: that video is summarized again rather than linked wrongly. The host
 * drops entries whose note no longer exists before running the batch and merging.
 */
export function readIndexEntries(frontmatter: unknown): IndexEntry[] {
	const list = isRecord(frontmatter) ? frontmatter[NOTES_KEY] : undefined;
	if (!Array.isArray(list)) return [];
	return list.flatMap((item): IndexEntry[] => {
		if (typeof item !== "string") return [];
		// The frontmatter writer breaks `` ` ``, `<` and `[[` with a zero-width space; a note's own path never
		// holds one (safeFileName strips them), so every one is taken out.
		const text = item.replace(/\u200B/g, "");
		const space = text.indexOf(" ");
		const videoId = text.slice(0, space);
		const path = text.slice(space + 1);
		if (space < 0 || !isVideoId(videoId) || path.trim() === "") return [];
		return [{ videoId, outcome: { status: "skipped", reason: SUMMARIZED_BEFORE, path } }];
	});
}

/**
 * The index after a re-run: `latest` is this run's entries in the playlist's order as it is now, skipped
 * videos included. A video that has a note keeps its link: when this run failed or was cancelled for a video
 * the earlier index had a note for, that note is still linked (it exists: the host dropped those that do not).
 * Videos no longer in the playlist keep their notes, so they stay listed, after the others, in their order.
 */
export function mergeIndex(previous: readonly IndexEntry[], latest: readonly IndexEntry[]): IndexEntry[] {
	const before = new Map<string, IndexEntry>();
	for (const entry of previous) {
		if (notePathOf(entry.outcome) !== undefined && !before.has(entry.videoId)) before.set(entry.videoId, entry);
	}
	const merged = latest.map((entry): IndexEntry => {
		const earlier = before.get(entry.videoId);
		const path = earlier && notePathOf(earlier.outcome);
		if (!earlier || path === undefined || entry.outcome.status === "written") return entry;
		if (entry.outcome.status === "skipped") return entry.outcome.path === undefined ? { ...entry, outcome: { ...entry.outcome, path } } : entry;
		return { ...entry, title: entry.title ?? earlier.title, outcome: earlier.outcome };
	});
	const listed = new Set(latest.map((entry) => entry.videoId));
	return [...merged, ...previous.filter((entry) => !listed.has(entry.videoId) && notePathOf(entry.outcome) !== undefined)];
}
