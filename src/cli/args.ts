import { parseArgs as readArgv } from "node:util";

import { SummaryError } from "../core/errors";
import { DEFAULT_SETTINGS } from "../core/settings";

export interface CliArgs {
	/** A YouTube link or id, a playlist link, a transcript file, or "-" for standard input: the first source given. */
	source: string;
	/** Every source, in order, when more than one was given: their videos make a batch. Absent for one. */
	sources?: string[];
	transcript?: string;
	out: string;
	model?: string;
	baseURL?: string;
	/** Caption languages to prefer, comma-separated. */
	lang?: string;
	/** Seconds a model request may wait for its answer to begin (and, streaming, between its pieces). */
	timeout?: number;
	/** Start a large run without asking. */
	yes?: true;
	/** Summarize a video again, though the output folder already holds its summary. */
	again?: true;
	/** Videos of a batch summarized at once. */
	parallel?: number;
}

/** What the command line asks for: a run, or only the help or the version. */
export type Invocation = CliArgs | "help" | "version";

export const USAGE =
	"Usage: npm run summarize -- <link|video id|playlist link|file|-> [link...] [--transcript FILE] [--out DIR] [--model NAME] [--base-url URL] [--lang CODE] [--timeout SECONDS] [--parallel N] [--yes] [--again]";

/** The most videos of a batch run at once, as the plugin's setting allows. */
export const MAX_PARALLEL = 8;

export const HELP = `${USAGE}

Summarizes a YouTube video, or a transcript, into a Markdown note of
timestamped sections with quotes checked against the transcript; several
videos, or a playlist, into a note each and an index note (a batch).

Source:
  <link> or <video id>  a YouTube video: its captions are fetched
  <file>                a transcript file (.txt, .md, .srt, .vtt)
  -                     a transcript on standard input
  <link> <link>...      several videos, by their links or ids: a batch
  <playlist link>       the videos of a public or unlisted playlist
                        (youtube.com/playlist?list=...): a batch. A video's
                        link with &list= in it is that one video

Options:
  --transcript FILE     use FILE (- for standard input) as the transcript of
                        the video given as the source: its times link to it
  --out DIR             the folder the note is written to (default: the
                        current folder, created if missing)
  --model NAME          the model (default: OPENAI_MODEL, else ${DEFAULT_SETTINGS.model})
  --base-url URL        an OpenAI-compatible endpoint (default: OPENAI_BASE_URL,
                        else ${DEFAULT_SETTINGS.baseURL})
  --lang CODE           caption languages to prefer, comma-separated, e.g. de,en
                        (default: the language of LANG, then English)
  --timeout SECONDS     how long a model request may wait for its answer to
                        begin, retries included, and then between its
                        pieces (default: ${DEFAULT_SETTINGS.timeoutSeconds}); a request that times out
                        is not retried
  --parallel N          videos of a batch summarized at once, 1 to ${MAX_PARALLEL}
                        (default: ${DEFAULT_SETTINGS.videosAtOnce}). Each video already sends up to ${DEFAULT_SETTINGS.concurrency}
                        parts at once, so ${DEFAULT_SETTINGS.videosAtOnce} keep up to ${DEFAULT_SETTINGS.videosAtOnce * DEFAULT_SETTINGS.concurrency} requests in
                        flight: more would mostly meet rate limits, or
                        queue on a local server, and finish no sooner
  --yes                 start a batch, or a run estimated above ${DEFAULT_SETTINGS.confirmAboveTokens.toLocaleString("en-US")}
                        tokens, without asking; without a terminal to ask
                        on, one above ten times that is refused unless --yes
                        is given
  --again               summarize a video given by its link alone (or in a
                        batch) even when --out already holds a summary of it
  -h, --help            show this help and exit
  --version             show the version and exit

Environment:
  OPENAI_API_KEY        the endpoint's API key (a local server may need none);
                        with neither it nor a base URL set, a local Ollama or
                        LM Studio is found and used, with a model it has
  OLLAMA_HOST           where to look for Ollama (default: 127.0.0.1:11434)
  LMSTUDIO_HOST         where to look for LM Studio (default: 127.0.0.1:1234)
  OPENAI_BASE_URL       the endpoint, when --base-url is not given
  OPENAI_MODEL          the model, when --model is not given
  SUMMARY_LANGUAGE      the language to write the summary in (default: the
                        transcript's)
  SUMMARY_PRICES        prices for the cost shown, one "model = input / output"
                        a line (a third price for cached input is optional),
                        in dollars per million tokens
  LANG                  its language (de_DE.UTF-8: de) is the default caption
                        language
  XDG_CACHE_HOME        where the model's planning answer is kept between runs
                        (default: ~/.cache, ~/Library/Caches on macOS,
                        %LOCALAPPDATA% on Windows), in video-summary-notes/

The note's path is the last line of standard output; progress, warnings and
the tokens used go to standard error. An existing note is never overwritten.
A video given by its link alone is looked for first: when a note in --out
(or up to three folders down) has its video_id and the video-summary tag,
that note's path is printed instead, and nothing is fetched or sent to the
model (--again makes a new summary). A link with --transcript always makes
a new note.

A batch writes a note per video, a few at a time, then an index note that
links to each and says why a video has none; the index's path is the last
line of standard output. Before it starts, it says how many videos and
tokens it will take, and asks on a terminal. Videos --out already holds a
summary of are skipped. Run the same batch again (the same playlist, or the
same links in the same order) to summarize the videos still missing: its
index note in --out ("<playlist title> index.md", "Videos <ids> index.md"
for links) is updated in place, the one file this command ever replaces,
and only when it is an index note of its own (tagged video-summary-index).

Exit status: 0 written (or found; for a batch, every video has a summary),
1 failed (for a batch, some video has none), 130 cancelled (Ctrl-C). Once
its videos are summarized, a batch keeps the notes it wrote and writes its
index, whatever the status.
`;

