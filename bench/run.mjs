// npm run bench: builds the benchmark with esbuild (the project's own bundler) and runs it under Node.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "vsn-bench-"));
try {
	const outfile = join(dir, "bench.mjs");
	await build({
		entryPoints: [join(root, "bench/bench.ts")],
		bundle: true,
		format: "esm",
		platform: "node",
		target: "node20",
		outfile,
		logLevel: "warning",
		// The plugin's glue runs against the same in-repo fake of `obsidian` as the tests.
		alias: { obsidian: join(root, "tests/support/obsidian-fake.ts") },
	});
	await import(pathToFileURL(outfile).href);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
