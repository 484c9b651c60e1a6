import type { ChatMessage } from "../model/chat-model";
import { formatClock } from "../time";
import type { Transcript } from "../types";
import { timeTaggedTranscript } from "./time-tagged-transcript";

/**
 * Placeholders a user may put in an edited template. The default template uses none of them: it is a
 * conversation in which the model plans, asks for the transcript, and then gets it in a second message.
 */
export const PLACEHOLDERS = {
	"{{title}}": "the video's title, or the source note's name",
	"{{language}}": "the sentence that tells the model which language to write in",
	"{{transcript}}": "the time-tagged transcript; a template that contains it is sent as one message, without the planning turn",
} as const;

export interface PromptContext {
	title: string;
	/** Empty: the transcript's own language. */
	outputLanguage: string;
}

/** The example in the template is English and pulls models toward English unless told otherwise. */
export function languageInstruction(outputLanguage: string): string {
	const lang = outputLanguage.trim();
	return lang
		? `Write the <summary> in ${lang}, but keep every quote in the transcript's own words and language.`
		: "Write the <summary> in the language of the transcript, even though the example is in English.";
}

function fill(template: string, context: PromptContext, transcript: string): string {
	return template
		.split("{{title}}")
		.join(context.title)
		.split("{{language}}")
		.join(languageInstruction(context.outputLanguage))
		.split("{{transcript}}")
		.join(transcript);
}

export function isOneShot(template: string): boolean {
	return template.includes("{{transcript}}");
}

/** Which part of a long video a map call gets: it writes sections for that stretch only. */
export interface Part {
	index: number;
	count: number;
	start: number;
	end: number;
}

function transcriptBlock(transcript: Transcript, part?: Part): string {
	const last = transcript.segments[transcript.segments.length - 1];
	const span = part
		? ` This is part ${part.index + 1} of ${part.count} of a longer video: write sections only for ${formatClock(part.start)}–${formatClock(part.end)}; the other parts are summarized separately.`
		: transcript.timed && last
			? ` The video runs to at least ${formatClock(last.start)}.`
			: "";
	const times = transcript.timed
		? "Each line starts with its time in the video; give every section the time range it covers."
		: "This transcript has no timestamps; leave the time ranges out of the section headings.";
	return `<transcript>\n${timeTaggedTranscript(transcript)}\n</transcript>\n\n${times}${span} Quote the transcript's words exactly, without the time tags.`;
}

/** The first message: the template itself (with the transcript inside, for a one-shot template). */
export function openingMessage(template: string, context: PromptContext, transcript: Transcript): ChatMessage {
	return { role: "user", content: fill(template, context, isOneShot(template) ? transcriptBlock(transcript) : "") };
}

/** The message that answers the model's request for the transcript (or for one part of it). */
export function transcriptMessage(context: PromptContext, transcript: Transcript, part?: Part): ChatMessage {
	const title = context.title ? `Title: ${context.title}\n\n` : "";
	const chapters = chapterHint(transcript);
	return { role: "user", content: `${title}${chapters}${transcriptBlock(transcript, part)}\n\n${languageInstruction(context.outputLanguage)}` };
}

/** The video's own chapters are good section boundaries; the model is told of them, not bound by them. */
function chapterHint(transcript: Transcript): string {
	if (!transcript.timed || transcript.chapters.length < 2) return "";
	const list = transcript.chapters.map((c) => `${formatClock(c.start)} ${c.title}`).join("\n");
	return `The video's chapters, as hints for where sections begin:\n${list}\n\n`;
}
