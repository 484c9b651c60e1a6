import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

import type { TextFile } from "../core/prompt/planning-cache";

/**
 * The user's cache directory, where each platform's tools keep what can be thrown away: `XDG_CACHE_HOME`
 * when it is set (on any platform, as many CLIs honour it), else ~/Library/Caches on macOS, %LOCALAPPDATA%
 * on Windows and ~/.cache elsewhere.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
	const xdg = env.XDG_CACHE_HOME;
	const base =
		xdg && isAbsolute(xdg)
			? xdg
			: platform === "darwin"
				? join(home, "Library", "Caches")
				: platform === "win32"
					? (env.LOCALAPPDATA ?? join(home, "AppData", "Local"))
					: join(home, ".cache");
	return join(base, "video-summary-notes");
}

/** The planning cache's file in that directory; written whole to a temporary file, then renamed over the old one. */
export function planningCacheFile(directory: string): TextFile & { path: string } {
	const path = join(directory, "planning.json");
	return {
		path,
		read: () =>
			readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
				if (e.code === "ENOENT") return null;
				throw e;
			}),
		async write(text) {
			await mkdir(directory, { recursive: true });
			const temporary = `${path}.tmp-${randomBytes(4).toString("hex")}`;
			await writeFile(temporary, text, "utf8");
			await rename(temporary, path);
		},
	};
}
