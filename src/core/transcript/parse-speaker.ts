import { parseClock } from "../time";
import type { Segment } from "../types";
import { CLOCK, groupAtHeads, type Head } from "./stamp-lines";

// A name starts with a capital and has at most four words, so a sentence ending in a time is not a speaker.
const NAME = String.raw`\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+[\p{L}\p{M}.'’-]+){0,3}`;
// `Name (00:12:34):` or `(00:12:34):`, alone on its line; the unnamed form continues the last speaker.
const BRACKETED = new RegExp(String.raw`^(?:(${NAME})\s*)?[([](${CLOCK})[)\]]:?$`, "u");
// `Name 00:12:34` alone on its line.
const BARE = new RegExp(String.raw`^(${NAME})\s+(${CLOCK}):?$`, "u");
// `[00:12:34] Name: text`.
const LEADING = new RegExp(String.raw`^\[(${CLOCK})\]\s*(${NAME}):\s+(\S.*)$`, "u");

export function readSpeakerHead(line: string): Head | null {
	const plain = line.replace(/\*\*/g, "");
	const m = BRACKETED.exec(plain) ?? BARE.exec(plain);
	const lead = m ? null : LEADING.exec(plain);
	const start = parseClock((m ? m[2] : lead?.[1]) ?? "");
	if (start === null) return null;
	const speaker = m ? m[1] : lead?.[2];
	return { start, rest: lead?.[3] ?? "", ...(speaker ? { speaker } : {}) };
}

/** A speaker line is never speech, so even one whose time runs backwards (real transcripts have them) splits. */
export function parseSpeaker(lines: readonly string[], heads?: Map<number, Head>): Segment[] {
	const { preamble, blocks } = groupAtHeads(lines, readSpeakerHead, true, heads);
	let speaker: string | undefined;
	const intro: Segment[] = preamble.length ? [{ start: 0, text: preamble.join(" ") }] : [];
	return intro.concat(
		blocks.map((b) => {
			speaker = b.speaker ?? speaker;
			return { start: b.start, text: b.lines.join(" "), ...(speaker ? { speaker } : {}) };
		}),
	);
}
