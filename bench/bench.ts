/**
 * npm run bench — a benchmark, not a test: it reports, it asserts nothing.
 * - Long videos against the fake OpenAI-compatible server answering after a fixed delay: calls, wall time,
 *   serial time (the calls' sum), and wall time over the critical path (planning turn + longest part + merge).
 * - The plugin's own processing per transcript (parse, plan, check quotes, render; model time excluded),
 *   by replaying the recorded answers with no delay.
 * - The size of main.js, and the plugin's load and onload time.
 * - Pathological inputs (bench/pathological-cases.ts) at growing sizes: time and growth per 10× of input.
 * - The planning cache against a fake answering each call after a fixed 3 s: a short video and one of 3 h 28 min,
 *   first run and with the plan kept: calls, rounds, wall time.
 * - Real model pacing (first token after BENCH_TTFT_MS, then BENCH_TPS tokens a second, prompt caching reported
 *   as OpenAI does) for 18 min, 1 h, 3½ h and 10 h: calls, rounds, wall against the critical path, prompt tokens
 *   sent against the transcript's, and the share served from the provider's cache; beside them, the longest
 *   synchronous stretch of the plugin's run in Obsidian (bench/ui-stall.ts) and the size of main.js.
 * - Each step of that run alone, per transcript length.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

import type { ChatModel, Completion } from "../src/core/model/chat-model";
import VideoSummaryPlugin from "../src/main";
import { summarize, type SummarizeJob } from "../src/summarize";
import { startFakeOpenAI } from "../tests/support/fake-openai-server";
import * as obsidianFake from "../tests/support/obsidian-fake";
import { createFakeApp, fakeManifest } from "../tests/support/obsidian-fake";
import { syntheticTranscriptText } from "../tests/support/synthetic-transcript";
import { pacedRows, timedModel } from "./model-pacing";
import { pathologicalTable } from "./pathological";
import { stepTable, uiStallTable } from "./ui-stall";

const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 1000);
// Near a hosted small model (gpt-4.1-mini, gpt-5-mini class): half a second to the first token, then 80 tokens a second.
const PACE = { firstTokenMs: Number(process.env.BENCH_TTFT_MS ?? 500), tokensPerSecond: Number(process.env.BENCH_TPS ?? 80) };
const RUNS = 20;

interface Timed {
	ms: number;
	kind: "planning" | "part" | "merge" | "single";
}

/** A cheap key for a call: its kind and, for a part, which one. */
function keyOf(request: { messages: { content: string }[] }): string {
	const last = request.messages[request.messages.length - 1]?.content ?? "";
	return `${kindOf(request)} ${/This is part (\d+) of/.exec(last)?.[1] ?? ""}`;
}

function kindOf(request: { messages: { content: string }[] }): Timed["kind"] {
	const last = request.messages[request.messages.length - 1]?.content ?? "";
	if (last.includes("<sections>")) return "merge";
	if (/This is part \d+ of/.test(last)) return "part";
	// The default template alone is the planning turn; the transcript follows in a later message.
	return request.messages.length === 1 ? "planning" : "single";
}

/** Answers from the recording at once, so that what is timed is the plugin's own work. */
function replayModel(answers: Map<string, Completion>): ChatModel {
	return {
		model: "fake-model",
		complete: (request) => {
			const answer = answers.get(keyOf(request));
			return answer ? Promise.resolve(answer) : Promise.reject(new Error("no recorded answer"));
		},
	};
}

