import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, mkdtempSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { lstat, mkdir, realpath, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { clearTimeout, setTimeout } from "node:timers";

import { SummaryError } from "../core/errors";
import { availablePath } from "../core/note/file-name";

/**
 * How long the folder check may take. A local disk answers in microseconds; a network mount that is gone
 * (NFS, SMB) can block mkdir in the kernel for minutes, and no signal interrupts it. The check then fails
 * with this message instead of hanging before the run, and the caller ends the process, since the stuck
 * call would keep it alive.
 */
export const CHECK_FOLDER_MS = 10_000;

/**
 * Pseudo file systems: a folder there is the kernel's, not the user's, and writing to it has side effects
 * (or blocks, as some /proc and /dev files do). Refused outright on Linux, by the real path.
 */
const KERNEL_FOLDERS = ["/proc", "/sys", "/dev"];

function code(e: unknown): string {
	return typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
}

function reason(e: unknown): string {
	return code(e) || (e instanceof Error ? e.message : String(e));
}

async function exists(path: string): Promise<boolean> {
	try {
		await lstat(path);
		return true;
	} catch (e) {
		// ENOTDIR: a file stands somewhere above it; the walk up finds which.
		if (code(e) === "ENOENT" || code(e) === "ENOTDIR") return false;
		throw e;
	}
}

function under(path: string, folder: string): boolean {
	return path === folder || path.startsWith(`${folder}${sep}`);
}

/** What the folder check left: where the note goes, and the folders it created, to remove if nothing is written. */
export interface OutFolder {
	path: string;
	/** The first folder the check created (the others lie inside it), or null. */
	created: string | null;
}

async function check(out: string): Promise<OutFolder> {
	const path = resolve(out);
	const refuse = (why: string) => new SummaryError("write", `--out ${out}: ${why} Choose another folder with --out.`);
	// The nearest part of the path that exists: it must be a folder (or a link to one).
	let existing = path;
	while (!(await exists(existing))) {
		const parent = dirname(existing);
		if (parent === existing) break;
		existing = parent;
	}
	const info = await lstat(existing);
	if (info.isSymbolicLink()) {
		const target = await stat(existing).catch(() => null);
		if (target === null) throw refuse(`${existing} is a link to something that does not exist.`);
		if (!target.isDirectory()) throw refuse(existing === path ? "it is a link to a file, not a folder." : `${existing} is a link to a file, not a folder.`);
	} else if (!info.isDirectory()) {
		throw refuse(existing === path ? "it is a file, not a folder." : `it lies under ${existing}, which is a file, not a folder.`);
	}
	if (process.platform === "linux") {
		const real = join(await realpath(existing), relative(existing, path));
		if (KERNEL_FOLDERS.some((folder) => under(real, folder))) throw refuse(`${real} lies in a system folder of the kernel, not on a disk.`);
	}
	let created: string | null = null;
	try {
		created = (await mkdir(path, { recursive: true })) ?? null;
	} catch (e) {
		throw refuse(`the folder could not be created (${reason(e)}).`);
	}
	// Written and removed: a folder that exists may still refuse files (permissions, a read-only disk).
	const probe = join(path, `.video-summary-check-${randomBytes(4).toString("hex")}`);
	try {
		await writeFile(probe, "", { flag: "wx" });
		await unlink(probe);
	} catch (e) {
		removeCreated({ path, created });
		throw refuse(`a file cannot be written there (${reason(e)}).`);
	}
	return { path, created };
}

/**
 * Checks `--out` before the run, so that nothing is paid for a note that cannot be written: the folder is
 * created if missing, and a file is written to it and removed.
 */
export async function checkOutFolder(out: string, onStuck: () => void): Promise<OutFolder> {
	let timer: NodeJS.Timeout | undefined;
	const stuck = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			onStuck();
			reject(
				new SummaryError(
					"write",
					`--out ${out}: the folder did not answer within ${CHECK_FOLDER_MS / 1000} s (a network drive that is gone?). Choose another folder with --out.`,
				),
			);
		}, CHECK_FOLDER_MS);
	});
	try {
		return await Promise.race([check(out), stuck]);
	} catch (e) {
		if (e instanceof SummaryError) throw e;
		throw new SummaryError("write", `--out ${out}: the folder cannot be used (${reason(e)}). Choose another folder with --out.`);
	} finally {
		clearTimeout(timer);
	}
}