const OPTIONS = {
	transcript: { type: "string" },
	out: { type: "string" },
	model: { type: "string" },
	"base-url": { type: "string" },
	lang: { type: "string" },
	timeout: { type: "string" },
	parallel: { type: "string" },
	yes: { type: "boolean" },
	again: { type: "boolean" },
	help: { type: "boolean", short: "h" },
	version: { type: "boolean" },
} as const;

const FIELDS = new Map<string, "transcript" | "out" | "model" | "baseURL" | "lang" | "timeout" | "parallel">([
	["transcript", "transcript"],
	["out", "out"],
	["model", "model"],
	["base-url", "baseURL"],
	["lang", "lang"],
	["timeout", "timeout"],
	["parallel", "parallel"],
]);

/** The longest timeout taken: a day. */
const MAX_TIMEOUT_SECONDS = 86_400;

/** A YouTube video id may start with a dash: "-abcdefghij" is a source, not ten short flags. */
const DASH_VIDEO_ID = /^-\w[\w-]{9}$/;

function refuse(problem: string): SummaryError {
	return new SummaryError("input", `${problem} ${USAGE}`);
}

/**
 * The command line, read by Node's parser. Not in its `strict` mode: that refuses the same inputs, but in
 * Node's words and without the argument as typed ("--foo=bar"), and reads a video id starting with a dash as
 * short flags; so the parser's tokens are checked here, in order, the way strict mode checks them.
 */
export function parseArgs(argv: string[]): Invocation {
	const { tokens } = readArgv({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
	const args: Partial<Omit<CliArgs, "timeout" | "parallel">> & { timeout?: string | number; parallel?: string | number } = { out: "." };
	const sources: string[] = [];
	let asked: "help" | "version" | undefined;
	let idAt = -1;
	for (const token of tokens) {
		if (token.kind === "option-terminator") continue;
		if (token.kind === "positional") {
			sources.push(token.value);
			continue;
		}
		// Each letter of "-abcdefghij" is a token of its own, all at the argument's index.
		const typed = argv[token.index] ?? token.rawName;
		if (!typed.startsWith("--") && DASH_VIDEO_ID.test(typed)) {
			if (idAt !== token.index) sources.push(typed);
			idAt = token.index;
			continue;
		}
		const field = FIELDS.get(token.name);
		if (field) {
			const value = token.value;
			// "--out --model x" is a forgotten value, not a folder named "--model"; "--out=--x" says what it means.
			if (value === undefined || value === "" || (!token.inlineValue && value.startsWith("--"))) throw refuse(`${token.rawName} needs a value.`);
			args[field] = value;
		} else if (token.name === "yes" || token.name === "again") {
			if (token.value !== undefined) throw refuse(`${token.rawName} takes no value.`);
			args[token.name] = true;
		} else if (token.name === "help" || token.name === "version") {
			if (token.value !== undefined) throw refuse(`${token.rawName} takes no value.`);
			asked = asked === "help" ? asked : token.name;
		} else {
			throw refuse(`Unknown option ${typed}.`);
		}
	}
	if (asked) return asked;
	if (sources.every((source) => source === "")) throw refuse("No source given.");
	// An empty argument is a variable that was not set ("$LINK"): a batch should not go on without it.
	if (sources.includes("")) throw refuse("One of the sources is empty.");
	args.source = sources[0];
	if (sources.length > 1) args.sources = sources;
	if (typeof args.timeout === "string") {
		const seconds = /^\d+(?:\.\d+)?$/.test(args.timeout.trim()) ? Number(args.timeout) : NaN;
		if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
			throw refuse(`--timeout needs a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}, not "${args.timeout}".`);
		}
		args.timeout = seconds;
	}
	if (typeof args.parallel === "string") {
		const videos = /^\d+$/.test(args.parallel.trim()) ? Number(args.parallel) : NaN;
		if (!(videos >= 1 && videos <= MAX_PARALLEL)) throw refuse(`--parallel needs a whole number of videos from 1 to ${MAX_PARALLEL}, not "${args.parallel}".`);
		args.parallel = videos;
	}
	return args as CliArgs;
}
