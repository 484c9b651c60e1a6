/**
 * Whether Obsidian's window stalls while the plugin works: "Summarize video into note" run on a note holding a
 * YouTube link and a pasted transcript (src/obsidian/summarize-commands.ts against the in-repo `obsidian` fake),
 * with a chat model that answers at once, so that every stretch measured is the plugin's own work.
 *
 * - uiStallTable(): the longest synchronous stretch per transcript length, cold (the first run in a fresh V8
 *   isolate) and warm, and the step it happened in: the marks around it (a progress message, a model call or
 *   answer, the note written).
 * - stepTable(): each step timed on its own with the same inputs, so a long stretch can be split into its steps.
 *
 * The marks, in order, and what runs after each: `command` (sourceFromNote, the endpoint check); progress
 * "Reading the transcript…" (transcriptFromSummary, parseTranscript, the oEmbed request); `oEmbed failed`
 * (planChunks, the saved plan looked up); `plan read` (the cost estimate, then each part's prompt built and sent,
 * `call part k`; on a first run the planning call comes between, `call planning` … `answer planning`);
 * `answer part k` (usage, readAnswer, progress "Checking quotes…", a pause, then checkSummary, a pause, "k done");
 * `answer merge` (readMerge, renderNote, each after a pause); `write` (the note created and opened).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import type { App } from "obsidian";

import type { ChatMessage, ChatModel, Completion } from "../src/core/model/chat-model";
import { plannedContext } from "../src/core/model/endpoint-model";
import { renderNote } from "../src/core/note/render-note";
import { estimateTokens } from "../src/core/plan/estimate-tokens";
import { oneWave } from "../src/core/plan/one-wave";
import { type Chunk, defaultPlanOptions, planChunks } from "../src/core/plan/plan-chunks";
import { transcriptMessage } from "../src/core/prompt/conversation";
import type { PlanningCache, PlanningKey } from "../src/core/prompt/planning-cache";
import { timeTaggedTranscript } from "../src/core/prompt/time-tagged-transcript";
import { normalizeSettings, type Settings } from "../src/core/settings";
import { sourceFromNote } from "../src/core/source/choose-source";
import { transcriptFromSummary } from "../src/core/source/earlier-summary";
import { checkSummary, quoteChecker } from "../src/core/summary/check-summary";
import { readAnswer } from "../src/core/summary/read-answer";
import { readMerge } from "../src/core/summary/read-merge";
import { inTimeOrder } from "../src/core/summary/time-order";
import { parseTranscript } from "../src/core/transcript/parse-transcript";
import type { CheckedSection, Transcript } from "../src/core/types";
import { callUsage, estimatePromptTokens } from "../src/core/usage/usage";
import { memoryTranscriptCache } from "../src/core/youtube";
import type { CommandHost } from "../src/obsidian/command-host";
import { summarizeActiveNote } from "../src/obsidian/summarize-commands";
import { writeNewNote } from "../src/obsidian/write-note";
import { fakeAnswerFor } from "../tests/support/fake-openai-summary";
import { createFakeApp, fakeApp, Notice, notices, openNote, resetFake } from "../tests/support/obsidian-fake";
import { syntheticTranscriptText } from "../tests/support/synthetic-transcript";
import { type Mark, measureStalls, type Stall, type Stalls } from "./stall-meter";

const LENGTHS = [
	["18 min", 18 * 60],
	["1 h", 3600],
	["3.5 h", 3.5 * 3600],
	["10 h", 10 * 3600],
] as const;
const RUNS = 9;
const COLD_RUNS = 3;
const NOTE_PATH = "Talks/Talk.md";
const VIDEO = "it3OtbTxQk0";
const SETTINGS: Settings = normalizeSettings({
	baseURL: "http://127.0.0.1:9/v1",
	model: "fake-model",
	// The cost dialog would wait for a click; what is measured is the work around it.
	confirmAboveTokens: 0,
});

function noteOf(seconds: number): string {
	return `https://www.youtube.com/watch?v=${VIDEO}\n\n${syntheticTranscriptText({ seconds, seed: 7 })}\n`;
}

/** Which call a request is: the planning turn, one part (`part 2`), the one call of a short video, or the merge. */
function keyOf(messages: readonly ChatMessage[]): string {
	const last = messages[messages.length - 1]?.content ?? "";
	const at = last.lastIndexOf("This is part ");
	if (at >= 0) return `part ${/^This is part (\d+)/.exec(last.slice(at))?.[1] ?? "?"}`;
	if (last.includes("<sections>")) return "merge";
	return messages.length === 1 ? "planning" : "single";
}

