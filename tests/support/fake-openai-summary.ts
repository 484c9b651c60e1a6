/**
 * The deterministic "model" behind the fake OpenAI server: answers the seed prompt's conversation the way a real
 * model does, so tests can compute the expected note from the transcript alone.
 */

export interface FakeSummaryOptions {
	/** Which sections end with an invented quote (one not in the transcript). Default "last". */
	invented?: "last" | "every" | "none";
}

/** The first turn's answer: what a model says to the seed prompt before it has a transcript. */
export const FAKE_ASK_FOR_TRANSCRIPT =
	"<thinking>\nThe example splits the talk into chronological sections, each with a time range, a short summary and exact quotes. " +
	"I will do the same for the new transcript.\n</thinking>\n\nPlease share the transcript of the video you'd like me to summarize.";

/** The quote the fake makes up; it never occurs in a transcript a test would use. */
export const FAKE_INVENTED_QUOTE = "Honestly, the single most important lesson here is that patience beats talent in the long run.";

export interface FakeMessage {
	role: string;
	content: unknown;
}

/**
 * Answers like a model given the seed prompt: asks for the transcript until a user turn holds a
 * `<transcript>…</transcript>` block (the seed itself only mentions the opening tag), then summarizes the last one.
 */
export function fakeAnswerFor(messages: readonly FakeMessage[], options: FakeSummaryOptions = {}): string {
	for (let i = messages.length - 1; i >= 0; i--) {
		const message = messages[i];
		if (message?.role !== "user" || typeof message.content !== "string") continue;
		if (SECTIONS_BLOCK.test(message.content)) return fakeMergeFor(message.content);
		if (TRANSCRIPT_BLOCK.test(message.content)) return fakeSummaryFor(message.content, options);
	}
	return FAKE_ASK_FOR_TRANSCRIPT;
}

const SECTIONS_BLOCK = /<sections>([\s\S]*?)<\/sections>/;

/**
 * The reduce step's answer: neighbouring input sections merged in pairs, `### Part k [S1-S2]` and one
 * sentence each, as a model following the merge instructions writes it.
 */
export function fakeMergeFor(message: string): string {
	const ids = [...(SECTIONS_BLOCK.exec(message)?.[1] ?? "").matchAll(/^\[S(\d+)\]/gm)].map((m) => Number(m[1]));
	const groups: string[] = [];
	for (let i = 0; i < ids.length; i += 2) {
		const first = ids[i];
		const last = ids[Math.min(i + 1, ids.length - 1)];
		groups.push(`### Part ${groups.length + 1} [S${first}-S${last}]\nThis part joins sections ${first} to ${last} of the video.`);
	}
	return `<summary>\n${groups.join("\n\n")}\n</summary>`;
}

const TRANSCRIPT_BLOCK = /<transcript>([\s\S]*?)<\/transcript>/;

interface Line {
	start: number | null;
	text: string;
}

/**
 * The answer for a transcript: `<thinking>` then `<summary>` with N = min(lines, clamp(round(lines / 8), 5, 12))
 * sections spread evenly over the lines. Each section: `### Section k: <first 5 words> (m:ss - m:ss)` (the range
 * runs to the next section's start, or to the last line's start), two numbered summary sentences, `Quotes:` and
 * three numbered quotes drawn from the section's pieces (see `fragments`): 1. the first piece exactly, 2. the
 * middle piece re-cased, re-punctuated, in curly quotes, without its first "uh"/"um", 3. the last piece exactly,
 * or FAKE_INVENTED_QUOTE where `options.invented` says. Accepts the whole user message or just the lines.
 */
export function fakeSummaryFor(transcriptBlock: string, options: FakeSummaryOptions = {}): string {
	const blocks = [...transcriptBlock.matchAll(new RegExp(TRANSCRIPT_BLOCK.source, "g"))];
	const inner = blocks.length > 0 ? (blocks[blocks.length - 1]?.[1] ?? "") : transcriptBlock;
	const lines = parseLines(inner);
	if (lines.length === 0) {
		return "<thinking>\nThe transcript is empty.\n</thinking>\n\nThe transcript you shared is empty. Please share the transcript of the video.";
	}
	const count = Math.min(lines.length, clamp(Math.round(lines.length / 8), 5, 12));
	const bounds = Array.from({ length: count + 1 }, (_, k) => Math.floor((k * lines.length) / count));
	const invented = options.invented ?? "last";
	const sections: string[] = [];
	for (let k = 0; k < count; k++) {
		const part = lines.slice(bounds[k], bounds[k + 1]);
		const next = lines[bounds[k + 1] ?? lines.length];
		const last = k === count - 1;
		const inventHere = invented === "every" || (invented === "last" && last);
		sections.push(renderSection(k + 1, part, next?.start ?? part[part.length - 1]?.start ?? null, inventHere));
	}
	const first = lines[0]?.start;
	const end = lines[lines.length - 1]?.start;
	const span = first === null || first === undefined || end === null || end === undefined ? "" : ` from ${clock(first)} to ${clock(end)}`;
	const thinking =
		`<thinking>\nThe transcript has ${lines.length} lines${span}. I will split it into ${count} sections of about equal length, ` +
		"summarize each in two sentences and quote it three times.\n</thinking>";
	return `${thinking}\n\n<summary>\n${sections.join("\n\n")}\n</summary>`;
}

