import esbuild from "esbuild";
import { builtinModules } from "node:module";

const production = process.argv[2] === "production";

// The plugin: one CommonJS file at the root, as Obsidian loads it.
const plugin = {
	entryPoints: ["src/main.ts"],
	bundle: true,
	external: ["obsidian", "electron", "@codemirror/*", "@lezer/*", ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
	format: "cjs",
	platform: "browser",
	target: "es2018",
	logLevel: "info",
	sourcemap: production ? false : "inline",
	treeShaking: true,
	minify: production,
	outfile: "main.js",
};

// The CLI: the same core for Node, so the main job runs and is tested outside Obsidian.
const cli = {
	entryPoints: ["src/cli/main.ts"],
	bundle: true,
	format: "esm",
	platform: "node",
	target: "node20",
	logLevel: "info",
	outfile: "dist/cli.mjs",
	banner: { js: "#!/usr/bin/env node" },
};

if (production) {
	await Promise.all([esbuild.build(plugin), esbuild.build(cli)]);
} else {
	const contexts = await Promise.all([esbuild.context(plugin), esbuild.context(cli)]);
	await Promise.all(contexts.map((c) => c.watch()));
}
