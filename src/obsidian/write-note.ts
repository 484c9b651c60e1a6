import { type App, normalizePath, type TFile } from "obsidian";

import { SummaryError } from "../core/errors";
import { availablePath, safeFolder } from "../core/note/file-name";

async function ensureFolder(app: App, folder: string): Promise<void> {
	if (!folder || app.vault.getFolderByPath(folder)) return;
	if (app.vault.getAbstractFileByPath(folder)) {
		throw new SummaryError("write", `"${folder}" is a file, not a folder. Choose another output folder in settings.`);
	}
	try {
		await app.vault.createFolder(folder);
	} catch (e) {
		// Another run may have created it in the meantime; anything else is a real failure.
		if (!app.vault.getFolderByPath(folder)) throw e;
	}
}

/**
 * Refuses, before any call, an output folder that leaves the vault or where a file stands (at the folder's
 * path or above it): the note could not be written there, and the run would be paid for nothing.
 */
export function checkOutputFolder(app: App, folderSetting: string): void {
	const folder = normalizePath(safeFolder(folderSetting));
	if (folder === "/" || folder === "") return;
	const parts = folder.split("/");
	for (let i = 1; i <= parts.length; i++) {
		const path = parts.slice(0, i).join("/");
		if (app.vault.getFolderByPath(path)) continue;
		if (app.vault.getAbstractFileByPath(path)) {
			throw new SummaryError("write", `"${path}" is a file, not a folder. Choose another output folder in settings.`);
		}
		return;
	}
}

/**
 * Writes a new note into the output folder, never over an existing one: the name gets a number when it
 * is taken, and a create that loses a race with another run simply tries the next number.
 */
/** The output folder's vault path, "" for the vault's root. */
export function outputFolderPath(folderSetting: string): string {
	const folder = normalizePath(safeFolder(folderSetting));
	return folder === "/" ? "" : folder;
}

export async function writeNewNote(app: App, folderSetting: string, fileBase: string, markdown: string): Promise<TFile> {
	const root = outputFolderPath(folderSetting);
	try {
		await ensureFolder(app, root);
		for (let attempt = 0; attempt < 20; attempt++) {
			const path = normalizePath(availablePath(root, fileBase, (p) => app.vault.getAbstractFileByPath(normalizePath(p)) !== null));
			try {
				return await app.vault.create(path, markdown);
			} catch (e) {
				if (!app.vault.getAbstractFileByPath(path)) throw e;
			}
		}
		throw new Error("every candidate name was taken");
	} catch (e) {
		if (e instanceof SummaryError) throw e;
		const why = e instanceof Error ? e.message : String(e);
		throw new SummaryError("write", `The note could not be written to "${root || "/"}" (${why}). Check the output folder in settings.`);
	}
}
