import type { Segment } from "../types";
import { cleanCueLine, readCues } from "./read-cues";

export function parseSrt(text: string): Segment[] {
	return readCues(text).map((cue) => ({ start: cue.start, text: cue.lines.map(cleanCueLine).join(" ") }));
}
