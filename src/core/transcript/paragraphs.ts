import type { Segment } from "../types";

/**
 * Caption cues last 2–6 s: too short to read, and a time tag on each costs the model 15–20 % more
 * tokens. Paragraphs of up to half a minute (never across a change of speaker) suit both the prompt and
 * the transcript printed under a note.
 */
const PARAGRAPH_SECONDS = 30;
const PARAGRAPH_CHARS = 600;

export interface Paragraph {
	start: number;
	speaker?: string;
	text: string;
}

export function paragraphs(segments: Segment[]): Paragraph[] {
	const out: Paragraph[] = [];
	for (const s of segments) {
		const last = out[out.length - 1];
		const fits =
			last !== undefined && last.speaker === s.speaker && s.start - last.start < PARAGRAPH_SECONDS && last.text.length + s.text.length < PARAGRAPH_CHARS;
		if (fits) last.text = `${last.text} ${s.text}`;
		else out.push({ start: s.start, ...(s.speaker ? { speaker: s.speaker } : {}), text: s.text });
	}
	return out;
}
