import { SummaryError } from "./core/errors";
import type { ChatMessage, ChatModel, Completion } from "./core/model/chat-model";
import { renderNote } from "./core/note/render-note";
import { safeFileName } from "./core/note/file-name";
import { isOneShot, openingMessage, transcriptMessage, type PromptContext } from "./core/prompt/conversation";
import { SEED_TEMPLATE } from "./core/prompt/seed-template";
import { transcriptFromSummary } from "./core/source/earlier-summary";
import type { Source } from "./core/source/source";
import { checkSummary } from "./core/summary/check-summary";
import { readAnswer } from "./core/summary/read-answer";
import { parseTranscript } from "./core/transcript/parse-transcript";
import type { CheckedSection, Transcript } from "./core/types";

export type Stage = "transcript" | "planning" | "summarizing" | "checking";

export interface Progress {
	stage: Stage;
	/** One line for the user, e.g. "Summarizing… 1,234 characters". */
	message: string;
	/** Characters of the answer received so far, while streaming. */
	chars?: number;
}

export interface SummarizeJob {
	source: Source;
	model: ChatModel;
	/** Empty: the default template. */
	template: string;
	/** Empty: the transcript's language. */
	outputLanguage: string;
	now: Date;
	onProgress?: (progress: Progress) => void;
	signal?: AbortSignal;
}

export interface SummaryNote {
	/** The whole note: frontmatter, title, sections. */
	markdown: string;
	/** A safe file name without extension. */
	fileBase: string;
	sections: CheckedSection[];
	warnings: string[];
	/** The answer was cut off by the output limit. */
	incomplete: boolean;
}

const NO_FETCH_YET =
	"Fetching transcripts from YouTube is not supported yet. Open \"Show transcript\" under the video on YouTube, copy it into a note with the link, and run the command there.";

/** source → transcript: a selection from an earlier summary reads back with its own times. */
function transcriptOf(source: Source): Transcript {
	if (!source.text.trim() && source.video) throw new SummaryError("input", NO_FETCH_YET);
	return transcriptFromSummary(source.text) ?? parseTranscript(source.text);
}

/** prompt → model: the conversation the template describes, the model planning first unless one-shot. */
async function converse(job: SummarizeJob, transcript: Transcript, context: PromptContext): Promise<Completion> {
	const template = job.template.trim() ? job.template : SEED_TEMPLATE;
	const report = job.onProgress ?? (() => undefined);
	const opening = openingMessage(template, context, transcript);
	let messages: ChatMessage[] = [opening];
	if (!isOneShot(template)) {
		report({ stage: "planning", message: `Asking ${job.model.model} to plan the summary…` });
		const plan = await job.model.complete({ messages, signal: job.signal });
		messages = [opening, { role: "assistant", content: plan.text }, transcriptMessage(context, transcript)];
	}
	report({ stage: "summarizing", message: `Summarizing with ${job.model.model}…`, chars: 0 });
	return job.model.complete({
		messages,
		signal: job.signal,
		onText: (text) =>
			report({ stage: "summarizing", message: `Summarizing with ${job.model.model}… ${text.length.toLocaleString("en-US")} characters`, chars: text.length }),
	});
}

/** The whole job, top-down: source → transcript → prompt → model → summary → checked summary → note. */
export async function summarize(job: SummarizeJob): Promise<SummaryNote> {
	const { source } = job;
	const report = job.onProgress ?? (() => undefined);
	report({ stage: "transcript", message: "Reading the transcript…" });
	const transcript = transcriptOf(source);
	const warnings = transcript.timed
		? []
		: ["The transcript has no timestamps, so sections and quotes have no time links. Paste a transcript with times (YouTube's \"Show transcript\", SRT or WebVTT) to get them."];

	const title = source.title;
	const answer = await converse(job, transcript, { title, outputLanguage: job.outputLanguage });
	job.signal?.throwIfAborted();

	report({ stage: "checking", message: "Checking quotes against the transcript…" });
	const sections = checkSummary(readAnswer(answer.text), transcript);
	const incomplete = answer.finishReason === "length";

	const markdown = renderNote({
		title,
		...(source.video ? { video: source.video } : {}),
		sections,
		timed: transcript.timed,
		created: job.now.toISOString(),
		model: job.model.model,
		source: describeSource(source),
		...(source.sourcePath ? { sourceNote: source.sourcePath } : {}),
		...(job.outputLanguage ? { language: job.outputLanguage } : {}),
		incomplete,
		warnings,
	});
	return { markdown, fileBase: safeFileName(`${title} summary`), sections, warnings, incomplete };
}

function describeSource(source: Source): string {
	switch (source.origin) {
		case "selection":
			return "selected text";
		case "note":
			return "transcript pasted in a note";
		case "pasted":
			return "transcript pasted in the dialog";
		case "file":
			return "transcript file";
		case "stdin":
			return "standard input";
		case "link":
			return "YouTube captions";
	}
}
