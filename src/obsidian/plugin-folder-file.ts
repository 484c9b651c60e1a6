import { type App, normalizePath } from "obsidian";

import type { TextFile } from "../core/prompt/planning-cache";

/**
 * A file in the plugin's own folder (`manifest.dir`), beside data.json but not in it: what it holds can be
 * thrown away, and settings stay small. It is reached through the vault's adapter, as the config folder is
 * not part of the vault's notes.
 */
export function pluginFolderFile(app: App, pluginDir: string, name: string): TextFile {
	const path = normalizePath(`${pluginDir}/${name}`);
	const { adapter } = app.vault;
	return {
		read: async () => ((await adapter.exists(path)) ? adapter.read(path) : null),
		write: (text) => adapter.write(path, text),
	};
}
