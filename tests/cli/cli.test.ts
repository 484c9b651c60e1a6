import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeServer } from "../support/fake-openai-server";
import { onlyClients, resolvedRoutes, type FakeRoutes } from "../support/fake-youtube";
import { syntheticTranscriptText } from "../support/synthetic-transcript";
import { exampleInput } from "../support/prompt-example";

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const exampleTranscript = exampleInput;
const LONG = "../shared/transcripts/lenny_dylan-field_48min.md";

let server: FakeServer;
let dir: string;
let cli: string;
let preload: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), "vsn-cli-"));
	cli = join(dir, "cli.mjs");
	// The CLI as npm run build makes it, built here so that npm test needs no earlier build.
	await build({ entryPoints: ["src/cli/main.ts"], bundle: true, format: "esm", platform: "node", target: "node20", outfile: cli, logLevel: "silent" });
	preload = join(dir, "fake-youtube-preload.mjs");
	await build({ entryPoints: ["tests/support/fake-youtube-preload.ts"], bundle: true, format: "esm", platform: "node", target: "node20", outfile: preload, logLevel: "silent" });
	server = await startFakeOpenAI();
	writeFileSync(join(dir, "example.txt"), exampleTranscript);
}, 30_000);
afterAll(async () => {
	await server.close();
	rmSync(dir, { recursive: true, force: true });
});

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs the built CLI in its own process. YouTube always answers from recorded routes (none given: every
 * YouTube request fails), so no test can reach the real network.
 */