/**
 * Answers as the fake OpenAI server would, with the usage a server reports. Each answer arrives in a turn of
 * the event loop of its own, as answers coming over the network do; answers are worked out once and kept,
 * since working them out is the fake's work, not the plugin's.
 */
function instantModel(kept: Map<string, Completion>, mark: Mark): ChatModel {
	const queue: (() => void)[] = [];
	const pump = (): void => {
		queue.shift()?.();
		if (queue.length > 0) setImmediate(pump);
	};
	return {
		model: "fake-model",
		complete({ messages }) {
			const key = keyOf(messages);
			mark(`call ${key}`);
			let answer = kept.get(key);
			if (!answer) {
				const text = fakeAnswerFor(messages);
				answer = { text, finishReason: "stop", usage: { promptTokens: estimatePromptTokens(messages), completionTokens: estimateTokens(text) } };
				kept.set(key, answer);
			}
			const done = answer;
			return new Promise((resolve) => {
				queue.push(() => {
					mark(`answer ${key}`);
					resolve(done);
				});
				if (queue.length === 1) setImmediate(pump);
			});
		},
	};
}

/** The planning answers in `saved`, as the plugin keeps them in its folder: each read and write in a turn of its own, as file access is. */
function planningCache(saved: Map<string, string>, mark: Mark): PlanningCache {
	const keyText = (key: PlanningKey) => `${key.endpoint}\n${key.model}\n${key.opening}`;
	return {
		get: (key) =>
			new Promise((resolve) =>
				setImmediate(() => {
					mark("plan read");
					resolve(saved.get(keyText(key)));
				}),
			),
		set: (key, answer) => new Promise((resolve) => setImmediate(() => resolve(void saved.set(keyText(key), answer)))),
	};
}

/** What the runs of one transcript share: the model's answers, worked out once, and the saved plan. */
interface Kept {
	answers: Map<string, Completion>;
	plans: Map<string, string>;
}

/** A plugin host as main.ts builds it, with the instant model, no network, and the endpoint already checked. */
function hostFor(app: App, kept: Kept, mark: Mark): CommandHost {
	return {
		app,
		settings: () => SETTINGS,
		chatModel: () => instantModel(kept.answers, mark),
		now: () => new Date("2026-11-26T10:00:00.000Z"),
		http: () =>
			new Promise((_, reject) =>
				setImmediate(() => {
					mark("oEmbed failed");
					reject(new Error("no network in the benchmark"));
				}),
			),
		cache: memoryTranscriptCache(),
		planning: planningCache(kept.plans, mark),
		runs: new Set(),
		// The real check asks the endpoint, so the run goes on in a later turn.
		ready: () => new Promise((resolve) => setImmediate(() => resolve({}))),
	};
}

/** One run of the command on a fresh vault, its stalls measured from the command on; throws unless the note was written. */
async function summarizeNote(note: string, kept: Kept): Promise<Stalls<void>> {
	resetFake();
	const app = createFakeApp({ files: { [NOTE_PATH]: note } });
	openNote(app, NOTE_PATH);
	let mark: Mark = () => undefined;
	const vault = fakeApp(app).vault;
	const create = vault.create.bind(vault);
	vault.create = (path, data, options) => {
		mark("write");
		return create(path, data, options);
	};
	const setMessage = Notice.prototype.setMessage;
	Notice.prototype.setMessage = function (this: Notice, message) {
		mark(
			`"${String(message)
				.replace(/^Video summary: /, "")
				.slice(0, 40)}"`,
		);
		return setMessage.call(this, message);
	};
	let stalls: Stalls<void>;
	try {
		stalls = await measureStalls((meter) => {
			mark = meter;
			mark("command");
			return summarizeActiveNote(hostFor(app, kept, (label) => mark(label)));
		});
	} finally {
		Notice.prototype.setMessage = setMessage;
	}
	const final = notices[notices.length - 1]?.message ?? "";
	if (!final.startsWith("Summary written to")) throw new Error(`ui-stall: the run did not write a note: ${final}`);
	return stalls;
}

