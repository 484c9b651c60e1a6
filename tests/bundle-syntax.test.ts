// The built main.js, not src/, must parse on the oldest engine the plugin supports (esbuild.config.mjs:
// Safari 15 / iOS 15): no syntax newer than ES2020 and no regex lookbehind, which WebKit before 16.4
// cannot compile, so one anywhere in main.js stops the whole plugin from loading on those devices.
// `npm test` builds main.js first (pretest); run `npm run build` before running this file alone.
import { readFileSync } from "node:fs";
import { runInThisContext } from "node:vm";

import { build, type Plugin } from "esbuild";
import { Linter, type Rule } from "eslint";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { readBundle } from "./support/built-bundle";

const ECMA_VERSION = 2020;
const LOOKBEHIND = /\(\?<[=!]/;

interface Finding {
	line: number;
	column: number;
	message: string;
}

/** Regex literals, strings (`new RegExp("…")`) and template text, by value, so escapes like \x3c are seen through. */
const noLookbehind: Rule.RuleModule = {
	create(context) {
		const check = (node: Rule.Node, text: string | null | undefined, what: string) => {
			if (text != null && LOOKBEHIND.test(text)) context.report({ node, message: `regex lookbehind in ${what}: ${text.slice(0, 80)}` });
		};
		return {
			Literal(node) {
				if ("regex" in node && node.regex) check(node, node.regex.pattern, "a regex literal");
				else if (typeof node.value === "string") check(node, node.value, "a string");
			},
			TemplateElement(node) {
				check(node, node.value.cooked, "a template string");
			},
		};
	},
};

/** Everything in `code` that an ES2020 engine without regex lookbehind (Safari 15) cannot load. */
function unsupportedSyntax(code: string): Finding[] {
	const messages = new Linter().verify(
		code,
		[
			{
				files: ["**/*.js"],
				languageOptions: { ecmaVersion: ECMA_VERSION, sourceType: "script" },
				plugins: { bundle: { rules: { "no-lookbehind": noLookbehind } } },
				rules: { "bundle/no-lookbehind": "error" },
			},
		],
		"main.js",
	);
	const lines = code.split("\n");
	const findings: Finding[] = messages.map((m) => ({
		line: m.line,
		column: m.column,
		message: m.fatal ? `${m.message} at …${lines[m.line - 1]?.slice(Math.max(0, m.column - 60), m.column + 40) ?? ""}…` : m.message,
	}));
	// Belt and braces: the raw text, in case a lookbehind hides somewhere the walk above does not look.
	for (const m of code.matchAll(new RegExp(LOOKBEHIND.source, "g"))) {
		const before = code.slice(0, m.index);
		const line = before.split("\n").length;
		findings.push({
			line,
			column: m.index - before.lastIndexOf("\n"),
			message: `"${m[0]}" in the text: …${code.slice(Math.max(0, m.index - 60), m.index + 40)}…`,
		});
	}
	return findings;
}

describe("the checker", () => {
	it("finds syntax newer than ES2020 and every form of regex lookbehind", () => {
		const bad = [
			"var a = /(?<=x)y/;",
			"var a = /(?<!x)y/g;",
			'var a = new RegExp("(?<=x)y");',
			'var a = RegExp("(?\\x3c!x)y");',
			"var a = `(^|(?<=[\\r\\n]))`;",
			"class A { x = 1 }",
			"class A { static { } }",
			"var a; a ??= 1;",
			"var a = 1_000;",
			"var a = /x/d;",
			"var a = /x/v;",
		];
		for (const code of bad) expect(unsupportedSyntax(code), code).not.toEqual([]);
		expect(unsupportedSyntax("var a = /(?<name>x)(?=y)(?!z)/su; var b = a?.b ?? 1n; class C { m() {} }")).toEqual([]);
	});
});

describe("main.js loads on every device", () => {
	it(`has no syntax newer than ES${ECMA_VERSION} and no regex lookbehind`, () => {
		const code = readBundle();
		expect(code.length).toBeGreaterThan(10_000);
		expect(unsupportedSyntax(code)).toEqual([]);
	});
});

interface PluginModule {
	DECLARATION: string;
	segmentPattern: () => { exec(text: string): { index: number; 0: string } | null };
	rewritePathModule: (source: string) => string;
	openaiNoLookbehind: () => Plugin;
}

describe("the rewrite of the openai SDK's lookbehind", () => {
	const SDK_PATH = "node_modules/openai/internal/utils/path";
	let plugin: PluginModule;
	let original: RegExp;

	beforeAll(async () => {
		// A computed specifier: the module is plain JavaScript for esbuild.config.mjs, without type declarations.
		plugin = (await import(new URL("../scripts/openai-no-lookbehind.mjs", import.meta.url).href)) as PluginModule;
		// The SDK's own regex, taken from the declaration the rewrite insists the SDK still contains.
		const literal = /= \/(.*)\/([a-z]*);$/.exec(plugin.DECLARATION);
		original = new RegExp(literal?.[1] ?? "", literal?.[2]);
	});

	function allMatches(exec: (text: string) => { index: number; 0: string } | null, text: string): [number, string][] {
		const found: [number, string][] = [];
		for (let m = exec(text); m !== null; m = exec(text)) found.push([m.index, m[0]]);
		return found;
	}

	it("finds the same segments as the SDK's lookbehind regex", () => {
		const check = (text: string) => {
			const re = new RegExp(original.source, original.flags);
			const replacement = plugin.segmentPattern();
			expect(
				allMatches((t) => replacement.exec(t), text),
				text,
			).toEqual(allMatches((t) => re.exec(t), text));
		};
		for (const text of ["", ".", "..", "...", "/./", "/../", "a/../b", "../a/./b/..", "/.../", "%2e", "%2E%2e/x", "x/%2e.", "a..", "//..//.", "a/./../"])
			check(text);
		const piece = fc.constantFrom(".", "..", "/", "%2e", "%2E", "%2", "e", "a", "?", "#");
		fc.assert(
			fc.property(
				fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
				(text) => check(text),
			),
			{ numRuns: 2000 },
		);
	});

	it("leaves the SDK's path() behaving the same, as bundled", async () => {
		const bundle = async (plugins: Plugin[]) => {
			const result = await build({
				entryPoints: [`${SDK_PATH}.mjs`],
				bundle: true,
				format: "cjs",
				platform: "browser",
				target: ["es2020"],
				plugins,
				write: false,
				logLevel: "silent",
			});
			const module = { exports: {} as { path: (statics: TemplateStringsArray | string[], ...params: unknown[]) => string } };
			(runInThisContext(`(function (module, exports) {${result.outputFiles[0]?.text ?? ""}\n})`) as (m: typeof module, e: object) => void)(
				module,
				module.exports,
			);
			return { text: result.outputFiles[0]?.text ?? "", path: module.exports.path };
		};
		const before = await bundle([]);
		const after = await bundle([plugin.openaiNoLookbehind()]);
		expect(before.text).toMatch(LOOKBEHIND);
		expect(after.text).not.toMatch(LOOKBEHIND);
		const outcome = (path: typeof before.path, statics: string[], params: unknown[]) => {
			try {
				return `ok ${path(statics, ...params)}`;
			} catch (error) {
				return `error ${error instanceof Error ? error.message : String(error)}`;
			}
		};
		const text = fc.array(fc.constantFrom(".", "..", "/", "%2e", "%2E", "a", "?", "#"), { maxLength: 6 }).map((p) => p.join(""));
		const param = fc.oneof(text, fc.constant(null), fc.constant({}), fc.integer());
		fc.assert(
			fc.property(fc.array(fc.tuple(text, param), { maxLength: 4 }), text, (pairs, last) => {
				const statics = [...pairs.map(([s]) => s), last];
				const params = pairs.map(([, p]) => p);
				expect(outcome(after.path, statics, params)).toBe(outcome(before.path, statics, params));
			}),
			{ numRuns: 2000 },
		);
		expect(outcome(after.path, ["/files/", "/content"], [".."])).toMatch(/^error [\s\S]*Value "\.\." can't be safely passed/);
	});

	it("fails loudly if the SDK's code is not what it rewrites", () => {
		for (const ext of ["mjs", "js"]) expect(plugin.rewritePathModule(readFileSync(`${SDK_PATH}.${ext}`, "utf8"))).not.toMatch(LOOKBEHIND);
		expect(() => plugin.rewritePathModule("const invalidSegmentPattern = /(?<=^|\\/)\\.{1,2}(?=\\/|$)/gi;")).toThrow(/changed/);
		const source = readFileSync(`${SDK_PATH}.mjs`, "utf8");
		expect(() => plugin.rewritePathModule(source.replace("invalidSegmentPattern.exec(pathOnly)", "pathOnly.matchAll(invalidSegmentPattern)"))).toThrow(
			/changed/,
		);
	});
});