function runCli(
	args: string[],
	options: { stdin?: string; env?: Record<string, string>; youtube?: FakeRoutes; onStderr?: (text: string, kill: () => void) => void } = {},
): Promise<Run> {
	const routes = join(dir, `routes-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(routes, JSON.stringify(resolvedRoutes(options.youtube ?? {})));
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ["--import", preload, cli, ...args], {
			cwd: dir,
			env: {
				PATH: process.env.PATH ?? "",
				OPENAI_BASE_URL: server.url,
				OPENAI_MODEL: "fake-model",
				OPENAI_API_KEY: "sk-test",
				FAKE_YOUTUBE_ROUTES: routes,
				...options.env,
			},
		});
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
}

function lastLine(text: string): string {
	return text.trim().split("\n").pop() ?? "";
}

describe("the CLI, as a user runs it", () => {
	it("summarizes a transcript file of a video into a linked note and prints its path last", async () => {
		const out = join(dir, "notes");
		const run = await runCli(["https://youtu.be/zjkBMFhNj_g?t=42", "--transcript", "example.txt", "--out", out]);
		expect(run.code).toBe(0);
		const path = lastLine(run.stdout);
		expect(path).toBe(join(out, "example summary.md"));
		const note = readFileSync(path, "utf8");
		expect(note).toContain('video_id: "zjkBMFhNj_g"');
		expect(note).toContain("[Watch on YouTube](https://www.youtube.com/watch?v=zjkBMFhNj_g) · the link pointed to [0:42](https://www.youtube.com/watch?v=zjkBMFhNj_g&t=42s)");
		expect(note).toMatch(/^## .+ \(\[0:00–\d+:\d\d\]\(https:\/\/www\.youtube\.com\/watch\?v=zjkBMFhNj_g&t=0s\)\)$/m);
		expect(run.stderr).toContain("Summarizing with fake-model");
	});

	it("never overwrites: a second run writes a numbered note", async () => {
		const out = join(dir, "twice");
		await runCli(["example.txt", "--out", out]);
		const run = await runCli(["example.txt", "--out", out]);
		expect(lastLine(run.stdout)).toBe(join(out, "example summary 2.md"));
		expect(readdirSync(out).sort()).toEqual(["example summary 2.md", "example summary.md"]);
	});

	it("reads standard input and writes plain times without a video", async () => {
		const run = await runCli(["-", "--out", join(dir, "stdin")], { stdin: readFileSync(fixture("transcripts/workshop.srt"), "utf8") });
		expect(run.code).toBe(0);
		const note = readFileSync(lastLine(run.stdout), "utf8");
		expect(note).not.toContain("youtube.com");
		expect(note).toMatch(/^## .+ \(0:01–1:02:03\)$/m);
		expect(note).not.toContain("source_note");
		expect(note).toContain('source: "standard input"');
	});

	it.each([
		[["no-such-file.txt"], "error: No such file: no-such-file.txt."],
		[["https://www.youtube.com/playlist?list=PL123"], "error: That doesn't look like a YouTube video link."],
		[["example.txt", "--model", "gpt-nonexistent"], 'error: The model "gpt-nonexistent" was not found'],
		[["example.txt", "--base-url", "ftp://example"], 'error: The base URL "ftp://example" is not a web address.'],
		[["example.txt", "--frobnicate"], "error: Unknown option --frobnicate."],
		[[], "error: No source given."],
	])("fails with one clear line and no stack trace: %j", async (args, message) => {
		const run = await runCli(args);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe("");
		const lines = run.stderr.trim().split("\n");
		expect(lines[lines.length - 1]?.startsWith(message)).toBe(true);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it("summarizes a video from its link alone, named after its title, in the language asked for", async () => {
		const youtube: FakeRoutes = {
			player: onlyClients({ IOS: { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" } }),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		};
		const run = await runCli(["https://youtu.be/it3OtbTxQk0?t=65", "--lang", "en", "--out", join(dir, "link")], { youtube });
		expect(run.stderr).toContain("Fetching the captions from YouTube");
		expect(run.code).toBe(0);
		const path = lastLine(run.stdout);
		expect(path).toBe(join(dir, "link", "Introduction to Doodle for Google 2023 summary.md"));
		const note = readFileSync(path, "utf8");
		expect(note).toContain('title: "Introduction to Doodle for Google 2023"\nvideo_url: "https://www.youtube.com/watch?v=it3OtbTxQk0"\nvideo_id: "it3OtbTxQk0"\n');
		expect(note).toContain('captions: "English (auto-generated)"');
		expect(note).toContain('source: "YouTube captions"');
		expect(note).toContain("· the link pointed to [1:05](https://www.youtube.com/watch?v=it3OtbTxQk0&t=65s)");
		expect(note).toMatch(/^## .+ \(\[0:02–\d+:\d\d\]\(https:\/\/www\.youtube\.com\/watch\?v=it3OtbTxQk0&t=2s\)\)$/m);
	});

	it("says what YouTube refused, in one line, before any model call", async () => {
		const before = server.chatRequests().length;
		const run = await runCli(["https://youtu.be/Njp5uhTorCo"], { youtube: { player: onlyClients({}, { fixture: "jdepoix/youtube_age_restricted.innertube.json" }) } });
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toMatch(/^error: YouTube says: 'This video may be inappropriate for some users\.' The video is age-restricted/);
		expect(server.chatRequests().length).toBe(before);
	});

	it("shows parts done and the tokens used for a long video, in a log one line each", async () => {
		writeFileSync(join(dir, "two-hours.txt"), syntheticTranscriptText({ seconds: 2 * 3600, seed: 3 }));
		const run = await runCli(["two-hours.txt", "--out", join(dir, "long-run")]);
		expect(run.code).toBe(0);
		const lines = run.stderr.trim().split("\n");
		expect(lines).toContain("summarizing: 0 of 4 parts done");
		expect(lines).toContain("summarizing: 4 of 4 parts done");
		expect(lines[lines.length - 1]).toMatch(/^[\d,]+ tokens in, [\d,]+ out, at no cost\.$/);
	});

	it("stops on Ctrl-C, writes nothing and exits 130", async () => {
		const out = join(dir, "interrupted");
		let killed = false;
		const run = await runCli(["example.txt", "--out", out, "--model", "fake-hang"], {
			onStderr: (text, kill) => {
				if (killed || !text.includes("plan the summary")) return;
				killed = true;
				kill();
			},
		});
		expect(run.code).toBe(130);
		expect(lastLine(run.stderr)).toBe("error: Summarization cancelled. Nothing was written.");
		expect(existsSync(out)).toBe(false);
	});

	it("never prints the API key, even when the endpoint echoes it back", async () => {
		const run = await runCli(["example.txt", "--model", "fake-401"], { env: { OPENAI_API_KEY: "sk-cli-secret-999" } });
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toMatch(/^error: The endpoint http:\/\/127\.0\.0\.1:\d+\/v1 refused the API key \(401\)\. Check the API key/);
		expect(run.stderr + run.stdout).not.toContain("sk-cli-secret-999");
	});

	it("refuses text too short to summarize before any model call", async () => {
		writeFileSync(join(dir, "short.txt"), "0:00 hello there");
		const before = server.chatRequests().length;
		const run = await runCli(["short.txt"]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/error: .*too short|error: .*words/i);
		expect(server.chatRequests().length).toBe(before);
	});

	it.skipIf(!existsSync(LONG))("summarizes the 48-minute podcast transcript (local run only: its licence keeps it out of the repo)", async () => {
		const run = await runCli([join(process.cwd(), LONG), "--out", join(dir, "long")]);
		expect(run.code).toBe(0);
		const note = readFileSync(lastLine(run.stdout), "utf8");
		expect(note).toContain('video_id: "yJQYBjto41s"');
		if (process.env.SHOW_NOTE) process.stdout.write(note);
	});
});
