import { partialTextOf, SummaryError } from "../errors";
import { addUsage, callUsage, emptyUsage, promptWasCut } from "../usage/usage";
import type { ChatMessage, ChatModel, Completion } from "./chat-model";

export type Stage = "transcript" | "planning" | "summarizing" | "merging" | "checking";

export interface Progress {
	stage: Stage;
	/** One line for the user, e.g. "Summarizing… 1,234 characters". */
	message: string;
	/** Characters of the answers received so far, while streaming. */
	chars?: number;
	/** Characters of reasoning received so far (in `<think>` or in a field of its own), counted apart from the answer. */
	thinking?: number;
	/** For a long video: parts summarized, of how many. */
	parts?: { done: number; total: number };
}

/** One run's calls to the model, counted and reported as they happen. */
export class Conversation {
	usage = emptyUsage();
	/** Things the user should know about how the model read the run, for the note. */
	readonly warnings: string[] = [];
	private readonly streamed = new Map<number, { answer: number; thinking: number }>();
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
		const rest = await this.once(
			[...messages, { role: "assistant", content: answer.text }, { role: "user", content: CONTINUE }],
			stage,
			(n) => describe(answer.text.length + n),
			stream,
			signal,
		);
		return { text: answer.text + rest.text, finishReason: rest.finishReason };
	}

	private async once(
		messages: ChatMessage[],
		stage: Stage,
		describe: (chars: number) => string,
		stream: number,
		signal: AbortSignal | undefined,
	): Promise<Completion> {
		const thinkingChars = thinkingTracker();
		const answer = await this.chat.complete({
			messages,
			...(signal ? { signal } : {}),
			onText: (text, reasoning) => {
				const thinking = thinkingChars(text);
				this.streamed.set(stream, { answer: text.length - thinking, thinking: thinking + reasoning });
				const all = [...this.streamed.values()];
				const chars = all.reduce((n, s) => n + s.answer, 0);
				const thought = all.reduce((n, s) => n + s.thinking, 0);
				// While the model only thinks, the user sees that it is thinking and how much, not a stalled count.
				const message = chars === 0 && thought > 0 ? `${describe(0)} thinking… ${thought.toLocaleString("en-US")} characters` : describe(chars);
				this.report({ stage, message, chars, ...(thought > 0 ? { thinking: thought } : {}) });
			},
		});
		this.usage = addUsage(this.usage, callUsage(messages, answer));
		if (promptWasCut(messages, answer) && !this.warnings.includes(PROMPT_CUT)) this.warnings.push(PROMPT_CUT);
		return answer;
	}
}

export const PROMPT_CUT =
	"The endpoint read much less of the prompt than was sent, so the model may have missed the start of the transcript. Raise the model's context size (for Ollama, num_ctx), or lower the context window so long videos are cut into smaller parts.";

const CONTINUE = "Your answer was cut off at the output limit. Continue exactly where it stopped, without repeating anything and without a new preamble.";

/**
 * How much of a streamed answer is a reasoning block at its start (`<think>…`, closed or still open). Each call
 * gets the whole answer so far; only the new text is searched, so a long stream costs linear time.
 */
export function thinkingTracker(): (text: string) => number {
	let tag: string | null | undefined;
	let searched = 0;
	let closedAt: number | null = null;
	return (text) => {
		if (tag === undefined) {
			if (text.trim().length < "<reasoning>".length && !/>/.test(text)) return 0;
			const open = /^\s*<(think|thinking|reasoning)>/i.exec(text);
			tag = open ? `</${(open[1] ?? "").toLowerCase()}>` : null;
			searched = open ? open[0].length : 0;
		}
		if (tag === null) return 0;
		if (closedAt !== null) return closedAt;
		const close = text
			.slice(Math.max(0, searched - tag.length))
			.toLowerCase()
			.indexOf(tag);
		if (close < 0) {
			searched = text.length;
			return text.length;
		}
		closedAt = Math.max(0, searched - tag.length) + close + tag.length;
		return closedAt;
	};
}
