import { formatClock } from "../time";
import { paragraphs } from "../transcript/paragraphs";
import type { Transcript } from "../types";

/**
 * The transcript as the model reads it: one `[m:ss]` or `[h:mm:ss]` tag per paragraph, speaker after the
 * tag. Quotes are still grounded on the original, finer segments.
 */
export function timeTaggedTranscript(transcript: Transcript): string {
	if (!transcript.timed) return transcript.segments.map((s) => s.text).join("\n\n");
	return paragraphs(transcript.segments)
		.map((p) => `[${formatClock(p.start)}] ${p.speaker ? `${p.speaker}: ` : ""}${p.text}`)
		.join("\n");
}