const ms = (n: number) => n.toFixed(1);

/**
 * The longest stall of one first run of the command (the plan asked for, nothing saved), to be run in a fresh
 * isolate by coldStall.
 */
export async function firstRunStall(seconds: number): Promise<Stall | undefined> {
	return (await summarizeNote(noteOf(seconds), { answers: new Map(), plans: new Map() })).stalls[0];
}

const COLD_ENTRY = `import { parentPort, workerData } from "node:worker_threads";
import { firstRunStall } from "./ui-stall";
parentPort?.postMessage(await firstRunStall(workerData));`;

/** This file bundled for a worker thread, as bench/run.mjs bundles the benchmark; `npm run bench` runs from the repository. */
async function coldBundle(dir: string): Promise<string> {
	const esbuild = createRequire(resolve("package.json"))("esbuild") as typeof import("esbuild");
	const outfile = join(dir, "ui-stall-cold.mjs");
	await esbuild.build({
		stdin: { contents: COLD_ENTRY, resolveDir: resolve("bench"), loader: "ts" },
		bundle: true,
		format: "esm",
		platform: "node",
		target: "node20",
		outfile,
		logLevel: "warning",
		alias: { obsidian: resolve("tests/support/obsidian-fake.ts") },
	});
	return outfile;
}

/**
 * The longest stall of a first run in a worker thread: a V8 isolate of its own, where none of the plugin's code has
 * run yet, as on the first summary after Obsidian starts. Code that has not warmed up runs several times slower.
 */
function coldStall(bundle: string, seconds: number): Promise<Stall | undefined> {
	return new Promise((resolveStall, reject) => {
		const worker = new Worker(pathToFileURL(bundle), { workerData: seconds });
		worker.once("message", (stall: Stall | undefined) => void worker.terminate().then(() => resolveStall(stall)));
		worker.once("error", reject);
	});
}

