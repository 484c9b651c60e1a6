import { parseClock } from "../time";
import { tidy } from "./stamp-lines";

export interface Cue {
	start: number;
	/** Raw text lines, tags and entities still in. */
	lines: string[];
}

const TIMING = /^\s*(\S+)\s+-->\s+\S+/;

/** A timing line whose start is a real clock: the mark of SRT and WebVTT. */
export function isTimingLine(line: string): boolean {
	const m = TIMING.exec(line);
	return m !== null && parseClock(m[1] ?? "") !== null;
}

/**
 * Cues of SRT or WebVTT. A cue's text runs from its timing line to the next empty line; anything between
 * cues (SRT indexes, WebVTT headers, NOTE, STYLE and REGION blocks, cue identifiers) is never text. Only a
 * truly empty line ends a cue, because YouTube's captions hold lines of one space inside cues.
 */
export function readCues(text: string): Cue[] {
	const lines = text.split("\n");
	const cues: Cue[] = [];
	let current: Cue | null = null;
	lines.forEach((line, i) => {
		const m = TIMING.exec(line);
		const start = m ? parseClock(m[1] ?? "") : null;
		if (start !== null) cues.push((current = { start, lines: [] }));
		// A broken timing line ("00:00:99,000 --> …") still opens a cue: its text is kept, at the time before it.
		else if (m) cues.push((current = { start: cues[cues.length - 1]?.start ?? 0, lines: [] }));
		else if (line === "") current = null;
		// A line right before a timing line is an index or identifier that lost its blank line.
		else if (current && !isTimingLine(lines[i + 1] ?? "")) current.lines.push(line);
	});
	return cues;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", lrm: "", rlm: "" };

function decodeEntity(entity: string, name: string): string {
	if (!name.startsWith("#")) return ENTITIES[name.toLowerCase()] ?? entity;
	const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
	return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/** A cue line as spoken: no tags (`<c>`, `<i>`, `<00:00:01.234>`, `<v Name>`), no `{\an8}`, entities decoded. */
export function cleanCueLine(line: string): string {
	// Each pattern only where its first character is: most lines of a long file hold no tag, brace or entity.
	let text = line.includes("<") ? line.replace(/<\/?[a-z0-9][^<>]*>|<\/>/gi, "") : line;
	if (text.includes("{")) text = text.replace(/\{\\[^}]*\}/g, "");
	if (text.includes("&")) text = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity);
	return tidy(text);
}
