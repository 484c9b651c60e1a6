import { SummaryError } from "../core/errors";

export interface CliArgs {
	/** A YouTube link or id, a transcript file, or "-" for standard input. */
	source: string;
	transcript?: string;
	out: string;
	model?: string;
	baseURL?: string;
	/** Caption languages to prefer, comma-separated. */
	lang?: string;
}

export const USAGE = "Usage: npm run summarize -- <link|video id|file|-> [--transcript FILE] [--out DIR] [--model NAME] [--base-url URL] [--lang CODE]";

const VALUE_FLAGS: Record<string, keyof CliArgs> = { "--transcript": "transcript", "--out": "out", "--model": "model", "--base-url": "baseURL", "--lang": "lang" };

export function parseArgs(argv: string[]): CliArgs {
	const args: Partial<CliArgs> = { out: "." };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? "";
		const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
		const key = VALUE_FLAGS[flag];
		if (key) {
			const value = inline ?? argv[++i];
			// "--out --model x" is a forgotten value, not a folder named "--model".
			if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw new SummaryError("input", `${flag} needs a value. ${USAGE}`);
			args[key] = value;
		} else if (arg.startsWith("--") || (/^-./.test(arg) && !/^[A-Za-z0-9_-]{11}$/.test(arg))) {
			// Single-dash too ("-o"), except a video id, which may start with a dash.
			throw new SummaryError("input", `Unknown option ${arg}. ${USAGE}`);
		} else if (args.source === undefined) {
			args.source = arg;
		} else {
			throw new SummaryError("input", `Only one source can be given (got "${args.source}" and "${arg}"). ${USAGE}`);
		}
	}
	if (!args.source) throw new SummaryError("input", `No source given. ${USAGE}`);
	return args as CliArgs;
}
