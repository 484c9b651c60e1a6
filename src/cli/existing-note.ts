import type { Dirent } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { join } from "node:path";

import { findExistingSummary, type NoteProperties } from "../core/note/existing-summary";
import { readFrontmatter } from "../core/note/read-frontmatter";

/**
 * How far the search goes. `--out` defaults to the current folder, which may be a home folder with a
 * hundred thousand files: the search reads the notes the user keeps there, a few levels down (summaries
 * filed into subfolders), and stops rather than walk a whole disk before every run.
 */
export const SEARCH_LIMITS = { depth: 3, folders: 1000, notes: 5000 };

/** The start of a note that is read: a summary's frontmatter is under 2 KB, with room left for properties added by hand. */
const HEAD_BYTES = 32 * 1024;

/** Folders that hold no notes of the user's: tools' and version control's own, and hidden ones. */
function skipped(name: string): boolean {
	return name.startsWith(".") || name === "node_modules";
}

async function head(path: string): Promise<{ text: string; modified: number } | null> {
	let file;
	try {
		file = await open(path, "r");
		const buffer = Buffer.alloc(HEAD_BYTES);
		const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
		const { mtimeMs } = await file.stat();
		return { text: buffer.subarray(0, bytesRead).toString("utf8"), modified: mtimeMs };
	} catch {
		// A note that cannot be read (permissions, removed meanwhile) is not the one looked for.
		return null;
	} finally {
		await file?.close().catch(() => undefined);
	}
}

async function entries(folder: string): Promise<Dirent[]> {
	try {
		const found = await readdir(folder, { withFileTypes: true });
		// In name order, so the same folder gives the same answer on every system.
		return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	} catch {
		return [];
	}
}

/** What the search found: the newest summary of the video (null when none), and whether it stopped at a count limit. */
export interface EarlierNote {
	path: string | null;
	partial: boolean;
}

/**
 * The newest summary of the video among the Markdown notes in `folder` and its subfolders, by their `video_id`
 * property. Links are not followed (a link to a parent folder would loop, and one elsewhere is not in `--out`).
 */
export async function findEarlierNote(folder: string, videoId: string, limits = SEARCH_LIMITS): Promise<EarlierNote> {
	const found = await findEarlierNotes(folder, [videoId], limits);
	return { path: found.paths.get(videoId) ?? null, partial: found.partial };
}

/** The newest summary of each video that has one, and whether the search stopped at a count limit. */
export interface EarlierNotes {
	paths: Map<string, string>;
	partial: boolean;
}

/**
 * findEarlierNote for the videos of a batch, in one walk of the folder: a playlist of 150 videos would
 * otherwise read every note 150 times.
 */
export async function findEarlierNotes(folder: string, videoIds: readonly string[], limits = SEARCH_LIMITS): Promise<EarlierNotes> {
	const notes: NoteProperties[] = [];
	let folders = 0;
	let read = 0;
	let partial = false;
	const queue: { path: string; depth: number }[] = [{ path: folder, depth: 0 }];
	for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
		if (++folders > limits.folders) {
			partial = true;
			break;
		}
		for (const entry of await entries(next.path)) {
			if (skipped(entry.name)) continue;
			const path = join(next.path, entry.name);
			if (entry.isDirectory()) {
				if (next.depth < limits.depth) queue.push({ path, depth: next.depth + 1 });
				continue;
			}
			if (!entry.isFile() || !/\.md$/i.test(entry.name)) continue;
			if (++read > limits.notes) {
				partial = true;
				break;
			}
			const note = await head(path);
			// Only a note that holds one of the ids anywhere in its start is worth reading as YAML.
			if (note === null || !videoIds.some((id) => note.text.includes(id))) continue;
			notes.push({ path, frontmatter: readFrontmatter(note.text), modified: note.modified });
		}
		if (read > limits.notes) break;
	}
	const paths = new Map<string, string>();
	for (const id of videoIds) {
		const path = findExistingSummary(id, notes);
		if (path !== null) paths.set(id, path);
	}
	return { paths, partial };
}
