import { SummaryError } from "../errors";
import { addUsage, callUsage, emptyUsage, promptWasCut } from "../usage/usage";
import type { ChatMessage, ChatModel, Completion } from "./chat-model";
import { partialTextOf } from "./endpoint-errors";

export type Stage = "transcript" | "planning" | "summarizing" | "merging" | "checking";

export interface Progress {
	stage: Stage;
	/** One line for the user, e.g. "Summarizing… 1,234 characters". */
	message: string;
	/** Characters of the answers received so far, while streaming. */
	chars?: number;
	/** For a long video: parts summarized, of how many. */
	parts?: { done: number; total: number };
}

/** One run's calls to the model, counted and reported as they happen. */
export class Conversation {
	usage = emptyUsage();
	/** Things the user should know about how the model read the run, for the note. */
	readonly warnings: string[] = [];
	private readonly streamed = new Map<number, number>();
	private readonly report: (progress: Progress) => void;

	constructor(
		private readonly chat: ChatModel,
		onProgress: ((progress: Progress) => void) | undefined,
		private readonly signal: AbortSignal | undefined,
	) {
		this.report = onProgress ?? (() => undefined);
	}

	get model(): string {
		return this.chat.model;
	}

	progress(progress: Progress): void {
		this.report(progress);
	}

	/**
	 * One answer, made as whole as the endpoint allows: a connection dropped midway is tried once more,
	 * and an answer cut at the output limit is asked to continue once. `stream` numbers the concurrent
	 * answers, so the characters shown are the sum of all of them.
	 */
	async ask(messages: ChatMessage[], stage: Stage, describe: (chars: number) => string, stream = 0, signal = this.signal): Promise<Completion> {
		let answer: Completion;
		try {
			answer = await this.once(messages, stage, describe, stream, signal);
		} catch (e) {
			if (!(e instanceof SummaryError && e.kind === "network" && partialTextOf(e)) || signal?.aborted) throw e;
			this.report({ stage, message: "The connection dropped midway; asking again…" });
			answer = await this.once(messages, stage, describe, stream, signal);
		}
		if (answer.finishReason !== "length" || stage === "planning") return answer;
		this.report({ stage, message: "The answer reached the output limit; asking the model to continue…" });
		const rest = await this.once([...messages, { role: "assistant", content: answer.text }, { role: "user", content: CONTINUE }], stage, (n) => describe(answer.text.length + n), stream, signal);
		return { text: answer.text + rest.text, finishReason: rest.finishReason };
	}

	private async once(messages: ChatMessage[], stage: Stage, describe: (chars: number) => string, stream: number, signal: AbortSignal | undefined): Promise<Completion> {
		const answer = await this.chat.complete({
			messages,
			...(signal ? { signal } : {}),
			onText: (text) => {
				this.streamed.set(stream, text.length);
				const chars = [...this.streamed.values()].reduce((a, b) => a + b, 0);
				this.report({ stage, message: describe(chars), chars });
			},
		});
		this.usage = addUsage(this.usage, callUsage(messages, answer));
		if (promptWasCut(messages, answer) && !this.warnings.includes(PROMPT_CUT)) this.warnings.push(PROMPT_CUT);
		return answer;
	}
}

export const PROMPT_CUT =
	"The endpoint read much less of the prompt than was sent, so the model may have missed the start of the transcript. Raise the model's context size (for Ollama, num_ctx) or lower the context window in settings so long videos are cut into smaller parts.";

const CONTINUE = "Your answer was cut off at the output limit. Continue exactly where it stopped, without repeating anything and without a new preamble.";
