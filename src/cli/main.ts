import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { SummaryError, userMessage } from "../core/errors";
import { createChatModel } from "../core/model/openai-chat";
import { availablePath } from "../core/note/file-name";
import { captionLanguages, DEFAULT_SETTINGS, endpointProblem } from "../core/settings";
import { sourceFromText } from "../core/source/choose-source";
import type { Source } from "../core/source/source";
import { parseYouTubeLink, refuseNonVideoLink } from "../core/source/youtube-link";
import { summarize } from "../summarize";
import { parseArgs, USAGE, type CliArgs } from "./args";
import { fetchHttp } from "./fetch-http";

function readText(path: string): string {
	if (path === "-") return readFileSync(0, "utf8");
	if (!existsSync(path)) throw new SummaryError("input", `No such file: ${path}. ${USAGE}`);
	return readFileSync(path, "utf8");
}

function titleOf(path: string): string {
	return path === "-" ? "Transcript" : basename(path, extname(path));
}

function sourceOf(args: CliArgs): Source {
	const video = parseYouTubeLink(args.source);
	if (args.transcript) {
		if (!video) throw new SummaryError("input", `--transcript needs a YouTube link or video id as the source, not "${args.source}".`);
		return { text: readText(args.transcript), video, origin: "file", title: titleOf(args.transcript), sourcePath: args.transcript };
	}
	if (video && !existsSync(args.source)) return { text: "", video, origin: "link", title: video.id };
	if (!existsSync(args.source)) refuseNonVideoLink(args.source);
	const stdin = args.source === "-";
	return sourceFromText(readText(args.source), stdin ? "stdin" : "file", titleOf(args.source), stdin ? undefined : { path: args.source });
}

/** Writes next to nothing else's name: an existing file is never overwritten. */
function writeNote(dir: string, fileBase: string, markdown: string): string {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, availablePath("", fileBase, (p) => existsSync(join(dir, p))));
	writeFileSync(path, markdown, { encoding: "utf8", flag: "wx" });
	return path;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	try {
		const args = parseArgs(argv);
		const endpoint = {
			baseURL: args.baseURL ?? env.OPENAI_BASE_URL ?? DEFAULT_SETTINGS.baseURL,
			model: args.model ?? env.OPENAI_MODEL ?? DEFAULT_SETTINGS.model,
		};
		const problem = endpointProblem(endpoint);
		if (problem) throw new SummaryError("config", problem.replace("in settings", "with --base-url / --model"));
		const source = sourceOf(args);
		const interactive = process.stderr.isTTY === true;
		let last = "";
		const note = await summarize({
			source,
			// LANG looks like "de_DE.UTF-8": its language is a fair default for captions.
			youtube: { http: fetchHttp, languages: captionLanguages(args.lang ?? "", (env.LANG ?? "").split(/[_.]/)[0] ?? "") },
			model: createChatModel({ ...endpoint, apiKey: env.OPENAI_API_KEY ?? "", temperature: DEFAULT_SETTINGS.temperature, maxTokens: DEFAULT_SETTINGS.maxTokens, stream: true }),
			template: "",
			outputLanguage: env.SUMMARY_LANGUAGE ?? "",
			now: new Date(),
			onProgress: (p) => {
				// On a terminal one line is rewritten in place; in a log, each stage is printed once.
				if (interactive) process.stderr.write(`\r\x1b[K${p.message}`);
				else if (p.stage !== last) process.stderr.write(`${p.message}\n`);
				last = p.stage;
			},
		});
		if (interactive) process.stderr.write("\r\x1b[K");
		for (const warning of note.warnings) process.stderr.write(`warning: ${warning}\n`);
		if (note.incomplete) process.stderr.write("warning: the answer was cut off at the output limit; the note is marked incomplete.\n");
		process.stdout.write(`${resolve(writeNote(args.out, note.fileBase, note.markdown))}\n`);
		return 0;
	} catch (e) {
		const detail = e instanceof SummaryError && e.detail ? ` The model said: "${e.detail.replace(/\s+/g, " ").slice(0, 300)}"` : "";
		process.stderr.write(`\nerror: ${userMessage(e)}${detail}\n`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2), process.env);