/** Removes the folders the check created, when the run wrote nothing into them; a folder not empty stays. */
export function removeCreated(folder: OutFolder): void {
	if (folder.created === null) return;
	for (let dir = folder.path; under(dir, folder.created); dir = dirname(dir)) {
		try {
			rmdirSync(dir);
		} catch {
			return;
		}
	}
}

function taken(path: string): boolean {
	try {
		// lstat, not exists: a link that points nowhere still holds its name.
		lstatSync(path);
		return true;
	} catch (e) {
		if (code(e) === "ENOENT") return false;
		throw e;
	}
}

/** File systems without hard links (FAT, exFAT, some network and FUSE mounts) say so with one of these. */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/**
 * Writes the note whole or not at all, and never over an existing file. The text goes to a temporary file
 * in the same folder (`.<name>.tmp-<random>`), which is then linked to the first free name: link() fails
 * rather than replace a file, so two runs racing for one name both keep their notes (the loser takes the
 * next number). Where the file system has no hard links, the temporary file is renamed instead, after
 * checking that the name is free: another program creating that very name in the microseconds between
 * the check and the rename would lose its file, a race left open only there. A failure removes the
 * temporary file.
 */
export function writeNoteFile(dir: string, fileBase: string, markdown: string): string {
	const temporary = join(dir, `.${fileBase}.tmp-${randomBytes(4).toString("hex")}`);
	try {
		writeFileSync(temporary, markdown, { encoding: "utf8", flag: "wx" });
		let hardLinks = true;
		for (let attempt = 0; attempt < 20; attempt++) {
			const path = join(
				dir,
				availablePath("", fileBase, (p) => taken(join(dir, p))),
			);
			try {
				if (hardLinks) {
					linkSync(temporary, path);
					unlinkSync(temporary);
				} else {
					if (taken(path)) continue;
					renameSync(temporary, path);
				}
				return path;
			} catch (e) {
				if (code(e) === "EEXIST") continue;
				if (hardLinks && NO_HARD_LINKS.has(code(e))) {
					hardLinks = false;
					attempt--;
					continue;
				}
				throw e;
			}
		}
		throw new Error("every candidate name was taken");
	} catch (e) {
		try {
			unlinkSync(temporary);
		} catch {
			// Never written, or already linked and removed.
		}
		throw e;
	}
}

/**
 * Replaces a batch's own index note, whole or not at all: the text goes to a temporary file beside it, which is
 * then renamed over it. The only file the CLI ever replaces; the caller checked that it is that index. A link
 * put in its place meanwhile is replaced itself, never what it points to.
 */
export function replaceIndexFile(path: string, markdown: string): void {
	const temporary = join(dirname(path), `.index.tmp-${randomBytes(4).toString("hex")}`);
	try {
		writeFileSync(temporary, markdown, { encoding: "utf8", flag: "wx" });
		renameSync(temporary, path);
	} catch (e) {
		try {
			unlinkSync(temporary);
		} catch {
			// Never written, or already renamed.
		}
		throw e;
	}
}

/**
 * Where a summary goes when its note cannot be written: a new folder in the system's temporary folder,
 * under the note's own name. Null when even that fails.
 */
export function keepElsewhere(fileBase: string, markdown: string): string | null {
	try {
		const path = join(mkdtempSync(join(tmpdir(), "video-summary-")), `${fileBase}.md`);
		writeFileSync(path, markdown, { encoding: "utf8", flag: "wx" });
		return path;
	} catch {
		return null;
	}
}

export { reason as writeFailure };
