import { lstat, open, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

import { type IndexEntry, readIndexEntries } from "../core/batch/index-entries";
import { notePathOf } from "../core/batch/outcome";
import { type FrontmatterValue, readFrontmatter } from "../core/note/read-frontmatter";
import { INDEX_TAG } from "../core/note/render-index";
import { replaceIndexFile, writeNoteFile } from "./out-folder";

/** An index note keeps a line per video in its frontmatter: a playlist's 5,000 videos take about 500 KB. */
const INDEX_BYTES = 4 * 1024 * 1024;

/** A batch's index note from an earlier run, found in the output folder under the name the batch gives it. */
export interface EarlierIndex {
	/** Absolute. */
	path: string;
	/** Its entries whose notes are still in the folder. */
	entries: IndexEntry[];
}

/**
 * A note's path as the index keeps it: relative to the output folder, which holds the index too, with `/`
 * whatever the system. Obsidian resolves such a link when the folder lies in a vault, wherever in it.
 */
export function pathInFolder(folder: string, path: string): string {
	return relative(folder, path).split(sep).join("/");
}

/** The tags as Obsidian reads them: a list, or one string of tags; a leading `#` and the case do not matter. */
function tagsOf(frontmatter: Record<string, FrontmatterValue>): string[] {
	const value = frontmatter["tags"];
	const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
	return items.flatMap((item) => item.split(/[\s,]+/)).map((tag) => tag.replace(/^#/, "").toLowerCase());
}

/** The note's frontmatter when it is a batch index of this plugin's (tagged so); null for anything else. */
async function ownIndex(path: string): Promise<Record<string, FrontmatterValue> | null> {
	let file;
	try {
		// A link is not followed: what it points to is not the index of this folder, and is never replaced.
		const info = await lstat(path);
		if (!info.isFile()) return null;
		file = await open(path, "r");
		const buffer = Buffer.alloc(Math.min(info.size, INDEX_BYTES));
		const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
		const frontmatter = readFrontmatter(buffer.subarray(0, bytesRead).toString("utf8"));
		return frontmatter && tagsOf(frontmatter).includes(INDEX_TAG) ? frontmatter : null;
	} catch {
		// Missing or unreadable: there is no index to update, and a new one is written beside whatever it is.
		return null;
	} finally {
		await file?.close().catch(() => undefined);
	}
}

/** Whether a path the index lists is a note in the folder; the index is a note anyone may have edited. */
async function noteInFolder(folder: string, path: string): Promise<boolean> {
	if (isAbsolute(path) || path.split(/[\\/]/).includes("..")) return false;
	try {
		return (await stat(join(folder, path))).isFile();
	} catch {
		return false;
	}
}

/** The index of an earlier run of this batch, `<fileBase>.md` in the folder, when it is one of ours. */
export async function earlierIndex(folder: string, fileBase: string): Promise<EarlierIndex | null> {
	const path = join(folder, `${fileBase}.md`);
	const frontmatter = await ownIndex(path);
	if (frontmatter === null) return null;
	const entries: IndexEntry[] = [];
	for (const entry of readIndexEntries(frontmatter)) {
		const note = notePathOf(entry.outcome);
		if (note !== undefined && (await noteInFolder(folder, note))) entries.push(entry);
	}
	return { path, entries };
}

/**
 * The batch's index note: the earlier one rewritten in place, when it is still one of ours (it may have been
 * replaced while the batch ran); otherwise a new note, numbered when its name is taken, as notes are.
 */
export async function writeIndexNote(folder: string, fileBase: string, markdown: string, earlier: EarlierIndex | null): Promise<string> {
	if (earlier && (await ownIndex(earlier.path)) !== null) {
		replaceIndexFile(earlier.path, markdown);
		return earlier.path;
	}
	return writeNoteFile(folder, fileBase, markdown);
}