function job(text: string, model: ChatModel): SummarizeJob {
	return {
		source: { text, video: { id: "it3OtbTxQk0" }, origin: "file", title: "Bench" },
		youtube: { http: () => Promise.reject(new Error("no network in the benchmark")), languages: ["en"] },
		model,
		template: "",
		outputLanguage: "",
		now: new Date("2026-11-26T10:00:00.000Z"),
		concurrency: 4,
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const f1 = (n: number) => n.toFixed(1);
const s2 = (ms: number) => (ms / 1000).toFixed(2);

async function benchTranscript(name: string, text: string, url: string) {
	const calls: Timed[] = [];
	const answers = new Map<string, Completion>();
	const began = performance.now();
	const note = await summarize(
		job(
			text,
			// Each call timed, each answer kept for the replay.
			timedModel(url, (request, answer, began, ended) => {
				calls.push({ ms: ended - began, kind: kindOf(request) });
				answers.set(keyOf(request), answer);
			}),
		),
	);
	const wall = performance.now() - began;
	const serial = calls.reduce((sum, c) => sum + c.ms, 0);
	const longest = (kind: Timed["kind"]) => Math.max(0, ...calls.filter((c) => c.kind === kind).map((c) => c.ms));
	const critical = longest("planning") + Math.max(longest("part"), longest("single")) + longest("merge");

	const own: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await summarize(job(text, replayModel(answers)));
		own.push(performance.now() - t);
	}
	const last = note.sections[note.sections.length - 1]?.start ?? 0;
	return {
		transcript: name,
		chars: text.length,
		calls: calls.length,
		parts: calls.filter((c) => c.kind === "part").length || 1,
		sections: note.sections.length,
		"last section": `${Math.floor(last / 60)} min`,
		"wall s": s2(wall),
		"serial s": s2(serial),
		"critical s": s2(critical),
		"wall/critical": (wall / critical).toFixed(2),
		"own ms (median)": f1(median(own)),
	};
}

/** How long loading the built main.js takes, as Obsidian requires it (with `obsidian` answered by the fake). */
function evaluateMainJs(): number {
	const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
	const original = loader._load;
	loader._load = (request, ...rest) => (request === "obsidian" ? obsidianFake : original(request, ...rest));
	try {
		const started = performance.now();
		createRequire(import.meta.url)(resolve("main.js"));
		return performance.now() - started;
	} finally {
		loader._load = original;
	}
}

async function benchLoad() {
	execFileSync(process.execPath, ["esbuild.config.mjs", "production"], { stdio: "ignore" });
	const bytes = statSync("main.js").size;
	const gzip = gzipSync(readFileSync("main.js")).length;
	// onload() as Obsidian calls it, against the in-repo fake: settings read, commands, ribbon, menu, tab.
	const onloads: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const plugin = new VideoSummaryPlugin(createFakeApp({}), fakeManifest());
		const began = performance.now();
		await plugin.onload();
		onloads.push(performance.now() - began);
	}
	return {
		"main.js KB": (bytes / 1024).toFixed(1),
		"gzip KB": (gzip / 1024).toFixed(1),
		"evaluate main.js ms": evaluateMainJs().toFixed(1),
		"onload ms (median)": median(onloads).toFixed(2),
	};
}

/** Two different videos of this length. */
function videos(seconds: number): [string, string] {
	return [syntheticTranscriptText({ seconds, seed: 11 }), syntheticTranscriptText({ seconds, seed: 12 })];
}

const server = await startFakeOpenAI();
server.setScenario("fake-model", { kind: "answer", delayMs: DELAY_MS });
try {
	const rows = [];
	for (const [name, path] of [
		["48 min podcast", "../shared/transcripts/lenny_dylan-field_48min.md"],
		["88 min podcast", "../shared/transcripts/lenny_guillermo-rauch_88min.md"],
	] as const) {
		if (existsSync(path)) rows.push(await benchTranscript(name, readFileSync(path, "utf8"), server.url));
		else console.log(`(skipped ${name}: ${path} is not on this machine)`);
	}
	rows.push(await benchTranscript("4 h synthetic", syntheticTranscriptText({ seconds: 4 * 3600, seed: 7 }), server.url));
	console.log(`Model calls answer after ${DELAY_MS} ms (BENCH_DELAY_MS); 4 parts at once.`);
	console.table(rows);
	console.table([await benchLoad()]);

	const fixed = await startFakeOpenAI({ promptCaching: true });
	fixed.setScenario("fake-model", { kind: "answer", delayMs: 3000 });
	try {
		console.log("The planning cache: every call answered after a fixed 3 s; 4 parts at once.");
		console.table([
			...(await pacedRows("18 min synthetic", videos(18 * 60), fixed.url)),
			...(await pacedRows("3 h 28 min synthetic", videos(3 * 3600 + 28 * 60), fixed.url)),
		]);
	} finally {
		await fixed.close();
	}

	const paced = await startFakeOpenAI({ pace: PACE, promptCaching: true });
	try {
		console.log(
			`Real model pacing: first token after ${PACE.firstTokenMs} ms, then ${PACE.tokensPerSecond} tokens/s (BENCH_TTFT_MS, BENCH_TPS); 4 parts at once. ` +
				"Each length: a first run, then another video with the plan kept. UI stall: the longest synchronous stretch of the plugin's run " +
				"(cold: a first run in a fresh isolate; warm: later runs, median).",
		);
		const lengths = [
			["18 min", 18 * 60],
			["1 h", 3600],
			["3½ h", 3.5 * 3600],
			["10 h", 10 * 3600],
		] as const;
		const stalls = await uiStallTable();
		const size = `${(statSync("main.js").size / 1024).toFixed(1)} KB`;
		const rows = [];
		for (const [i, [name, seconds]] of lengths.entries()) {
			const [first, kept] = await pacedRows(`${name} synthetic`, videos(seconds), paced.url);
			const stall = stalls[i];
			rows.push(
				{ ...first, "UI stall ms cold/warm": stall ? `${stall["cold ms"]} / ${stall["warm ms"]}` : "", "main.js": size },
				{ ...kept, "UI stall ms cold/warm": "", "main.js": "" },
			);
		}
		console.table(rows);
		console.log("Where the longest stalls were:");
		console.table(stalls);
		console.log("Each step of the plugin's run alone (ms, median; a step run per part shows its longest part):");
		console.table(await stepTable());
	} finally {
		await paced.close();
	}
	console.log("Pathological inputs: time per size, and growth per 10× of input (≈ 10× is linear).");
	console.table(pathologicalTable());
} finally {
	await server.close();
}
