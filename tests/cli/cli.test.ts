import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HELP, USAGE } from "../../src/cli/args";
import { type CliHarness, cliHarness, lastLine, type Run, type RunOptions } from "../support/cli-process";
import { type RefusingOrigin, refusingOrigin } from "../support/closed-port";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import { type FakeRoutes, onlyClients } from "../support/fake-youtube";
import { hookedProxy } from "../support/hooked-proxy";
import { exampleInput } from "../support/prompt-example";
import { sharedTranscript } from "../support/shared-transcripts";
import { syntheticTranscriptText } from "../support/synthetic-transcript";

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const exampleTranscript = exampleInput;
const LONG = sharedTranscript("lenny_dylan-field_48min.md");

let harness: CliHarness;
let server: FakeServer;
let dir: string;

beforeAll(async () => {
	harness = await cliHarness();
	({ server, dir } = harness);
	writeFileSync(join(dir, "example.txt"), exampleTranscript);
}, 30_000);
afterAll(async () => {
	await harness.close();
});

function runCli(args: string[], options?: RunOptions): Promise<Run> {
	return harness.run(args, options);
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
		expect(note).toContain(
			"[Watch on YouTube](https://www.youtube.com/watch?v=zjkBMFhNj_g) · the link pointed to [0:42](https://www.youtube.com/watch?v=zjkBMFhNj_g&t=42s)",
		);
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
		[["it3OtbTxQk0", "--again=yes"], "error: --again takes no value."],
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
		expect(note).toContain(
			'title: "Introduction to Doodle for Google 2023"\nvideo_url: "https://www.youtube.com/watch?v=it3OtbTxQk0"\nvideo_id: "it3OtbTxQk0"\n',
		);
		expect(note).toContain('captions: "English (auto-generated)"');
		expect(note).toContain('source: "YouTube captions"');
		expect(note).toContain("· the link pointed to [1:05](https://www.youtube.com/watch?v=it3OtbTxQk0&t=65s)");
		expect(note).toMatch(/^## .+ \(\[0:02–\d+:\d\d\]\(https:\/\/www\.youtube\.com\/watch\?v=it3OtbTxQk0&t=2s\)\)$/m);
	});

	it("prints the path of a video's summary --out already holds, fetching nothing, unless --again is given", async () => {
		const youtube: FakeRoutes = {
			player: onlyClients({ IOS: { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" } }),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		};
		const out = join(dir, "remembers");
		const first = await runCli(["https://youtu.be/it3OtbTxQk0", "--lang", "en", "--out", out], { youtube });
		expect(first.code).toBe(0);
		const path = join(out, "Introduction to Doodle for Google 2023 summary.md");
		expect(lastLine(first.stdout)).toBe(path);
		const written = readFileSync(path, "utf8");
		// Beside it: a note of the user's that names the video but is no summary, and an older summary filed away.
		writeFileSync(join(out, "Doodle ideas.md"), `---\nvideo_id: "it3OtbTxQk0"\ncreated: "2099-01-01T00:00:00.000Z"\n---\nIdeas.\n`);
		mkdirSync(join(out, "2025", "talks"), { recursive: true });
		const older = written.replace(/^created: ".*"$/m, 'created: "2025-01-01T00:00:00.000Z"');
		writeFileSync(join(out, "2025", "talks", "Doodle.md"), older);

		// No YouTube routes this time: a request to YouTube would fail the run.
		const requests = server.requests.length;
		const again = await runCli(["https://www.youtube.com/watch?v=it3OtbTxQk0&t=5", "--out", out]);
		expect(again).toEqual({ code: 0, stdout: `${path}\n`, stderr: `already summarized: ${path}; use --again to summarize it again\n` });
		expect(server.requests.length).toBe(requests);

		// Moved into a subfolder, it is still found; the older one never wins.
		renameSync(path, join(out, "2025", "Doodle, moved.md"));
		const moved = await runCli(["it3OtbTxQk0", "--out", out]);
		expect(lastLine(moved.stdout)).toBe(join(out, "2025", "Doodle, moved.md"));
		expect(server.requests.length).toBe(requests);

		const forced = await runCli(["https://youtu.be/it3OtbTxQk0", "--lang", "en", "--out", out, "--again"], { youtube });
		expect(forced.code).toBe(0);
		expect(lastLine(forced.stdout)).toBe(path);
		expect(server.chatRequests().length).toBeGreaterThan(0);
		expect(server.requests.length).toBeGreaterThan(requests);
		expect(readdirSync(out).sort()).toEqual(["2025", "Doodle ideas.md", "Introduction to Doodle for Google 2023 summary.md"]);
	});

	it("summarizes a link with --transcript again without looking: that transcript makes its own summary", async () => {
		const out = join(dir, "with-transcript");
		await runCli(["https://youtu.be/zjkBMFhNj_g", "--transcript", "example.txt", "--out", out]);
		const run = await runCli(["https://youtu.be/zjkBMFhNj_g", "--transcript", "example.txt", "--out", out]);
		expect(run.code).toBe(0);
		expect(run.stderr).not.toContain("already summarized");
		expect(readdirSync(out).sort()).toEqual(["example summary 2.md", "example summary.md"]);
	});

	it("says what YouTube refused, in one line, before any model call", async () => {
		const before = server.chatRequests().length;
		const run = await runCli(["https://youtu.be/Njp5uhTorCo"], {
			youtube: { player: onlyClients({}, { fixture: "jdepoix/youtube_age_restricted.innertube.json" }) },
		});
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toMatch(/^error: YouTube says: 'This video may be inappropriate for some users\.' The video is age-restricted/);
		expect(server.chatRequests().length).toBe(before);
	});

	it("shows parts done and the tokens used for a long video, in a log each step once", async () => {
		writeFileSync(join(dir, "two-hours.txt"), syntheticTranscriptText({ seconds: 2 * 3600, seed: 3 }));
		const run = await runCli(["https://youtu.be/zjkBMFhNj_g", "--transcript", "two-hours.txt", "--out", join(dir, "long-run")]);
		expect(run.code).toBe(0);
		const lines = run.stderr.split("\n");
		expect(lines.slice(0, -2)).toEqual([
			"Reading the transcript…",
			"Asking fake-model to plan the summary of 4 parts…",
			"Summarizing 4 parts with fake-model: 0 done…",
			"Checking quotes against the transcript…",
			"Summarizing 4 parts with fake-model: 1 done…",
			"Summarizing 4 parts with fake-model: 2 done…",
			"Summarizing 4 parts with fake-model: 3 done…",
			"Summarizing 4 parts with fake-model: 4 done…",
			"Merging 29 sections into one summary…",
		]);
		expect(lines.slice(-2)).toEqual([expect.stringMatching(/^[\d,]+ tokens in, [\d,]+ out, at no cost\.$/), ""]);
	});

	it("prints each step once in a log, a retry as one line of its own, and no streaming counts", async () => {
		server.setScenario("cli-429-once", {
			kind: "sequence",
			steps: [{ kind: "error", status: 429, error: { message: "Rate limit reached." }, headers: { "retry-after-ms": "20" } }, { kind: "answer" }],
		});
		const run = await runCli(["https://youtu.be/zjkBMFhNj_g", "--transcript", "example.txt", "--model", "cli-429-once", "--out", join(dir, "log")]);
		expect(run.code).toBe(0);
		const lines = run.stderr.split("\n");
		expect(lines.slice(0, -2)).toEqual([
			"Reading the transcript…",
			"Asking cli-429-once to plan the summary…",
			"The endpoint answered 429; trying again in 1 s…",
			"Summarizing with cli-429-once…",
			"Checking quotes against the transcript…",
		]);
		expect(lines.slice(-2)).toEqual([expect.stringMatching(/^[\d,]+ tokens in, [\d,]+ out, at no cost\.$/), ""]);
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

	it("keeps the model's plan in the user's cache directory: the second run of a short transcript makes one call", async () => {
		const cache = join(dir, "planning-cache-home");
		const calls = () => server.chatRequests().length;
		const before = calls();
		expect((await runCli(["example.txt", "--out", join(dir, "planned")], { env: { XDG_CACHE_HOME: cache } })).code).toBe(0);
		expect(calls() - before).toBe(2);
		const saved = readFileSync(join(cache, "video-summary-notes", "planning.json"), "utf8");
		expect((JSON.parse(saved) as { entries: { model: string }[] }).entries.map((e) => e.model)).toEqual(["fake-model"]);
		expect(saved).not.toContain("sk-test");
		expect((await runCli(["example.txt", "--out", join(dir, "planned")], { env: { XDG_CACHE_HOME: cache } })).code).toBe(0);
		expect(calls() - before).toBe(3);
	});

	it("refuses text too short to summarize before any model call", async () => {
		writeFileSync(join(dir, "short.txt"), "0:00 hello there");
		const before = server.chatRequests().length;
		const run = await runCli(["short.txt"]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/error: .*too short|error: .*words/i);
		expect(server.chatRequests().length).toBe(before);
	});

	it.skipIf(!LONG.present)(`summarizes the 48-minute podcast transcript (local run only: its licence keeps it out of the repo)${LONG.missing}`, async () => {
		const run = await runCli([LONG.path, "--out", join(dir, "long")]);
		expect(run.code).toBe(0);
		const note = readFileSync(lastLine(run.stdout), "utf8");
		expect(note).toContain('video_id: "yJQYBjto41s"');
		if (process.env.SHOW_NOTE) process.stdout.write(note);
	});
});

describe("the CLI, as a command-line user expects", () => {
	const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

	it.each([[["--help"]], [["-h"]], [["x", "--out", "d", "--help"]]])("prints the usage on %j and exits 0", async (args) => {
		const run = await runCli(args);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(HELP);
		expect(run.stderr).toBe("");
	});

	it("names every flag and every environment variable the CLI reads in its help", () => {
		const main = readFileSync(new URL("../../src/cli/main.ts", import.meta.url), "utf8");
		const variables = [...new Set([...main.matchAll(/\benv\.([A-Z_]+)/g)].map((m) => m[1] ?? ""))];
		expect(variables.sort()).toEqual([
			"LANG",
			"LMSTUDIO_HOST",
			"OLLAMA_HOST",
			"OPENAI_API_KEY",
			"OPENAI_BASE_URL",
			"OPENAI_MODEL",
			"SUMMARY_LANGUAGE",
			"SUMMARY_PRICES",
		]);
		for (const name of [
			...variables,
			"--transcript FILE",
			"--out DIR",
			"--model NAME",
			"--base-url URL",
			"--lang CODE",
			"--timeout SECONDS",
			"--parallel N",
			"--yes",
			"--again",
			"-h, --help",
			"--version",
		]) {
			expect(HELP).toMatch(new RegExp(`^  ${name.replace(/[-]/g, "\\-")}\\s`, "m"));
		}
		expect(HELP.startsWith(`${USAGE}\n`)).toBe(true);
	});

	it("prints the package version, built into the file, and exits 0", async () => {
		// The CLI under test is built into a temporary folder, with no package.json beside or above it.
		const run = await runCli(["--version"]);
		expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
	});

	it("refuses an unknown flag with the usage, in one line", async () => {
		const run = await runCli(["example.txt", "--verbose"]);
		expect(run).toEqual({ code: 1, stdout: "", stderr: `error: Unknown option --verbose. ${USAGE}\n` });
	});

	it("names the flags and variables, never the plugin's settings, in the core's advice", async () => {
		const runs = await Promise.all([
			runCli(["https://youtu.be/ud9d5cMDP_0", "--lang", "fr"], {
				youtube: { player: { "*": { fixture: "newpipe/android_manual_de_ud9d5cMDP_0.player.json" } } },
			}),
			runCli(["example.txt", "--model", "fake-401"]),
			runCli(["example.txt", "--model", "gpt-nonexistent"]),
			runCli(["example.txt"], { env: { OPENAI_MODEL: "" } }),
			runCli(["example.txt", "--base-url", "http://localhost:11434"]),
			runCli(["https://youtu.be/Njp5uhTorCo"], { youtube: { player: onlyClients({}, { fixture: "jdepoix/youtube_age_restricted.innertube.json" }) } }),
		]);
		const errors = runs.map((run) => lastLine(run.stderr));
		expect(errors).toEqual([
			"error: No captions in French. This video has: German. Ask for one of these languages with --lang, or paste the transcript yourself. " +
				'Open "Show transcript" under the video on YouTube, save it to a file, and run again with --transcript FILE <link>.',
			`error: The endpoint ${server.url} refused the API key (401). Check the API key in the OPENAI_API_KEY environment variable.`,
			`error: The model "gpt-nonexistent" was not found at ${server.url}. Check the model name with --model or OPENAI_MODEL. It offers: fake-model.`,
			"error: No model is set. Enter a model name with --model or OPENAI_MODEL.",
			'error: The base URL "http://localhost:11434" is missing the API path. Set it with --base-url or OPENAI_BASE_URL to http://localhost:11434/v1.',
			expect.stringMatching(/with --transcript FILE <link>\.$/),
		]);
		for (const run of runs) expect(run.stderr).not.toMatch(/settings|dialog|the command there|CORS|plugin|Obsidian/i);
	});

	it("says a connection that dropped midway dropped, and does not call the server unreachable", async () => {
		const run = await runCli(["example.txt", "--model", "fake-stream-drop"]);
		expect(run.code).toBe(1);
		const lines = run.stderr.split("\n");
		expect(lines).toContain("The connection dropped midway; asking again…");
		expect(lines.slice(-2)).toEqual([
			`error: The connection to ${server.url} broke off while the answer was arriving. Check that the server is still running, then try again.`,
			"",
		]);
	});

	it("says a connection the server closed before answering dropped, and does not call the server unreachable", async () => {
		// A server that lists its models, then takes the summary request and closes the connection: a local
		// server crashing on the prompt.
		const closing = createServer((request, response) => {
			if (request.method === "GET") return void response.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[]}');
			request.resume().on("end", () => request.socket.destroy());
		});
		await new Promise<void>((resolve) => closing.listen(0, "127.0.0.1", resolve));
		const url = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/v1`;
		try {
			const run = await runCli(["example.txt", "--base-url", url]);
			expect(run.code).toBe(1);
			expect(lastLine(run.stderr)).toBe(
				`error: The connection to ${url} dropped before the answer arrived. Check that the server is still running (a local server may have stopped or run out of memory), then try again.`,
			);
		} finally {
			closing.closeAllConnections();
			await new Promise<void>((resolve) => closing.close(() => resolve()));
		}
	});

	it("still calls a server nobody listens on unreachable, in the CLI's words", async () => {
		const nowhere = await refusingOrigin();
		try {
			const url = `${nowhere.origin}/v1`;
			const run = await runCli(["example.txt", "--base-url", url]);
			// Said by the check before the run, with the reason Node gives.
			expect(lastLine(run.stderr)).toBe(
				`error: Could not reach ${url} (connect ECONNREFUSED ${url.replace(/^http:\/\/|\/v1$/g, "")}). Check the base URL with --base-url or OPENAI_BASE_URL and that the server is running.`,
			);
		} finally {
			await nowhere.close();
		}
	});

	it("keeps only the transcript file's name in source_note, not where it lies", async () => {
		const folder = join(dir, "private", "folders");
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, "talk.txt"), exampleTranscript);
		const alone = await runCli([join(folder, "talk.txt"), "--out", join(dir, "named")]);
		const withVideo = await runCli(["zjkBMFhNj_g", "--transcript", join(folder, "talk.txt"), "--out", join(dir, "named")]);
		for (const run of [alone, withVideo]) {
			expect(run.code).toBe(0);
			const note = readFileSync(lastLine(run.stdout), "utf8");
			expect(note).toContain('source_note: "talk.txt"\n');
			expect(note).not.toContain("private");
		}
	});

	it("hints, in one line before the run, that a timed transcript without its video gets no time links", async () => {
		const hint = (file: string) =>
			`hint: the transcript has times but no video link, and time links need the video: run again with --transcript ${file} <link>.`;
		writeFileSync(join(dir, "my talk.txt"), exampleTranscript);
		const timed = await runCli(["example.txt", "--out", join(dir, "hint")]);
		expect(timed.code).toBe(0);
		expect(timed.stderr.split("\n").slice(0, 2)).toEqual([hint("example.txt"), "Reading the transcript…"]);
		const spaced = await runCli(["my talk.txt", "--out", join(dir, "hint")]);
		expect(spaced.stderr.split("\n")[0]).toBe(hint("'my talk.txt'"));
		// Given the video, or a transcript without times, there is nothing to hint at.
		const linked = await runCli(["zjkBMFhNj_g", "--transcript", "example.txt", "--out", join(dir, "hint")]);
		writeFileSync(join(dir, "untimed.txt"), exampleTranscript.replace(/\b\d+:\d\d(?::\d\d)?\b/g, ""));
		const untimed = await runCli(["untimed.txt", "--out", join(dir, "hint")]);
		for (const run of [linked, untimed]) {
			expect(run.code).toBe(0);
			expect(run.stderr).not.toContain("hint:");
		}
	});

	it("says an empty file or standard input is empty, in the CLI's words", async () => {
		writeFileSync(join(dir, "empty.txt"), "\n  \n");
		expect(lastLine((await runCli(["empty.txt"])).stderr)).toBe("error: Nothing to summarize: empty.txt is empty.");
		expect(lastLine((await runCli(["-"], { stdin: "" })).stderr)).toBe("error: Nothing to summarize: standard input is empty.");
	});
});

describe("the CLI with nothing set up", () => {
	let ollama: FakeServer;
	let refusing: RefusingOrigin;
	let nowhere: string;
	beforeAll(async () => {
		ollama = await startFakeOpenAI({ models: ["llama3.1:latest"], ollamaTags: ["nomic-embed-text:latest", "llama3.1:latest"] });
		refusing = await refusingOrigin();
		nowhere = refusing.origin.replace("http://", "");
	});
	afterAll(async () => {
		await ollama.close();
		await refusing.close();
	});
	const NOTHING_SET = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"];

	it("finds the Ollama that is running, says which model it uses, and writes the note of a link with it", async () => {
		const youtube: FakeRoutes = {
			player: onlyClients({ IOS: { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" } }),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		};
		const run = await runCli(["https://youtu.be/it3OtbTxQk0", "--lang", "en", "--out", join(dir, "zero")], {
			unset: NOTHING_SET,
			env: { OLLAMA_HOST: ollama.url.replace(/^http:\/\/|\/v1$/g, ""), LMSTUDIO_HOST: nowhere },
			youtube,
		});
		expect(run.code).toBe(0);
		expect(run.stderr.split("\n")[0]).toBe(`No OPENAI_API_KEY or base URL is set: using Ollama at ${ollama.url} with llama3.1:latest.`);
		const note = readFileSync(lastLine(run.stdout), "utf8");
		expect(note).toContain('title: "Introduction to Doodle for Google 2023"');
		expect(note).toContain('model: "llama3.1:latest"');
		expect(ollama.chatRequests().length).toBeGreaterThan(0);
	});

	it("with nothing running, says what to do in at most three lines, before any request", async () => {
		const before = server.requests.length;
		const run = await runCli(["example.txt"], { unset: NOTHING_SET, env: { OLLAMA_HOST: nowhere, LMSTUDIO_HOST: nowhere } });
		expect(run.code).toBe(1);
		expect(run.stdout).toBe("");
		expect(run.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
		expect(lastLine(run.stderr)).toBe(
			"error: No API key is set and no model server (Ollama or LM Studio) answers on this device. Set an API key in the OPENAI_API_KEY environment variable, or start Ollama (ollama serve, then ollama pull llama3.1) and run this again.",
		);
		expect(server.requests.length).toBe(before);
	});

	it("refuses a hosted endpoint chosen without a key at once", async () => {
		const run = await runCli(["example.txt"], {
			unset: ["OPENAI_API_KEY"],
			env: { OPENAI_BASE_URL: "https://openrouter.ai/api/v1", OLLAMA_HOST: nowhere, LMSTUDIO_HOST: nowhere },
		});
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toBe(
			"error: https://openrouter.ai/api/v1 needs an API key. Set it in the OPENAI_API_KEY environment variable, or start Ollama (ollama serve, then ollama pull llama3.1) and run this again.",
		);
	});
});

describe("the CLI against Ollama", () => {
	it("talks to Ollama's own API with a context that holds each prompt, and says which context it set", async () => {
		const ollama = await startFakeOpenAI({ models: ["llama3.1:8b"], ollama: { defaultContext: 4096, contextLength: 131_072 } });
		try {
			const run = await runCli(["example.txt"], { unset: ["OPENAI_API_KEY"], env: { OPENAI_BASE_URL: ollama.url, OPENAI_MODEL: "llama3.1:8b" } });
			expect(run.code).toBe(0);
			expect(ollama.chatRequests()).toEqual([]);
			const sent = ollama.ollamaChatRequests().map((r) => (r.body as { options: { num_ctx: number } }).options.num_ctx);
			expect(sent.length).toBe(2);
			expect(run.stderr).toContain(`Ollama's context for llama3.1:8b is set to ${sent[1]?.toLocaleString("en-US")} tokens, enough for the prompt`);
			// Read whole: the note carries no warning that the start of the transcript was missed.
			expect(readFileSync(run.stdout.trim(), "utf8")).not.toContain("read much less of the prompt");
		} finally {
			await ollama.close();
		}
	});
});

describe("the CLI with OpenAI's reasoning models", () => {
	it.each(["gpt-5-mini", "o4-mini"])(
		"writes a note with --model %s against an endpoint that refuses max_tokens and temperature as OpenAI's does",
		async (model) => {
			const openai = await startFakeOpenAI({ models: [model], reasoningModels: [model] });
			try {
				const run = await runCli(["example.txt", "--model", model], { env: { OPENAI_BASE_URL: openai.url } });
				expect(run.code).toBe(0);
				expect(readFileSync(lastLine(run.stdout), "utf8")).toContain(`model: "${model}"`);
				const bodies = openai.chatRequests().map((r) => r.body as Record<string, unknown>);
				expect(bodies.length).toBe(2);
				for (const body of bodies) {
					expect(body).not.toHaveProperty("max_tokens");
					expect(body).not.toHaveProperty("temperature");
					expect(body).toMatchObject({ max_completion_tokens: 8192 + 8192, reasoning_effort: "low" });
				}
			} finally {
				await openai.close();
			}
		},
	);
});

describe("the CLI and a terminal", () => {
	const ESCAPES = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\u202Egnp.exe\x9b31m";

	it("prints no escape from the model's words or an error body: nothing reaches the terminal that could drive it", async () => {
		server.setScenario("cli-escape-answer", { kind: "answer", content: `I need the transcript again. ${ESCAPES} Please paste it.` });
		server.setScenario("cli-escape-error", { kind: "error", status: 400, error: { message: `Bad request ${ESCAPES} here`, type: "invalid_request_error" } });
		const runs = await Promise.all([
			runCli(["example.txt", "--model", "cli-escape-answer", "--out", join(dir, "escape")]),
			runCli(["example.txt", "--model", "cli-escape-error", "--out", join(dir, "escape")]),
		]);
		for (const run of runs) {
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/error: /);

			expect(run.stderr + run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
		}
		expect(lastLine(runs[0]?.stderr ?? "")).toContain("]52;c;ZWNobyBwd25lZA==[2J");
		expect(lastLine(runs[1]?.stderr ?? "")).toContain("Bad request ]52;c;");
	});
});

describe("the CLI and the folder the note goes to", () => {
	it.each([
		["a file", (out: string) => writeFileSync(out, "x"), (out: string) => `error: --out ${out}: it is a file, not a folder. Choose another folder with --out.`],
		[
			"a path under a file",
			(out: string) => writeFileSync(out, "x"),
			(out: string) => `error: --out ${out}/sub: it lies under ${out}, which is a file, not a folder. Choose another folder with --out.`,
			"/sub",
		],
		[
			"a link to nowhere",
			(out: string) => symlinkSync(join(dir, "nowhere"), out),
			(out: string) => `error: --out ${out}: ${out} is a link to something that does not exist. Choose another folder with --out.`,
		],
	])("refuses %s in one line, before any YouTube request or model call", async (_what, make, message, tail = "") => {
		const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
		make(out);
		const before = server.requests.length;
		const run = await runCli(["https://youtu.be/zjkBMFhNj_g", "--transcript", "example.txt", "--out", out + tail]);
		expect(run).toEqual({ code: 1, stdout: "", stderr: `${message(out)}\n` });
		expect(server.requests.length).toBe(before);
	});

	it.runIf(process.platform === "linux")("refuses a folder of the kernel's (/proc, /sys) instead of writing into it", async () => {
		const before = server.requests.length;
		const run = await runCli(["example.txt", "--out", "/proc/self/notes"]);
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toMatch(/^error: --out \/proc\/self\/notes: \/proc\/\S+ lies in a system folder of the kernel, not on a disk\./);
		expect(server.requests.length).toBe(before);
	});

	it("gives a name held by a link to nowhere a number, and leaves the link alone", async () => {
		const out = join(dir, "dangling");
		mkdirSync(out);
		symlinkSync(join(dir, "nowhere.md"), join(out, "example summary.md"));
		const run = await runCli(["example.txt", "--out", out]);
		expect(run.code).toBe(0);
		expect(lastLine(run.stdout)).toBe(join(out, "example summary 2.md"));
		expect(lstatSync(join(out, "example summary.md")).isSymbolicLink()).toBe(true);
		expect(existsSync(join(dir, "nowhere.md"))).toBe(false);
		expect(readdirSync(out).sort()).toEqual(["example summary 2.md", "example summary.md"]);
	});

	it("keeps the summary when the note cannot be written after all, says where, and leaves no temporary file", async () => {
		const out = join(dir, "vanishing");
		let replaced = false;
		// The folder passed the check, which comes before any model call; when the first call arrives, and before it
		// goes on to the model, a file takes the folder's place.
		const proxy = await hookedProxy(server.origin, (method, path) => {
			if (replaced || method !== "POST" || !path.endsWith("/chat/completions")) return;
			replaced = true;
			rmSync(out, { recursive: true, force: true });
			writeFileSync(out, "x");
		});
		let run: Run;
		try {
			run = await runCli(["example.txt", "--out", out], { env: { OPENAI_BASE_URL: `${proxy.origin}/v1` } });
		} finally {
			await proxy.close();
		}
		expect(replaced).toBe(true);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe("");
		const match = /^error: The note could not be written to (.+) \(ENOTDIR\)\. The summary was saved to (.+) instead\.$/.exec(lastLine(run.stderr));
		expect(match?.[1]).toBe(out);
		const kept = match?.[2] ?? "";
		expect(kept.endsWith("example summary.md")).toBe(true);
		expect(readFileSync(kept, "utf8")).toMatch(/^---\ntitle: "example"\n[\s\S]*## /);
		expect(readFileSync(out, "utf8")).toBe("x");
		rmSync(join(kept, ".."), { recursive: true, force: true });
	});

	it("writes the note under a temporary name and leaves only the note", async () => {
		const out = join(dir, "whole");
		const run = await runCli(["example.txt", "--out", out]);
		expect(run.code).toBe(0);
		expect(readdirSync(out)).toEqual(["example summary.md"]);
	});
});

describe("the CLI's timeout and large runs", () => {
	it("fails a request that gets no answer within --timeout once, without retrying it, and names the flag", async () => {
		const before = server.chatRequests().length;
		const started = Date.now();
		const run = await runCli(["example.txt", "--model", "fake-hang", "--timeout", "1", "--out", join(dir, "timeout")]);
		expect(run.code).toBe(1);
		expect(lastLine(run.stderr)).toBe(
			`error: The endpoint ${server.url} sent nothing for 1 s. Check that the server is running and not overloaded, or raise the timeout with --timeout SECONDS.`,
		);
		expect(server.chatRequests().length - before).toBe(1);
		expect(Date.now() - started).toBeLessThan(4000);
	});

	it("refuses a run over ten times the threshold without a terminal, unless --yes is given, before any model call", async () => {
		// About 1.2 million tokens: far over ten times the 100,000 the plugin asks above.
		writeFileSync(join(dir, "huge.txt"), syntheticTranscriptText({ seconds: 80 * 3600, seed: 5 }));
		const before = server.chatRequests().length;
		const run = await runCli(["huge.txt", "--out", join(dir, "huge")]);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe("");
		expect(lastLine(run.stderr)).toMatch(
			/^error: This run will use about [\d,]+ tokens in \d+ calls, at no cost\. That is over 1,000,000 tokens, and there is no terminal to ask: run again with --yes to start it\. Nothing was sent to the model\.$/,
		);
		expect(server.chatRequests().length).toBe(before);
		expect(existsSync(join(dir, "huge"))).toBe(false);
		const agreed = await runCli(["huge.txt", "--yes", "--out", join(dir, "huge")]);
		expect(agreed.code).toBe(0);
		expect(agreed.stderr).toMatch(/^This run will use about [\d,]+ tokens in \d+ calls, at no cost\.$/m);
	}, 60_000);

	it("goes ahead with a large run without a terminal, the estimate printed first", async () => {
		writeFileSync(join(dir, "large.txt"), syntheticTranscriptText({ seconds: 12 * 3600, seed: 6 }));
		const run = await runCli(["large.txt", "--out", join(dir, "large")]);
		expect(run.stderr).toMatch(
			/^This run will use about [\d,]+ tokens in \d+ calls, at no cost\. Going ahead: there is no terminal to ask \(--yes skips this line\)\.$/m,
		);
		expect(run.code).toBe(0);
	}, 60_000);
});
