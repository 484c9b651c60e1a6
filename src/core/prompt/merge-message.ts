import type { ChatMessage } from "../model/chat-model";
import { formatClock } from "../time";
import type { CheckedSection, Prose } from "../types";
import { languageInstruction } from "./conversation";

/** A section every six minutes or so: a three-hour video gets many more than a ten-minute one. */
export function sectionTarget(durationSeconds: number): number {
	return Math.max(5, Math.round(durationSeconds / 360));
}

function plainProse(prose: Prose): string {
	return prose.map((part) => (typeof part === "string" ? part : `"${part.text}"`)).join("");
}

/**
 * The reduce step: the model sees the parts' sections by id and merges neighbours into a chronological
 * whole. It writes titles and summaries only; quotes and times come from the sections it names, which
 * the code has already checked against the transcript, so the merge cannot invent either.
 */
export function mergeMessage(sections: CheckedSection[], target: number, outputLanguage: string): ChatMessage {
	const list = sections
		.map((s, i) => {
			const time = s.start === null ? "" : ` (${formatClock(s.start)})`;
			return `[S${i + 1}]${time} ${s.title}\n${s.summary.map(plainProse).join(" ")}`;
		})
		.join("\n\n");
	return {
		role: "user",
		content: [
			"These sections summarize consecutive parts of one video, in order. Merge them into one chronological summary of about",
			`${target} sections that covers the whole video: join neighbours that continue one topic, keep the rest.`,
			"Every input section must belong to exactly one output section, in order. For each output section write:",
			"### <title> [S<first id>-S<last id>]",
			"then a summary of 2-4 sentences. Do not write quotes or times: they are taken from the sections you name.",
			languageInstruction(outputLanguage),
			"",
			"<sections>",
			list,
			"</sections>",
		].join("\n"),
	};
}
