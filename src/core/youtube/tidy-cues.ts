import type { Segment } from "../types";
import type { RawCue } from "./parse-captions";

/**
 * A cue that holds only sound labels ("[Music]", "[Applause]", "♪ ♪"): no words to summarize or quote.
 * Always dropped, on every format, so the same video gives the same segments whichever way it came.
 * Labels inside speech ("[Music] so today…") stay where they are.
 */
const SOUND_ONLY = /^(?:[\s♪♫🎵🎶]|\[[^\]]*\])*$/u;

// Rounding in the formats (srv1 has 3 decimals) makes touching cues look a hair apart.
const OVERLAP_TOLERANCE = 0.05;

function lines(text: string): string[] {
	return text
		.split("\n")
		.map((line) => line.replace(/\s+/g, " ").trim())
		.filter((line) => line !== "");
}

/**
 * Cues → segments in time order: lines that repeat the end of the cue before dropped (roll-up captions
 * show the last line again above the new one; some tracks repeat a whole cue), each cue's lines joined
 * into one line, empty and sound-only cues dropped. A repeat counts only while the cue before is still on
 * screen, so a "No." said twice with a pause stays twice.
 */
export function tidyCues(cues: readonly RawCue[]): Segment[] {
	const ordered = [...cues].sort((a, b) => a.start - b.start);
	const segments: Segment[] = [];
	let previous: string[] = [];
	let previousEnd = Number.NEGATIVE_INFINITY;
	for (const cue of ordered) {
		let current = lines(cue.text);
		const whole = current;
		const onScreen = cue.start <= previousEnd + OVERLAP_TOLERANCE;
		// Drop the longest head of this cue that equals the tail of the one before.
		for (let n = onScreen ? Math.min(current.length, previous.length) : 0; n > 0; n--) {
			if (current.slice(0, n).join("\n") === previous.slice(previous.length - n).join("\n")) {
				current = current.slice(n);
				break;
			}
		}
		if (whole.length > 0) {
			previous = whole;
			previousEnd = cue.start + cue.duration;
		}
		const text = current.join(" ").trim();
		if (text === "" || SOUND_ONLY.test(text)) continue;
		segments.push({ start: cue.start, text });
	}
	return segments;
}
