// Lint: eslint-plugin-obsidianmd's recommended rules (on typescript-eslint's type-checked set)
// for the plugin source, the manifest check the release scanner runs, and a lighter set for
// the Node-side tests and tooling.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import obsidianmd from "eslint-plugin-obsidianmd";
import regexp from "eslint-plugin-regexp";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
	globalIgnores(["node_modules", "dist", "main.js", "esbuild.config.mjs", "eslint.config.mjs", "bench/run.mjs", "versions.json"]),

	// The plugin, the CLI and the shared core: everything under src/ gets the full recommended set,
	// type-checked against tsconfig.json. package.json gets the set's own dependency check
	// (depend/ban-dependencies).
	{
		files: ["src/**/*.ts", "package.json"],
		extends: [obsidianmd.configs.recommended],
	},
	{
		files: ["src/**/*.ts"],
		languageOptions: {
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
			},
		},
		rules: {
			// Tuned, not set aside: our promise plumbing (timeouts, abort races, the parallel runner)
			// forwards another promise's rejection reason unchanged, which is typed `unknown`. Rejecting
			// with a non-Error literal is still reported.
			"@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
			// Raised from the recommended "warn": the plugin is not desktop-only (it runs on mobile,
			// which has no Node), so a Node built-in anywhere outside src/cli/ is a bug.
			"obsidianmd/no-nodejs-modules": "error",
		},
	},

	// Every parser linear in its input: eslint-plugin-regexp's recommended rules for every regex in src/, with
	// the two that catch patterns that can take seconds on hostile input (nested or adjacent unbounded
	// quantifiers over the same characters; a pattern retried from every position) raised to errors.
	// tests/core/pathological-inputs.test.ts runs the inputs that used to take seconds.
	{
		files: ["src/**/*.ts"],
		extends: [regexp.configs["flat/recommended"]],
		rules: {
			"regexp/no-super-linear-backtracking": "error",
			"regexp/no-super-linear-move": "error",
		},
	},

	// manifest.json: the `validate-manifest` check the sample plugin and the release scan run.
	// typescript-eslint parses it as JSON. The rule reads only the syntax tree, so no type information
	// (and no `allowDefaultProject` entry, which fails once tsconfig's program includes the file).
	{
		files: ["manifest.json"],
		plugins: { obsidianmd },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: [".json"] },
		},
		rules: { "obsidianmd/validate-manifest": "error" },
	},

	// src/core/ is shared by the plugin and the Node CLI, so it may use neither Node built-ins (the
	// rule above) nor `obsidian`/`electron` (below; tests/core/boundaries.test.ts checks the same).
	// Set aside here: prefer-window-timers. `window` does not exist under Node, so the core's timers
	// (request timeouts, not tied to any window) cannot be `window.setTimeout`.
	{
		files: ["src/core/**/*.ts"],
		rules: {
			"obsidianmd/prefer-window-timers": "off",
			"no-restricted-imports": [
				"error",
				{
					paths: [
						{ name: "obsidian", message: "src/core runs in the CLI too: take what it needs from Obsidian as a parameter (see src/obsidian/)." },
						{ name: "electron", message: "src/core runs on mobile and in the CLI, where there is no Electron." },
					],
				},
			],
		},
	},

	// Set aside for one file: the global fetch needed for streaming. The summary streams from the LLM
	// endpoint through the openai SDK, which needs a fetch that returns the body as a stream and honours
	// an AbortSignal (the cancel button, plugin unload); Obsidian's requestUrl buffers the whole answer
	// and cannot be cancelled. So the client's default transport is the global fetch; endpoints that
	// refuse Obsidian's origin (CORS) use the "requestUrl" transport setting instead. Only the `fetch`
	// entry is dropped: the global `app` and `localStorage` stay restricted here.
	{
		files: ["src/core/model/openai-client.ts"],
		rules: {
			"no-restricted-globals": [
				"warn",
				{ name: "app", message: "Avoid using the global app object. Instead use the reference provided by your plugin instance." },
				{
					name: "localStorage",
					message: "Prefer `App#saveLocalStorage` / `App#loadLocalStorage` functions to write / read localStorage data that's unique to a vault.",
				},
			],
		},
	},

	// src/cli/ is the command-line front end: it runs under Node, never inside Obsidian, so the
	// rules that only make sense in the app are off here. It reads files and stdin with Node
	// built-ins (no-nodejs-modules), writes progress and results to the terminal with console
	// (no-console, which the plugin enforces through obsidianmd/rule-custom-message; that rule's
	// other check, the Function constructor, is kept as plain no-new-func), and calls the network
	// with Node's global fetch, as there is no requestUrl and no CORS outside the app
	// (no-restricted-globals).
	{
		files: ["src/cli/**/*.ts"],
		languageOptions: { globals: { ...globals.node, NodeJS: "readonly" } },
		rules: {
			"obsidianmd/no-nodejs-modules": "off",
			"no-restricted-globals": "off",
			"obsidianmd/rule-custom-message": "off",
			"no-new-func": "error",
		},
	},

	// Tests and the benchmark run under Node and Vitest against the fake `obsidian` module; the
	// plugin rules do not apply to them. They get the plain (not type-checked) TypeScript rules.
	{
		files: ["tests/**/*.ts", "bench/**/*.ts", "vitest.config.mts"],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			// The fakes implement Obsidian's signatures with parameters they do not need: `_name`.
			"@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
			// The fake DOM walks the parent chain starting from `this`, as event dispatch does.
			"@typescript-eslint/no-this-alias": "off",
			// Tests look for control characters on purpose: they check that hostile text loses them.
			"no-control-regex": "off",
		},
	},

	// One order of imports everywhere (fixable with eslint --fix, which npm run format runs); the layout
	// itself is Prettier's (.prettierrc.json, checked by npm run lint), so eslint-config-prettier turns off
	// every stylistic rule that would argue with it.
	{
		files: ["src/**/*.ts", "tests/**/*.ts", "bench/**/*.ts", "vitest.config.mts"],
		plugins: { "simple-import-sort": simpleImportSort },
		rules: {
			"simple-import-sort/imports": "error",
			"simple-import-sort/exports": "error",
		},
	},
	prettier,
]);
