import { parseClock } from "../time";
import type { Chapter, Segment } from "../types";
import { CLOCK, groupAtHeads, type Head, looksLikeTitle } from "./stamp-lines";

const STAMP_LINE = new RegExp(String.raw`^(${CLOCK})$`);
// Some copies of YouTube's panel carry the screen reader's reading of each stamp ("1 minute, 5 seconds").
const SPOKEN_TIME = /^\d+ (?:hours?|minutes?|seconds?)(?:,? \d+ (?:minutes?|seconds?))*$/;

export function readYoutubeLineHead(line: string): Head | null {
	const m = STAMP_LINE.exec(line);
	const start = m ? parseClock(m[1] ?? "") : null;
	return start === null ? null : { start, rest: "" };
}

/**
 * Chapter rule: YouTube copies every caption as one line under its stamp and puts a chapter heading on a line
 * of its own just before the stamp where the chapter starts. So when most blocks are a single line, a short
 * extra last line of a block is the title of a chapter starting at the next stamp; a short single line
 * before the first stamp is the first chapter's title. Otherwise every line is kept as speech.
 */
export function parseYoutubeLines(lines: readonly string[], heads?: Map<number, Head>): { segments: Segment[]; chapters: Chapter[] } {
	const { preamble, blocks } = groupAtHeads(lines, readYoutubeLineHead, false, heads);
	const texts = blocks.map((b) => b.lines.filter((line) => !SPOKEN_TIME.test(line)));
	const captionShaped = texts.filter((t) => t.length === 1).length * 2 > texts.length;
	const chapters: Chapter[] = [];
	const segments: Segment[] = [];
	const intro = preamble.join(" ");
	const first = blocks[0];
	if (first && preamble.length === 1 && looksLikeTitle(intro)) chapters.push({ start: first.start, title: intro });
	else if (intro) segments.push({ start: 0, text: intro });
	blocks.forEach((b, i) => {
		const text = texts[i] ?? [];
		const next = blocks[i + 1];
		const last = text[text.length - 1] ?? "";
		if (captionShaped && next && text.length > 1 && looksLikeTitle(last)) {
			chapters.push({ start: next.start, title: last });
			text.pop();
		}
		segments.push({ start: b.start, text: text.join(" ") });
	});
	return { segments, chapters };
}
