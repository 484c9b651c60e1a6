import { readFileSync } from "node:fs";

import { parseClock } from "../../src/core/time";
import type { Segment, Transcript } from "../../src/core/types";

/** The prompt's own worked example: the reference answer and the transcript it was written from. */
const prompt = readFileSync(new URL("../fixtures/prompt/summarize-youtube-video.prompt.txt", import.meta.url), "utf8");

function between(tag: string): string {
	const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(prompt);
	if (!m?.[1]) throw new Error(`the prompt has no <${tag}>`);
	return m[1].trim();
}

export const exampleOutput = between("example_output");
export const exampleInput = between("example_input");

/**
 * A stand-in for the transcript parser, kept local so these tests do not move with it: splits YouTube's
 * copied transcript at its inline `m:ss` stamps, taking only stamps that rise (chapter titles stay in the text).
 */
export function inlineTranscript(text: string): Transcript {
	const segments: Segment[] = [];
	let last = -1;
	let cut = -1;
	let start = 0;
	for (const m of text.matchAll(/(?<![\d:])\d{1,2}:\d{2}(?![\d:])/g)) {
		const seconds = parseClock(m[0]);
		if (seconds === null || seconds <= last) continue;
		if (cut >= 0) segments.push({ start, text: text.slice(cut, m.index).trim() });
		last = seconds;
		start = seconds;
		cut = m.index + m[0].length;
	}
	if (cut >= 0) segments.push({ start, text: text.slice(cut).trim() });
	return { segments, timed: true, format: "youtube-inline", chapters: [] };
}

export const exampleTranscript = inlineTranscript(exampleInput);
