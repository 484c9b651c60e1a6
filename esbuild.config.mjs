import esbuild from "esbuild";
import { builtinModules } from "node:module";
import { openaiNoLookbehind } from "./scripts/openai-no-lookbehind.mjs";
import { openaiUnusedApis } from "./scripts/openai-unused-apis.mjs";

const production = process.argv[2] === "production";

// The oldest engine main.js must load on. Obsidian publishes no minimum iOS version; its developer docs
// and its lint rule regex-lookbehind still care about iOS before 16.4, and Obsidian has been reported
// running on iOS 15.7 (iPhone 6s, blacksmithgu/obsidian-dataview#2057), the last iOS of devices Apple
// stopped updating. So: Safari 15 (iOS 15), and no syntax newer than ES2020, which Safari 15 and Android
// WebView 80+ parse and which tests/bundle-syntax.test.ts checks main.js against with a real parser.
// esbuild lowers newer syntax, but not a regex lookbehind (Safari 16.4+): for that it only turns the
// literal into `new RegExp(…)`, which then throws when run. The openai SDK's one lookbehind is rewritten
// by openaiNoLookbehind, and the test fails on any lookbehind left in main.js.
const MOBILE_TARGET = ["es2020", "safari15"];

// The plugin: one CommonJS file at the root, as Obsidian loads it. openaiUnusedApis stubs the openai SDK's
// APIs the plugin never calls (images, audio, files, assistants, responses, …), which `new OpenAI()` would
// otherwise pull in: about 100 KB of main.js. tests/bundle-size.test.ts holds main.js to 250 KB.
const plugin = {
	entryPoints: ["src/main.ts"],
	bundle: true,
	external: ["obsidian", "electron", "@codemirror/*", "@lezer/*", ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
	format: "cjs",
	platform: "browser",
	target: MOBILE_TARGET,
	plugins: [openaiNoLookbehind(), openaiUnusedApis()],
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
