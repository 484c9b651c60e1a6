/**
 * The built CLI, run in its own process as a user runs it, against the fake OpenAI server and recorded YouTube
 * routes. Shared by the CLI's test files; each starts its own (its own folder, server and build).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { build } from "esbuild";

import { type FakeServer, startFakeOpenAI } from "./fake-openai-server";
import { type FakeRoutes, resolvedRoutes } from "./fake-youtube";

export interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	stdin?: string;
	env?: Record<string, string>;
	unset?: string[];
	youtube?: FakeRoutes;
	/** Called with all of standard error so far, each time more arrives; `kill` sends SIGINT, as Ctrl-C does. */
	onStderr?: (text: string, kill: () => void) => void;
}

export interface CliHarness {
	/** A temporary folder, the CLI's working directory, removed by close(). */
	dir: string;
	server: FakeServer;
	/**
	 * Runs the built CLI in its own process. YouTube always answers from recorded routes (none given: every
	 * YouTube request fails), so no test can reach the real network.
	 */
	run(args: string[], options?: RunOptions): Promise<Run>;
	close(): Promise<void>;
}

export async function cliHarness(prefix = "vsn-cli-"): Promise<CliHarness> {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	const cli = join(dir, "cli.mjs");
	// The CLI as npm run build makes it, built here so that npm test needs no earlier build.
	await build({ entryPoints: ["src/cli/main.ts"], bundle: true, format: "esm", platform: "node", target: "node20", outfile: cli, logLevel: "silent" });
	const preload = join(dir, "fake-youtube-preload.mjs");
	await build({
		entryPoints: ["tests/support/fake-youtube-preload.ts"],
		bundle: true,
		format: "esm",
		platform: "node",
		target: "node20",
		outfile: preload,
		logLevel: "silent",
	});
	const server = await startFakeOpenAI();

	const run = (args: string[], options: RunOptions = {}): Promise<Run> => {
		const routes = join(dir, `routes-${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(routes, JSON.stringify(resolvedRoutes(options.youtube ?? {})));
		return new Promise((resolve) => {
			const env: Record<string, string> = {
				PATH: process.env.PATH ?? "",
				OPENAI_BASE_URL: server.url,
				OPENAI_MODEL: "fake-model",
				OPENAI_API_KEY: "sk-test",
				FAKE_YOUTUBE_ROUTES: routes,
				// Each run its own cache: a planning answer saved by one test must not spare another its planning call.
				XDG_CACHE_HOME: join(dir, `cache-${Math.random().toString(36).slice(2)}`),
				...options.env,
			};
			for (const name of options.unset ?? []) delete env[name];
			const child = spawn(process.execPath, ["--import", preload, cli, ...args], { cwd: dir, env });
			let stdout = "";
			let stderr = "";
			child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
			child.stderr.on("data", (d: Buffer) => {
				stderr += d.toString();
				options.onStderr?.(stderr, () => child.kill("SIGINT"));
			});
			child.on("close", (code) => resolve({ code, stdout, stderr }));
			child.stdin.end(options.stdin ?? "");
		});
	};

	return {
		dir,
		server,
		run,
		close: async () => {
			await server.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export function lastLine(text: string): string {
	return text.trim().split("\n").pop() ?? "";
}
