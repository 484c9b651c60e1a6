import { formatClock } from "../time";
import type { Segment, Transcript } from "../types";

/**
 * Caption cues last 2–6 s; a tag on each costs 15–20 % of the prompt in tokens and gives the model no
 * better sense of time than a tag every half minute. Quotes are still grounded on the original segments.
 */
const BLOCK_SECONDS = 30;
const BLOCK_CHARS = 600;

interface Block {
	start: number;
	speaker?: string;
	texts: string[];
	chars: number;
}

function blocks(segments: Segment[]): Block[] {
	const out: Block[] = [];
	for (const s of segments) {
		const last = out[out.length - 1];
		const fits =
			last !== undefined &&
			last.speaker === s.speaker &&
			s.start - last.start < BLOCK_SECONDS &&
			last.chars + s.text.length <= BLOCK_CHARS;
		if (fits) {
			last.texts.push(s.text);
			last.chars += s.text.length + 1;
		} else {
			out.push({ start: s.start, speaker: s.speaker, texts: [s.text], chars: s.text.length });
		}
	}
	return out;
}

/** The transcript as the model reads it: one `[m:ss]` or `[h:mm:ss]` tag per block, speaker after the tag. */
export function timeTaggedTranscript(transcript: Transcript): string {
	if (!transcript.timed) return transcript.segments.map((s) => s.text).join("\n\n");
	return blocks(transcript.segments)
		.map((b) => `[${formatClock(b.start)}] ${b.speaker ? `${b.speaker}: ` : ""}${b.texts.join(" ")}`)
		.join("\n");
}
