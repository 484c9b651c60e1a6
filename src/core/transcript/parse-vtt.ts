import type { Segment } from "../types";
import { cleanCueLine, readCues } from "./read-cues";

// A voice name holds no `<`, so a failed match stops at the next tag and a line of them stays linear.
const VOICE = /<v(?:\.[^\s<>]*)?\s([^<>]+)>/;

/**
 * YouTube's auto-captions roll up: each cue shows the previous cue's last line again above a new one. So a
 * cue's speech is only the lines the previous cue did not show, timed at the cue where they first appear.
 * `cues`: readCues(text), when the caller has them already.
 */
export function parseVtt(text: string, cues = readCues(text)): Segment[] {
	const segments: Segment[] = [];
	// A Set, not a list: a cue of 50,000 lines checked against one as long was quadratic.
	let shown = new Set<string>();
	for (const cue of cues) {
		const speaker = cue.lines.map((line) => (line.includes("<v") ? VOICE.exec(line)?.[1]?.trim() : undefined)).find(Boolean);
		const lines = cue.lines.map(cleanCueLine).filter(Boolean);
		const fresh = lines.filter((line) => !shown.has(line));
		shown = new Set(lines);
		if (fresh.length) segments.push({ start: cue.start, text: fresh.join(" "), ...(speaker ? { speaker } : {}) });
	}
	return segments;
}