function renderSection(number: number, part: Line[], end: number | null, invent: boolean): string {
	const first = part[0] as Line;
	const lastLine = part[part.length - 1] as Line;
	const range = first.start === null || end === null ? "" : ` (${clock(first.start)} - ${clock(end)})`;
	const found = part.flatMap((line) => fragments(line.text));
	const at = (i: number) => found[Math.max(0, Math.min(i, found.length - 1))] as string;
	const n = found.length;
	// The re-punctuated quote comes from between the other two, from a piece with a filler word when there is one.
	const low = n >= 2 ? 1 : 0;
	const high = n >= 3 ? n - 2 : n - 1;
	const withFiller = found.findIndex((piece, i) => i >= low && i <= high && FILLER.test(piece));
	const quotes = [
		`"${at(0)}"`,
		`“${repunctuate(at(withFiller >= 0 ? withFiller : Math.max(low, Math.min(high, Math.floor(n / 2)))))}”`,
		invent ? `"${FAKE_INVENTED_QUOTE}"` : `"${at(n - 1)}"`,
	];
	return [
		`### Section ${number}: ${firstWords(first.text, 5)}${range}`,
		`1. The speaker opens this part with ${firstWords(first.text, 8)}.`,
		`2. It closes on ${lastWords(lastLine.text, 8)}, ${part.length === 1 ? "all in one line" : `after ${part.length} lines`}.`,
		"",
		"Quotes:",
		...quotes.map((q, i) => `${i + 1}. ${q}`),
	].join("\n");
}

const TIMED = /^\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\]\s*(.*)$/;
// `Speaker: text`, with one to four capitalized words before the colon.
const SPEAKER = /^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}:\s+/;

function parseLines(text: string): Line[] {
	const lines: Line[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const trimmed = raw.trim();
		if (trimmed === "") continue;
		const m = TIMED.exec(trimmed);
		const start = m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
		const body = (m ? (m[4] ?? "") : trimmed).replace(SPEAKER, "").trim();
		if (body !== "") lines.push({ start, text: body });
	}
	return lines;
}

/**
 * The quotable pieces of a line, in order and without overlap: each whole sentence of 6 words or more, those over
 * 20 words cut into runs of 12–20 words. A line without such a sentence is one piece. Quotes are drawn from
 * these, so a section's quotes differ whenever its lines hold enough words (a 6-line toy transcript does not).
 */
function fragments(text: string): string[] {
	const out: string[] = [];
	for (const sentence of text.split(/(?<=[.!?])\s+/)) {
		const words = sentence.split(/\s+/).filter(Boolean);
		if (words.length < 6) continue;
		const count = Math.max(Math.ceil(words.length / 20), Math.min(3, Math.floor(words.length / 12)));
		const size = Math.ceil(words.length / count);
		for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(" "));
	}
	return out.length > 0 ? out : [text];
}

const FILLER = /(^|\s)(?:uh|um),?(?=\s|$)/i;

/** What a model does to a quote it does not copy exactly. */
function repunctuate(text: string): string {
	const dropped = text.replace(FILLER, "$1").replace(/\s+/g, " ").trim();
	const cased = dropped.charAt(0).toUpperCase() + dropped.slice(1);
	const ended = /[.!?]$/.test(cased) ? cased : `${cased}.`;
	return ended.replace(/'/g, "’");
}

function firstWords(text: string, n: number): string {
	return plain(text).split(" ").slice(0, n).join(" ");
}

function lastWords(text: string, n: number): string {
	return plain(text).split(" ").slice(-n).join(" ");
}

/** Words without sentence marks, so a summary item stays one sentence. */
function plain(text: string): string {
	return text
		.replace(/[.!?"“”]/g, "")
		.replace(/\s+/g, " ")
		.trim();
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

function clock(seconds: number): string {
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = String(seconds % 60).padStart(2, "0");
	return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