function median(stalls: (Stall | undefined)[]): Stall | undefined {
	const sorted = stalls.filter((s) => s !== undefined).sort((a, b) => a.ms - b.ms);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Per transcript length, the longest stall of a run and where it was: cold (a first run in a fresh isolate, the
 * median of COLD_RUNS), and warm (RUNS more in this process after one to warm up, the plan saved: their median,
 * and the worst).
 */
export async function uiStallTable(): Promise<Record<string, string>[]> {
	const dir = mkdtempSync(join(tmpdir(), "vsn-ui-stall-"));
	try {
		const bundle = await coldBundle(dir);
		const rows: Record<string, string>[] = [];
		for (const [name, seconds] of LENGTHS) {
			const cold: (Stall | undefined)[] = [];
			for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStall(bundle, seconds));
			const note = noteOf(seconds);
			const kept: Kept = { answers: new Map(), plans: new Map() };
			await summarizeNote(note, kept);
			const warm: (Stall | undefined)[] = [];
			for (let i = 0; i < RUNS; i++) warm.push((await summarizeNote(note, kept)).stalls[0]);
			const worst = warm.reduce((a, b) => ((b?.ms ?? 0) > (a?.ms ?? 0) ? b : a));
			rows.push({
				transcript: name,
				chars: note.length.toLocaleString("en-US"),
				"cold ms": ms(median(cold)?.ms ?? Number.NaN),
				"cold in": median(cold)?.where ?? "",
				"warm ms": ms(median(warm)?.ms ?? Number.NaN),
				"warm in": median(warm)?.where ?? "",
				"warm worst ms": ms(worst?.ms ?? Number.NaN),
			});
		}
		return rows;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The median time of a synchronous step over RUNS calls (after one more to warm up), and its result. */
function timed<T>(step: () => T): { ms: number; value: T } {
	const all: number[] = [];
	let value = step();
	for (let i = 0; i < RUNS; i++) {
		const began = performance.now();
		value = step();
		all.push(performance.now() - began);
	}
	return { ms: all.sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? Number.NaN, value };
}

/** The parts of a long video as summarize.ts cuts them. */
function chunksOf(transcript: Transcript): Chunk[] {
	const plan = defaultPlanOptions(plannedContext(SETTINGS.contextWindow, undefined));
	const first = transcript.segments[0]?.start ?? 0;
	const last = transcript.segments[transcript.segments.length - 1]?.start ?? 0;
	return planChunks(transcript, oneWave({ ...plan, targetSeconds: SETTINGS.partMinutes * 60 }, last - first, SETTINGS.concurrency));
}

/** The longest of a step's times over the parts, with how many parts. */
function longestOf(times: number[]): string {
	return `${ms(Math.max(...times))}${times.length > 1 ? ` (×${times.length})` : ""}`;
}

/** Milliseconds of each step alone, per transcript length; a step run once per part shows its longest part. */
export async function stepTable(): Promise<Record<string, string>[]> {
	const rows: Record<string, string>[] = [];
	for (const [name, seconds] of LENGTHS) {
		const note = noteOf(seconds);
		const kept: Kept = { answers: new Map(), plans: new Map() };
		await summarizeNote(note, kept);
		const source = timed(() => sourceFromNote({ text: note, selection: "", path: NOTE_PATH, name: "Talk" }));
		const text = source.value?.text ?? "";
		const earlier = timed(() => transcriptFromSummary(text));
		const parsed = timed(() => parseTranscript(text));
		const transcript = parsed.value;
		const planned = timed(() => chunksOf(transcript));
		const estimate = timed(() => estimateTokens(timeTaggedTranscript(transcript)));
		const prompt: number[] = [];
		const usage: number[] = [];
		const read: number[] = [];
		const check: number[] = [];
		const sections: CheckedSection[] = [];
		const chunks = planned.value;
		chunks.forEach((chunk, index) => {
			const piece = { ...transcript, segments: chunk.segments, chapters: [] };
			const part = chunks.length > 1 ? { index, count: chunks.length, start: chunk.start, end: chunk.end } : undefined;
			const message = timed(() => {
				const built = transcriptMessage({ title: "Talk", outputLanguage: "" }, piece, part);
				// Read as the SDK reads it to write the request body: until then the prompt is a rope of pieces.
				built.content.lastIndexOf("\n");
				return built;
			});
			const answer = kept.answers.get(part ? `part ${index + 1}` : "single");
			if (!answer) throw new Error(`ui-stall: no answer kept for part ${index + 1}`);
			const reading = timed(() => readAnswer(answer.text));
			if (!reading.value.ok) throw new Error("ui-stall: the kept answer does not read");
			const { sections: found } = reading.value;
			const checked = timed(() => checkSummary(found, piece));
			prompt.push(message.ms);
			usage.push(timed(() => callUsage([message.value], answer)).ms);
			read.push(reading.ms);
			check.push(checked.ms);
			sections.push(...checked.value.filter((s) => s.aside === undefined));
		});
		const mapped = inTimeOrder(sections, transcript.segments[transcript.segments.length - 1]?.start ?? 0);
		const merge = kept.answers.get("merge");
		const merged = merge ? timed(() => readMerge(merge.text, mapped, quoteChecker(transcript).prose)) : null;
		const markdown = timed(() =>
			renderNote({
				title: "Talk",
				video: { id: VIDEO },
				sections: merged?.value ?? mapped,
				timed: transcript.timed,
				created: "2026-11-26T10:00:00.000Z",
				model: "fake-model",
				source: "transcript pasted in a note",
				sourceNote: NOTE_PATH,
			}),
		);
		const app = createFakeApp();
		const began = performance.now();
		const file = await writeNewNote(app, SETTINGS.outputFolder, "Talk summary", markdown.value);
		await app.workspace.getLeaf("tab").openFile(file);
		const writing = performance.now() - began;
		rows.push({
			transcript: name,
			sourceFromNote: ms(source.ms),
			transcriptFromSummary: ms(earlier.ms),
			parseTranscript: ms(parsed.ms),
			planChunks: ms(planned.ms),
			"cost estimate": ms(estimate.ms),
			"part prompt": longestOf(prompt),
			"part usage": longestOf(usage),
			readAnswer: longestOf(read),
			checkSummary: longestOf(check),
			readMerge: merged ? ms(merged.ms) : "—",
			renderNote: ms(markdown.ms),
			writing: ms(writing),
		});
	}
	return rows;
}
