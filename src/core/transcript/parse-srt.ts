import type { Segment } from "../types";
import { cleanCueLine, readCues } from "./read-cues";

/** `cues`: readCues(text), when the caller has them already. */
export function parseSrt(text: string, cues = readCues(text)): Segment[] {
	return cues.map((cue) => ({ start: cue.start, text: cue.lines.map(cleanCueLine).join(" ") }));
}
