import { createInterface } from "node:readline/promises";

import { SummaryError } from "../core/errors";
import { DEFAULT_SETTINGS } from "../core/settings";
import { printErr, terminalSafe } from "./terminal-text";

export interface ConfirmHow {
	/** --yes: go ahead without asking. */
	yes: boolean;
	/** Whether a person can answer: standard input and standard error are a terminal, and input carries no transcript. */
	terminal: boolean;
	signal: AbortSignal;
	/** What is asked, after the estimate: "Summarize it?". */
	question: string;
}

/**
 * A run estimated above the plugin's threshold (DEFAULT_SETTINGS.confirmAboveTokens), and every batch, is asked
 * about on a terminal, y/N on standard error. Without one (a script, a pipe) there is nobody to ask: the run
 * goes ahead with the estimate printed, unless it is over ten times the threshold, which needs --yes.
 */
export async function confirmRun(estimate: string, tokens: number, how: ConfirmHow): Promise<boolean> {
	if (how.yes) {
		printErr(`${estimate}\n`);
		return true;
	}
	if (!how.terminal) {
		const limit = DEFAULT_SETTINGS.confirmAboveTokens * 10;
		if (tokens > limit) {
			throw new SummaryError(
				"input",
				`${estimate} That is over ${limit.toLocaleString("en-US")} tokens, and there is no terminal to ask: run again with --yes to start it. Nothing was sent to the model.`,
			);
		}
		printErr(`${estimate} Going ahead: there is no terminal to ask (--yes skips this line).\n`);
		return true;
	}
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	try {
		const answer = await rl.question(terminalSafe(`${estimate} ${how.question} [y/N] `), { signal: how.signal });
		return /^\s*y(?:es)?\s*$/i.test(answer);
	} finally {
		rl.close();
	}
}
