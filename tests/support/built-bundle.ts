// The built main.js, for the tests that check it (tests/bundle-*.test.ts). `npm test` builds it first
// (pretest); run `npm run build` before running one of those files alone.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const BUNDLE = "main.js";
/** What main.js is built from: newer than main.js means main.js is stale. */
const BUILD_INPUTS = ["src", "esbuild.config.mjs", "scripts", "package-lock.json"];

function newestInput(path: string): { path: string; mtimeMs: number } {
	const stat = statSync(path);
	if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
	return readdirSync(path)
		.map((name) => newestInput(join(path, name)))
		.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path, mtimeMs: 0 });
}

/** The built main.js; fails with what to do when it is missing or older than what it is built from. */
export function readBundle(): string {
	if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it with \`npm run build\` (\`npm test\` builds it first).`);
	const built = statSync(BUNDLE).mtimeMs;
	const newest = BUILD_INPUTS.filter((p) => existsSync(p))
		.map(newestInput)
		.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
	if (newest.mtimeMs > built) throw new Error(`${BUNDLE} is older than ${newest.path}: rebuild it with \`npm run build\` (\`npm test\` builds it first).`);
	return readFileSync(BUNDLE, "utf8");
}
