import { existsSync, readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";

import { version } from "../../package.json";
import { setHostWords, SummaryError, userMessage } from "../core/errors";
import { withTimeout } from "../core/http";
import { chatModelFor, plannedContext } from "../core/model/endpoint-model";
import { DEFAULT_PLACES, type LocalPlaces } from "../core/model/local-servers";
import { endpointMessage, resolveEndpoint } from "../core/model/resolve-endpoint";
import { defaultPlanOptions } from "../core/plan/plan-chunks";
import { fileBackedPlanningCache } from "../core/prompt/planning-cache";
import { captionLanguages, DEFAULT_SETTINGS, endpointProblem, modelParams, priceOf } from "../core/settings";
import { sourceFromText } from "../core/source/choose-source";
import type { Source } from "../core/source/source";
import { parseYouTubeLink, refuseNonVideoLink } from "../core/source/youtube-link";
import { parseTranscript } from "../core/transcript/parse-transcript";
import { describeEstimate, describeUsage } from "../core/usage/describe-usage";
import { parsePriceTable } from "../core/usage/prices";
import { summarize } from "../summarize";
import { type CliArgs, HELP, parseArgs, USAGE } from "./args";
import { batchOf, type BatchSpec, playlistHint, summarizeCliBatch } from "./batch";
import { confirmRun } from "./confirm";
import { findEarlierNote } from "./existing-note";
import { fetchHttp } from "./fetch-http";
import { checkOutFolder, keepElsewhere, type OutFolder, removeCreated, writeFailure, writeNoteFile } from "./out-folder";
import { cacheDirectory, planningCacheFile } from "./planning-cache-file";
import { type ProgressReporter, progressReporter } from "./progress";
import { noteWarnings, type Summarizer } from "./summarizer";
import { printErr, printOut } from "./terminal-text";
import { CLI_WORDS } from "./words";

function readText(path: string): string {
	if (path !== "-" && !existsSync(path)) throw new SummaryError("input", `No such file: ${path}. ${USAGE}`);
	const text = readFileSync(path === "-" ? 0 : path, "utf8");
	if (text.trim() === "") throw new SummaryError("input", `Nothing to summarize: ${path === "-" ? "standard input" : path} is empty.`);
	return text;
}

function titleOf(path: string): string {
	return path === "-" ? "Transcript" : basename(path, extname(path));
}

/**
 * The note's `source_note` names the transcript file by its name alone: a note is shared, and the folders
 * of the machine it was made on are nobody's business.
 */
function sourceNote(path: string): { path?: string } {
	return path === "-" ? {} : { path: basename(path) };
}

function sourceOf(args: CliArgs): Source {
	const video = parseYouTubeLink(args.source);
	if (args.transcript) {
		if (!video) throw new SummaryError("input", `--transcript needs a YouTube link or video id as the source, not "${args.source}".`);
		const stdin = args.transcript === "-";
		return {
			text: readText(args.transcript),
			video,
			origin: stdin ? "stdin" : "file",
			title: titleOf(args.transcript),
			...(stdin ? {} : { sourcePath: basename(args.transcript) }),
		};
	}
	if (video && !existsSync(args.source)) return { text: "", video, origin: "link", title: video.id };
	if (!existsSync(args.source)) refuseNonVideoLink(args.source);
	const stdin = args.source === "-";
	return sourceFromText(readText(args.source), stdin ? "stdin" : "file", titleOf(args.source), sourceNote(args.source));
}

/** An argument as it would be typed again in a shell. */
function shellWord(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A transcript with times but no video gets plain times; said before the run, when it can still be stopped. */
function timeLinkHint(args: CliArgs, source: Source): string | null {
	if (source.video || source.origin === "link") return null;
	try {
		if (!parseTranscript(source.text).timed) return null;
	} catch {
		return null; // The run says what is wrong with the text.
	}
	return `hint: the transcript has times but no video link, and time links need the video: run again with --transcript ${shellWord(args.source)} <link>.`;
}

/** Each check before the run may take this long: a server that is up answers in milliseconds. */
const CHECK_TIMEOUT_MS = 1500;

/** `host:port` or a URL, as OLLAMA_HOST is written, as an origin; 0.0.0.0 (listen everywhere) is asked on loopback. */
function originOf(host: string | undefined, fallback: string): string {
	const value = host?.trim();
	if (!value) return fallback;
	let origin = /^https?:\/\//.test(value) ? value : `http://${value}`;
	while (origin.endsWith("/")) origin = origin.slice(0, -1);
	return origin.replace("://0.0.0.0", "://127.0.0.1");
}

/** Where to look for local servers: OLLAMA_HOST as Ollama itself reads it, LMSTUDIO_HOST likewise, else their defaults. */
function localPlaces(env: NodeJS.ProcessEnv): LocalPlaces {
	return { ollama: originOf(env.OLLAMA_HOST, DEFAULT_PLACES.ollama), lmStudio: originOf(env.LMSTUDIO_HOST, DEFAULT_PLACES.lmStudio) };
}

/** The endpoint and model asked for: the flags, else the environment, else the plugin's defaults. */
function endpointOf(args: CliArgs, env: NodeJS.ProcessEnv): { baseURL: string; model: string } {
	return {
		baseURL: args.baseURL ?? env.OPENAI_BASE_URL ?? DEFAULT_SETTINGS.baseURL,
		model: args.model ?? env.OPENAI_MODEL ?? DEFAULT_SETTINGS.model,
	};
}

/** The note, whole, in the folder checked before the run; else the summary kept elsewhere, and said where. */
function writeNote(folder: OutFolder, fileBase: string, markdown: string): string {
	try {
		return writeNoteFile(folder.path, fileBase, markdown);
	} catch (e) {
		const why = e instanceof SummaryError ? e.message : `The note could not be written to ${folder.path} (${writeFailure(e)}).`;
		const kept = keepElsewhere(fileBase, markdown);
		if (kept) throw new SummaryError("write", `${why} The summary was saved to ${kept} instead.`);
		// Nowhere to write it: the summary goes to standard output rather than nowhere.
		printOut(markdown);
		throw new SummaryError("write", `${why} It could not be saved elsewhere either, so the summary was printed above.`);
	}
}

/**
 * The endpoint, checked and resolved once per command (with nothing set up, a local server is found), and the
 * one way a source is summarized and its note written, for a single run and for each video of a batch alike.
 */
async function setUpSummarizer(args: CliArgs, env: NodeJS.ProcessEnv, folder: OutFolder, progress: ProgressReporter): Promise<Summarizer> {
	const endpoint = endpointOf(args, env);
	const resolved = await resolveEndpoint(
		{ ...endpoint, chosen: args.baseURL !== undefined || env.OPENAI_BASE_URL !== undefined, apiKey: env.OPENAI_API_KEY ?? "" },
		{ http: withTimeout(fetchHttp, CHECK_TIMEOUT_MS), places: localPlaces(env) },
	);
	if (!resolved.ok) throw new SummaryError("config", endpointMessage(resolved.problem));
	const local = resolved.found?.[0];
	if (local) progress.note(`No OPENAI_API_KEY or base URL is set: using ${local.name} at ${resolved.baseURL} with ${resolved.model}.`);
	const prices = env.SUMMARY_PRICES ?? "";
	const badLines = parsePriceTable(prices).badLines;
	if (badLines.length > 0) {
		progress.note(`warning: SUMMARY_PRICES: line ${badLines.join(", ")} not read; write one "model = input / output" a line, in dollars per million tokens.`);
	}
	const price = priceOf({ baseURL: resolved.baseURL, model: resolved.model, prices });
	const plan = defaultPlanOptions(plannedContext(DEFAULT_SETTINGS.contextWindow, resolved.ollama));
	const model = chatModelFor(
		{
			baseURL: resolved.baseURL,
			model: resolved.model,
			apiKey: resolved.apiKey,
			...modelParams(DEFAULT_SETTINGS),
			timeoutMs: (args.timeout ?? DEFAULT_SETTINGS.timeoutSeconds) * 1000,
			stream: true,
			onRetry: ({ status, waitMs }) =>
				progress.note(`The endpoint answered ${status}; trying again${waitMs === null ? "" : ` in ${Math.max(1, Math.round(waitMs / 1000))} s`}…`),
		},
		resolved.ollama,
		(line) => progress.note(line),
	);
	const planning = { cache: fileBackedPlanningCache(planningCacheFile(cacheDirectory(env))), endpoint: resolved.baseURL };
	// LANG looks like "de_DE.UTF-8": its language is a fair default for captions.
	const languages = captionLanguages(args.lang ?? "", (env.LANG ?? "").split(/[_.]/)[0] ?? "");
	return {
		price,
		plan,
		async summarize(source, how) {
			const note = await summarize({
				source,
				youtube: { http: withTimeout(fetchHttp, 30_000), languages },
				model,
				plan,
				template: "",
				outputLanguage: env.SUMMARY_LANGUAGE ?? "",
				now: new Date(),
				price,
				planning,
				...(how.confirm ? { confirm: how.confirm, confirmAboveTokens: DEFAULT_SETTINGS.confirmAboveTokens } : {}),
				signal: how.signal,
				onProgress: how.onProgress,
			});
			return { path: writeNote(folder, note.fileBase, note.markdown), note };
		},
	};
}

/** Set when a check is stuck in the kernel (a network drive gone): the process is then ended, not left waiting on it. */
let stuck = false;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	// Every message of the core from here on names the flags and variables, not the plugin's settings.
	setHostWords(CLI_WORDS);
	// The reporter makes each message safe itself, then adds its own escapes (\r, erase-line).
	const progress = progressReporter((text) => process.stderr.write(text), process.stderr.isTTY === true, { columns: () => process.stderr.columns });
	let folder: OutFolder | null = null;
	try {
		const invocation = parseArgs(argv);
		if (invocation === "help") {
			printOut(HELP);
			return 0;
		}
		if (invocation === "version") {
			printOut(`${version}\n`);
			return 0;
		}
		const args = invocation;
		const problem = endpointProblem(endpointOf(args, env));
		if (problem) throw new SummaryError("config", problem);
		const wanted: BatchSpec | Source = batchOf(args) ?? sourceOf(args);
		// Before any YouTube request or model call: nothing is paid for a note that cannot be written.
		folder = await checkOutFolder(args.out, () => (stuck = true));
		// Ctrl-C stops every call in flight; a single run writes nothing, a batch keeps its notes and writes its index.
		const controller = new AbortController();
		process.once("SIGINT", () => controller.abort());
		const out = folder;
		if (!("text" in wanted)) {
			return await summarizeCliBatch(wanted, {
				args,
				folder,
				progress,
				youtube: withTimeout(fetchHttp, 30_000),
				signal: controller.signal,
				terminal: process.stdin.isTTY === true && process.stderr.isTTY === true,
				now: new Date(),
				summarizer: () => setUpSummarizer(args, env, out, progress),
			});
		}
		const source = wanted;
		// Searched once the folder check has passed, which is what stops a network drive that is gone from
		// hanging the run; and before the endpoint is looked for, since the note found needs no model.
		// A transcript given beside the link is always a new summary: it may be another one than the captions.
		if (source.origin === "link" && source.video && !args.again && folder.created === null) {
			const earlier = await findEarlierNote(folder.path, source.video.id);
			if (earlier.path !== null) {
				printErr(`already summarized: ${earlier.path}; use --again to summarize it again\n`);
				printOut(`${resolve(earlier.path)}\n`);
				return 0;
			}
			if (earlier.partial) progress.note(`note: ${args.out} holds too many notes to search them all for an earlier summary of the video.`);
		}
		const summarizer = await setUpSummarizer(args, env, folder, progress);
		const hint = timeLinkHint(args, source) ?? (source.origin === "link" ? playlistHint(args.source) : null);
		if (hint) progress.note(hint);
		const { path, note } = await summarizer.summarize(source, {
			signal: controller.signal,
			onProgress: (p) => progress.report(p),
			confirm: (estimate) => {
				progress.end();
				return confirmRun(describeEstimate(estimate), estimate.promptTokens + estimate.completionTokens, {
					yes: args.yes === true,
					// Standard input that carries the transcript cannot also carry the answer.
					terminal: process.stdin.isTTY === true && process.stderr.isTTY === true && args.source !== "-" && args.transcript !== "-",
					signal: controller.signal,
					question: "Summarize it?",
				});
			},
		});
		progress.end();
		for (const warning of noteWarnings(note)) printErr(`warning: ${warning}\n`);
		printErr(`${describeUsage(note.usage, note.cost)}.\n`);
		printOut(`${resolve(path)}\n`);
		return 0;
	} catch (e) {
		// The progress line is cleared first: the error starts a line of its own.
		progress.end();
		// A folder made for the note and left empty goes again: a failed or cancelled run leaves nothing behind.
		if (folder) removeCreated(folder);
		const detail = e instanceof SummaryError && e.kind === "answer" && e.detail ? ` The model said: "${e.detail.replace(/\s+/g, " ").slice(0, 300)}"` : "";
		printErr(`error: ${userMessage(e)}${detail}\n`);
		return e instanceof SummaryError && e.kind === "cancelled" ? 130 : 1;
	}
}

process.exitCode = await main(process.argv.slice(2), process.env);
if (stuck) process.exit();
