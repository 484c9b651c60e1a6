import type { ChatMessage } from "../model/chat-model";

/**
 * The one repair turn, for an answer that could not be read: the model gets its own answer back and the
 * example's format, but not the transcript again, so the turn costs little and cannot bring in new quotes.
 */
export function repairMessage(answer: string): ChatMessage {
	return {
		role: "user",
		content: [
			"The summary below is not in the required format. Rewrite it in exactly this format, keeping every section, time range, summary point and quote as it is, adding nothing:",
			"",
			"<summary>",
			"### Title of the section (0:00 - 2:35)",
			"1. A summary point.",
			"2. Another summary point.",
			"Quotes:",
			'1. "The exact words quoted."',
			"</summary>",
			"",
			"Write nothing before or after the <summary> block.",
			"",
			"<answer>",
			answer,
			"</answer>",
		].join("\n"),
	};
}
