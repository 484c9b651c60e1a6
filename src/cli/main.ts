import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { SummaryError, userMessage } from "../core/errors";
import { createChatModel } from "../core/model/openai-chat";
import { availablePath } from "../core/note/file-name";
import { captionLanguages, DEFAULT_SETTINGS, endpointProblem, priceOf } from "../core/settings";
import { describeUsage } from "../core/usage/describe-usage";
import { sourceFromText } from "../core/source/choose-source";
import type { Source } from "../core/source/source";
import { parseYouTubeLink, refuseNonVideoLink } from "../core/source/youtube-link";
import { summarize } from "../summarize";
import { parseArgs, USAGE, type CliArgs } from "./args";
import { withTimeout } from "../core/http";
import { fetchHttp } from "./fetch-http";
import { progressReporter } from "./progress";

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
		if (problem) throw new SummaryError("config", problem);
		const source = sourceOf(args);
		const progress = progressReporter((text) => process.stderr.write(text), process.stderr.isTTY === true);
		// Ctrl-C stops every call in flight and writes nothing.
		const controller = new AbortController();
		process.once("SIGINT", () => controller.abort());
		const note = await summarize({
			source,
			// LANG looks like "de_DE.UTF-8": its language is a fair default for captions.
			youtube: { http: withTimeout(fetchHttp, 30_000), languages: captionLanguages(args.lang ?? "", (env.LANG ?? "").split(/[_.]/)[0] ?? "") },
			model: createChatModel({
				...endpoint,
				apiKey: env.OPENAI_API_KEY ?? "",
				temperature: DEFAULT_SETTINGS.temperature,
				maxTokens: DEFAULT_SETTINGS.maxTokens,
				timeoutMs: DEFAULT_SETTINGS.timeoutSeconds * 1000,
				stream: true,
				onRetry: ({ status, waitMs }) => process.stderr.write(`\nThe endpoint answered ${status}; trying again${waitMs === null ? "" : ` in ${Math.max(1, Math.round(waitMs / 1000))} s`}…\n`),
			}),
			template: "",
			outputLanguage: env.SUMMARY_LANGUAGE ?? "",
			now: new Date(),
			price: priceOf({ ...endpoint, prices: env.SUMMARY_PRICES ?? "" }),
			signal: controller.signal,
			onProgress: progress.report,
		});
		progress.end();
		for (const warning of note.warnings) process.stderr.write(`warning: ${warning}\n`);
		if (note.unparsed) process.stderr.write("warning: the model's answer could not be read as a summary; it was saved as it came, marked unparsed.\n");
		else if (note.incomplete) process.stderr.write("warning: the answer was cut off at the output limit; the note is marked incomplete.\n");
		process.stderr.write(`${describeUsage(note.usage, note.cost)}.\n`);
		process.stdout.write(`${resolve(writeNote(args.out, note.fileBase, note.markdown))}\n`);
		return 0;
	} catch (e) {
		const detail = e instanceof SummaryError && e.kind === "answer" && e.detail ? ` The model said: "${e.detail.replace(/\s+/g, " ").slice(0, 300)}"` : "";
		// The core's messages point at the plugin's settings; here the same values come from flags and variables.
		const message = userMessage(e).replace(/ in (?:the )?settings/g, " (OPENAI_API_KEY, OPENAI_BASE_URL, --base-url, --model)");
		process.stderr.write(`\nerror: ${message}${detail}\n`);
		return e instanceof SummaryError && e.kind === "cancelled" ? 130 : 1;
	}
}

process.exitCode = await main(process.argv.slice(2), process.env);
