// The openai SDK's path() helper (openai/internal/utils/path) finds "." and ".." segments with a
// regex lookbehind, /(?<=^|\/)…/, which Safari/WebKit before 16.4 (older iPhones and iPads) cannot
// compile. This esbuild plugin swaps that one declaration for a lookbehind-free matcher with the same
// matches, and fails the build if the SDK's code is no longer exactly what it rewrites, so an SDK
// update cannot silently bring the lookbehind back or break the swap. tests/bundle-syntax.test.ts
// checks the two are equivalent and that the built main.js has no lookbehind at all.
import { readFile } from "node:fs/promises";

export const DECLARATION = "const invalidSegmentPattern = /(?<=^|\\/)(?:\\.|%2e){1,2}(?=\\/|$)/gi;";
// Its one use: a loop reading match.index and match[0], which the replacement provides.
const USE = "(match = invalidSegmentPattern.exec(pathOnly)) !== null";

/** Matches like the SDK's regex: consumes the "/" before a segment (group 1) and reports only the segment. */
export function segmentPattern() {
	const re = /(^|\/)((?:\.|%2e){1,2})(?=\/|$)/gi;
	return {
		exec(text) {
			const m = re.exec(text);
			if (m === null) return null;
			return Object.assign([m[2]], { index: m.index + m[1].length, input: text });
		},
	};
}

/** The SDK file with the declaration swapped; throws if the file is not the shape this was written for. */
export function rewritePathModule(source) {
	const declarations = source.split(DECLARATION).length - 1;
	const uses = source.split("invalidSegmentPattern").length - 1;
	if (declarations !== 1 || uses !== 2 || !source.includes(USE)) {
		throw new Error(
			`openai's internal/utils/path changed (lookbehind declarations ${declarations}, uses ${uses}, expected 1 and 2 with ` +
				`\`${USE}\`): look for regex lookbehinds in it again and update scripts/openai-no-lookbehind.mjs.`,
		);
	}
	const rewritten = source.replace(DECLARATION, () => `const invalidSegmentPattern = (${segmentPattern.toString()})();`);
	if (/\(\?<[=!]/.test(rewritten)) throw new Error("openai's internal/utils/path still has a regex lookbehind after the rewrite.");
	return rewritten;
}

export function openaiNoLookbehind() {
	return {
		name: "openai-no-lookbehind",
		setup(build) {
			let rewritten = 0;
			build.onStart(() => {
				rewritten = 0;
			});
			build.onLoad({ filter: /[\\/]openai[\\/]internal[\\/]utils[\\/]path\.m?js$/ }, async (args) => {
				try {
					const contents = rewritePathModule(await readFile(args.path, "utf8"));
					rewritten += 1;
					return { contents, loader: "js" };
				} catch (error) {
					return { errors: [{ text: error instanceof Error ? error.message : String(error) }] };
				}
			});
			build.onEnd((result) => {
				if (rewritten === 0 && result.errors.length === 0) {
					return {
						errors: [
							{
								text: "openai/internal/utils/path was not bundled, so nothing was rewritten: the SDK moved it (update scripts/openai-no-lookbehind.mjs) or main.js no longer uses the SDK (drop the plugin).",
							},
						],
					};
				}
			});
		},
	};
}
