import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
	);
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;

describe("the core stays host-free", () => {
	it("never imports obsidian or a Node built-in, so it runs in Obsidian on mobile and in the CLI alike", () => {
		const forbidden = new Set(["obsidian", "electron", ...builtinModules]);
		const offenders = sources("src/core").flatMap((file) =>
			[...readFileSync(file, "utf8").matchAll(IMPORT)]
				.map((m) => m[1] ?? m[2] ?? "")
				.filter((spec) => forbidden.has(spec.replace(/^node:/, "").split("/")[0] ?? "") || spec.startsWith("node:"))
				.map((spec) => `${file}: ${spec}`),
		);
		expect(offenders).toEqual([]);
	});
});

describe("code that runs on every device", () => {
	it("uses no regular-expression lookbehind, which Safari on iOS before 16.4 cannot parse", () => {
		const offenders = sources("src").filter((file) => /\(\?<[=!]/.test(readFileSync(file, "utf8")));
		expect(offenders).toEqual([]);
	});
});

describe("the release files agree", () => {
	const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as Record<string, unknown>;
	const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
	const versions = JSON.parse(readFileSync("versions.json", "utf8")) as Record<string, string>;

	it("has only the keys Obsidian's review accepts, and a description its bot accepts", () => {
		expect(Object.keys(manifest).sort()).toEqual(["author", "description", "id", "isDesktopOnly", "minAppVersion", "name", "version"]);
		expect(manifest.id).toBe("video-summary-notes");
		expect(manifest.isDesktopOnly).toBe(false);
		expect(manifest.description).toMatch(/^[A-Z][A-Za-z0-9\s.,!?'"-]{9,249}\.$/);
		expect(String(manifest.description)).not.toMatch(/obsidian|plugin/i);
	});

	it("keeps version numbers in step", () => {
		expect(manifest.version).toBe(pkg.version);
		expect(versions[pkg.version]).toBe(manifest.minAppVersion);
	});
});

describe("APIs older mobile Safari lacks", () => {
	it("are not called directly: AbortSignal.throwIfAborted goes through core/abort", () => {
		const offenders = sources("src").filter((file) => /\.throwIfAborted\(/.test(readFileSync(file, "utf8")));
		expect(offenders).toEqual([]);
	});
});
