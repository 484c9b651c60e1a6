import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";

import { version } from "../../package.json";
import { setHostWords, SummaryError, userMessage } from "../core/errors";
import { withTimeout } from "../core/http";
import { chatModelFor, plannedContext } from "../core/model/endpoint-model";
import { DEFAULT_PLACES, type LocalPlaces } from "../core/model/local-servers";
import { endpointMessage, resolveEndpoint } from "../core/model/resolve-endpoint";
import { availablePath } from "../core/note/file-name";
import { defaultPlanOptions } from "../core/plan/plan-chunks";
import { captionLanguages, DEFAULT_SETTINGS, endpointProblem, modelParams, priceOf } from "../core/settings";
import { sourceFromText } from "../core/source/choose-source";
import type { Source } from "../core/source/source";
import { parseYouTubeLink, refuseNonVideoLink } from "../core/source/youtube-link";
import { parseTranscript } from "../core/transcript/parse-transcript";
import { describeUsage } from "../core/usage/describe-usage";
import { parsePriceTable } from "../core/usage/prices";
import { summarize } from "../summarize";
import { type CliArgs, HELP, parseArgs, USAGE } from "./args";
import { fetchHttp } from "./fetch-http";
import { progressReporter } from "./progress";
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
	const origin = /^https?:\/\//.test(value) ? value : `http://${value}`;
	return origin.replace(/\/+$/, "").replace("://0.0.0.0", "://127.0.0.1");
}

/** Where to look for local servers: OLLAMA_HOST as Ollama itself reads it, LMSTUDIO_HOST likewise, else their defaults. */
function localPlaces(env: NodeJS.ProcessEnv): LocalPlaces {
	return { ollama: originOf(env.OLLAMA_HOST, DEFAULT_PLACES.ollama), lmStudio: originOf(env.LMSTUDIO_HOST, DEFAULT_PLACES.lmStudio) };
}

/** Writes next to nothing else's name: an existing file is never overwritten. */
function writeNote(dir: string, fileBase: string, markdown: string): string {
	mkdirSync(dir, { recursive: true });
	const path = join(
		dir,
		availablePath("", fileBase, (p) => existsSync(join(dir, p))),
	);
	writeFileSync(path, markdown, { encoding: "utf8", flag: "wx" });
	return path;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	// Every message of the core from here on names the flags and variables, not the plugin's settings.
	setHostWords(CLI_WORDS);
	const progress = progressReporter((text) => process.stderr.write(text), process.stderr.isTTY === true, { columns: () => process.stderr.columns });
	try {
		const invocation = parseArgs(argv);
		if (invocation === "help") {
			process.stdout.write(HELP);
			return 0;
		}
		if (invocation === "version") {
			process.stdout.write(`${version}\n`);
			return 0;
		}
		const args = invocation;
		const endpoint = {
			baseURL: args.baseURL ?? env.OPENAI_BASE_URL ?? DEFAULT_SETTINGS.baseURL,
			model: args.model ?? env.OPENAI_MODEL ?? DEFAULT_SETTINGS.model,
		};
		const problem = endpointProblem(endpoint);
		if (problem) throw new SummaryError("config", problem);
		const source = sourceOf(args);
		// Checked before any YouTube request or model call; with nothing set up, a local server is used.
		const resolved = await resolveEndpoint(
			{ ...endpoint, chosen: args.baseURL !== undefined || env.OPENAI_BASE_URL !== undefined, apiKey: env.OPENAI_API_KEY ?? "" },
			{ http: withTimeout(fetchHttp, CHECK_TIMEOUT_MS), places: localPlaces(env) },
		);
		if (!resolved.ok) throw new SummaryError("config", endpointMessage(resolved.problem));
		const local = resolved.found?.[0];
		if (local) progress.note(`No OPENAI_API_KEY or base URL is set: using ${local.name} at ${resolved.baseURL} with ${resolved.model}.`);
		const hint = timeLinkHint(args, source);
		if (hint) progress.note(hint);
		const prices = env.SUMMARY_PRICES ?? "";
		const badLines = parsePriceTable(prices).badLines;
		if (badLines.length > 0) {
			progress.note(`warning: SUMMARY_PRICES: line ${badLines.join(", ")} not read; write one "model = input / output" a line, in dollars per million tokens.`);
		}
		// Ctrl-C stops every call in flight and writes nothing.
		const controller = new AbortController();
		process.once("SIGINT", () => controller.abort());
		const note = await summarize({
			source,
			// LANG looks like "de_DE.UTF-8": its language is a fair default for captions.
			youtube: { http: withTimeout(fetchHttp, 30_000), languages: captionLanguages(args.lang ?? "", (env.LANG ?? "").split(/[_.]/)[0] ?? "") },
			model: chatModelFor(
				{
					baseURL: resolved.baseURL,
					model: resolved.model,
					apiKey: resolved.apiKey,
					...modelParams(DEFAULT_SETTINGS),
					timeoutMs: DEFAULT_SETTINGS.timeoutSeconds * 1000,
					stream: true,
					onRetry: ({ status, waitMs }) =>
						progress.note(`The endpoint answered ${status}; trying again${waitMs === null ? "" : ` in ${Math.max(1, Math.round(waitMs / 1000))} s`}…`),
				},
				resolved.ollama,
				(line) => progress.note(line),
			),
			plan: defaultPlanOptions(plannedContext(DEFAULT_SETTINGS.contextWindow, resolved.ollama)),
			template: "",
			outputLanguage: env.SUMMARY_LANGUAGE ?? "",
			now: new Date(),
			price: priceOf({ baseURL: resolved.baseURL, model: resolved.model, prices }),
			signal: controller.signal,
			onProgress: (p) => progress.report(p),
		});
		progress.end();
		for (const warning of note.warnings) process.stderr.write(`warning: ${warning}\n`);
		if (note.unparsed) process.stderr.write("warning: the model's answer could not be read as a summary; it was saved as it came, marked unparsed.\n");
		else if (note.incomplete) process.stderr.write("warning: the answer was cut off at the output limit; the note is marked incomplete.\n");
		process.stderr.write(`${describeUsage(note.usage, note.cost)}.\n`);
		process.stdout.write(`${resolve(writeNote(args.out, note.fileBase, note.markdown))}\n`);
		return 0;
	} catch (e) {
		// The progress line is cleared first: the error starts a line of its own.
		progress.end();
		const detail = e instanceof SummaryError && e.kind === "answer" && e.detail ? ` The model said: "${e.detail.replace(/\s+/g, " ").slice(0, 300)}"` : "";
		process.stderr.write(`error: ${userMessage(e)}${detail}\n`);
		return e instanceof SummaryError && e.kind === "cancelled" ? 130 : 1;
	}
}

process.exitCode = await main(process.argv.slice(2), process.env);
