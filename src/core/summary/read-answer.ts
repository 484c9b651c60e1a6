import { trimRuns } from "../trim";
import type { ParsedSection } from "../types";
import { isAsideTitle, isChatter, labelOf, type Part } from "./answer-words";
import { cleanQuote } from "./clean-quote";
import { opensQuote, quotations, wholeQuote } from "./quote-marks";
import { findTime, type Heading, isOnlyTime, leadingTime, readHeading, stripEmphasis, timeOnlyLine, withoutLinks } from "./read-heading";
import { readJsonAnswer } from "./read-json-answer";
import { unwrapAnswer } from "./unwrap-answer";

/** What the model's answer held: its sections, or, when none could be read, the words to show instead. */
export type AnswerReading = { ok: true; sections: ParsedSection[] } | { ok: false; shown: string };

/**
 * Reads the model's answer into sections. Models vary the shape freely (heading levels, bold lines, list
 * lines, table rows, times before, after or under the title, labels in any language, quotes as list items,
 * blockquotes or bare lines, JSON), so each line is classified on its own and the sections are rebuilt from
 * the sequence. Chatter and reasoning are dropped; untimed blocks before and after the timed sections are
 * kept as an overview and takeaways.
 */
export function readAnswer(answer: string): AnswerReading {
	const text = unwrapAnswer(answer, beginsSection);
	const sections: ParsedSection[] = readJsonAnswer(text) ?? readLines(linesOf(text));
	const found = withAsides(
		sections
			.map(({ title, start, end, summary, quotes, aside }): ParsedSection => ({
				title,
				start,
				end,
				summary,
				quotes: quotes
					.flatMap(quotations)
					.map(cleanQuote)
					.filter((q) => q !== ""),
				...(aside ? { aside } : {}),
			}))
			.filter((s) => s.summary.length > 0 || s.quotes.length > 0),
	);
	// A few bold lines in a reply that asks for the transcript are not a summary: a real one has times or quotes.
	if (found.some((s) => s.start !== null || s.quotes.length > 0)) return { ok: true, sections: found };
	const words = text || answer.trim();
	return { ok: false, shown: words.length > 500 ? `${words.slice(0, 500).trimEnd()}…` : words };
}

interface Draft extends ParsedSection {
	/** 1–6 for `#` headings, 7 for bold, list, table and plain lines, LEAD_IN for a bold lead-in, 0 for text before any heading. */
	level: number;
}

function readLines(lines: string[]): Draft[] {
	const sections: Draft[] = [];
	const current = (): Draft | undefined => sections[sections.length - 1];
	let part: Part = "summary";
	// Whether a plain line continues the entry above it (a wrapped list item, paragraph or blockquote).
	let continues = false;
	let inBlockquote = false;
	let openQuote = false;
	const open = (heading: Heading, level: number): Draft => {
		const draft = { ...heading, level, summary: [], quotes: [] };
		sections.push(draft);
		part = "summary";
		return draft;
	};
	const section = (): Draft => current() ?? open({ title: "", start: null, end: null }, 0);
	const addQuote = (text: string, joins: boolean): void => {
		const quotes = section().quotes;
		if (joins && quotes.length > 0) quotes[quotes.length - 1] += ` ${text}`;
		else quotes.push(text);
		openQuote = opensQuote(text) && wholeQuote(quotes[quotes.length - 1] ?? "") !== null && !closesQuote(quotes[quotes.length - 1] ?? "");
	};
	const addSummary = (entry: string, startsNew: boolean): void => {
		if (entry === "") return;
		const list = section().summary;
		if (!startsNew && continues && list.length > 0) list[list.length - 1] += ` ${entry}`;
		else list.push(entry);
	};
	for (const kind of withTimesUnderHeadings(lines.flatMap(classify))) {
		const wasBlockquote = inBlockquote;
		inBlockquote = kind.is === "quote" && kind.block;
		switch (kind.is) {
			case "heading": {
				const here = current();
				const nested = here !== undefined && kind.heading.start === null && here.start !== null && kind.level > here.level;
				// `- **Parameters** (1:47): …` inside a section that has a heading of its own is a point citing a time;
				// only where the sections themselves are such lines does it open one.
				const point = kind.lead !== undefined && kind.heading.end === null && here?.start != null && here.level !== LEAD_IN;
				if (nested && !isAsideTitle(kind.heading.title)) {
					// A sub-heading inside a timed section (`#### Key idea`, a bold lead-in line) is part of its summary.
					addSummary(kind.heading.title, true);
				} else if (point) {
					addSummary(kind.lead?.line ?? "", true);
				} else {
					open(kind.heading, kind.level);
					if (kind.lead) addSummary(kind.lead.rest, true);
				}
				continues = false;
				break;
			}
			case "time": {
				const here = current();
				if (here !== undefined && here.start === null) {
					here.start = kind.heading.start;
					here.end = kind.heading.end;
				}
				break;
			}
			case "label": {
				const here = current();
				// `## Summary` over the whole answer is an overview; `#### Summary` inside a section opens its summary.
				if (kind.part === "summary" && kind.level !== null && (here === undefined || kind.level <= here.level)) {
					open({ title: kind.title, start: null, end: null }, kind.level);
				}
				part = kind.part;
				continues = false;
				if (kind.rest !== "") {
					if (part === "quotes") addQuote(kind.rest, false);
					else addSummary(kind.rest, true);
				}
				break;
			}
			case "quote":
				addQuote(kind.text, (kind.block && wasBlockquote) || (!kind.block && openQuote && continues));
				continues = true;
				break;
			case "item":
			case "text":
				if (part === "quotes" || openQuote) addQuote(kind.text, kind.is === "text" && openQuote && continues);
				else addSummary(kind.text, kind.is === "item");
				continues = true;
				break;
			case "blank":
			case "chatter":
				continues = false;
				openQuote = false;
				break;
			case "attribution":
				break;
		}
	}
	return sections;
}

/**
 * An untimed heading takes its time from the line under it: a line that holds only a time (`**Timestamp:**
 * 00:24 - 02:37`), or the first line of its text when that starts with a time (`[00:02:37] **Self-contained**:
 * …`) or carries a range (`… them. (0:24-2:37) He opens …`).
 */
function withTimesUnderHeadings(kinds: Line[]): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < kinds.length; i++) {
		const kind = kinds[i];
		if (kind === undefined) continue;
		out.push(kind);
		if (kind.is !== "heading" || kind.heading.start !== null) continue;
		let n = i + 1;
		while (kinds[n]?.is === "blank") n++;
		const next = kinds[n];
		if (next?.is === "time") {
			out[out.length - 1] = { ...kind, heading: { ...kind.heading, start: next.heading.start, end: next.heading.end } };
			i = n;
		} else if (next?.is === "item" || next?.is === "text") {
			const found = timeOpening(next.text);
			if (found === null) continue;
			out[out.length - 1] = { ...kind, heading: { ...kind.heading, start: found.time.start, end: found.time.end } };
			out.push({ ...next, text: found.rest });
			i = n;
		}
	}
	return out;
}

/** A time that opens a line of text, or a range anywhere in it, and the text without it. */
function timeOpening(text: string): { time: Heading; rest: string } | null {
	const leading = leadingTime(text);
	if (leading) return leading;
	const plain = stripEmphasis(withoutLinks(text));
	const range = findTime(plain);
	if (range === null || range.end === null) return null;
	const rest = `${plain.slice(0, range.index)} ${plain.slice(range.index + range.length)}`.replace(/\s+/g, " ").trim();
	return { time: { title: "", start: range.start, end: range.end }, rest };
}

function closesQuote(quote: string): boolean {
	const text = quote.trim().replace(/^[*_]+/, "");
	return text.length > 1 && wholeQuote(text) !== null && /["”“»«’‘」』›'][^"”“»«’‘」』›']{0,90}$/.test(text.slice(1));
}

/**
 * Untimed blocks before the first timed section are an overview, after the last one takeaways. When nothing
 * is timed (an untimed transcript), only the runs of blocks titled as such at either end are, and text before
 * the first heading.
 */
function withAsides(sections: ParsedSection[]): ParsedSection[] {
	const timed = sections.flatMap((s, i) => (s.start === null ? [] : [i]));
	const titled = (s: ParsedSection | undefined) => s !== undefined && s.start === null && (isAsideTitle(s.title) || s.aside !== undefined);
	let lead = 0;
	while (titled(sections[lead])) lead++;
	let trail = sections.length;
	while (trail > lead && titled(sections[trail - 1])) trail--;
	const first = timed[0] ?? (sections[0]?.title === "" && sections.length > 1 ? Math.max(lead, 1) : lead);
	const last = timed[timed.length - 1] ?? trail - 1;
	return sections.map((s, i): ParsedSection => {
		if (s.start !== null || s.aside !== undefined) return s;
		if (i < first) return { ...s, aside: "overview" };
		if (i > last) return { ...s, aside: "closing" };
		return s;
	});
}

type Line =
	| { is: "heading"; heading: Heading; level: number; lead?: { line: string; rest: string } }
	| { is: "time"; heading: Heading }
	| { is: "label"; part: Part; rest: string; title: string; level: number | null }
	| { is: "quote"; text: string; block: boolean }
	| { is: "item" | "text"; text: string }
	| { is: "attribution" | "chatter" | "blank" };

const LIST_MARKER = /^(?:[-*+•·▪►‣◦]|\d{1,3}[.)])\s+/;
const RULE = /^([-*_=])(?:\s*\1){2,}$/;
// `— Andrej Karpathy`, `– *Speaker, 0:24*`: who said the quote above, not a quote of its own.
const ATTRIBUTION = /^(?:[—–~]|--)\s*[^"“”«»]{1,80}$/;

/**
 * The answer's lines. The prompt's own example is written on one line; when an answer has no line breaks,
 * they are put back before each heading, numbered item and quotes label.
 */
function linesOf(text: string): string[] {
	if (text.includes("\n")) return text.split("\n");
	// Each run of spaces is looked at once, with what follows it: a pattern such as `\s+(?=#)` was retried
	// from every position of a long run.
	let out = "";
	let from = 0;
	const spaces = /\s+/g;
	for (let run = spaces.exec(text); run; run = spaces.exec(text)) {
		const end = run.index + run[0].length;
		const next = text.slice(end, end + 40);
		const label = /^(?:\*\*)?(?:key |notable |direct )?quotes:(?:\*\*)?/i.exec(next);
		if (label) {
			out += `${text.slice(from, run.index)}\n${label[0]}\n`;
			from = end + label[0].length;
			while (/\s/.test(text.charAt(from))) from++;
			spaces.lastIndex = from;
		} else if (/^(?:#{1,6}|\d{1,2}\.)\s/.test(next)) {
			out += `${text.slice(from, run.index)}\n`;
			from = end;
		}
	}
	return (out + text.slice(from)).split("\n");
}

/** `**inside**rest` (or with `__`): the bold part and what follows it, else null. */
function boldParts(body: string): [string, string] | null {
	const mark = body.slice(0, 2);
	if ((mark !== "**" && mark !== "__") || /[\r\u2028\u2029]/.test(body)) return null;
	const close = body.indexOf(mark, 3);
	return close < 0 ? null : [body.slice(2, close), body.slice(close + 2)];
}

/** Whether an open reasoning block ends at this line: the first section heading with a time, or with one under it. */
function beginsSection(line: string, next: string): boolean {
	const [kind] = classify(line);
	return kind?.is === "heading" && (kind.heading.start !== null || timeOnlyLine(next) !== null);
}

function classify(raw: string): Line[] {
	const line = raw.trim();
	if (line.startsWith("|")) return tableRow(line);
	return [classifyLine(line)];
}

function classifyLine(line: string): Line {
	if (line === "" || RULE.test(line) || /^<\/?[a-z]+>$/i.test(line)) return { is: "blank" };
	if (line.startsWith(">")) return blockquote(line.replace(/^(?:>\s*)+/, ""));
	const hashes = /^#{1,6}(?=\s)/.exec(line);
	const hashed = hashes ? line.slice(hashes[0].length).trimStart() : "";
	if (hashes && !/[\r\u2028\u2029]/.test(hashed)) {
		const level = hashes[0].length;
		const body = hashed;
		const label = labelOf(body);
		if (label && findTime(body) === null) return { is: "label", ...label, title: readHeading(body).title, level };
		const heading = readHeading(body);
		return heading.title === "" && heading.start === null ? { is: "blank" } : { is: "heading", heading, level };
	}
	if (ATTRIBUTION.test(line) && line.split(/\s+/).length <= 9) return { is: "attribution" };
	const marker = LIST_MARKER.exec(line);
	const body = marker ? line.slice(marker[0].length) : line;
	const time = timeOnlyLine(body);
	if (time) return { is: "time", heading: time };
	const label = labelOf(body);
	if (label) return { is: "label", ...label, title: "", level: null };
	if (wholeQuote(withoutLinks(body)) !== null) return { is: "quote", text: body, block: false };
	// `**0:24 - 0:27**: "…"`, `[00:00:24] "…"`: the model's time for the quote, then the quote.
	const timed = leadingTime(body);
	if (timed && wholeQuote(timed.rest) !== null) return { is: "quote", text: timed.rest, block: false };
	if (isChatter(body)) return { is: "chatter" };
	if (isHeadingLine(body, marker !== null)) return { is: "heading", heading: readHeading(body), level: 7 };
	const lead = leadIn(body);
	if (lead) return { is: "heading", heading: lead.heading, level: LEAD_IN, lead: { line: body, rest: lead.rest } };
	return marker ? { is: "item", text: body } : { is: "text", text: body };
}

/** A blockquote is a quote, with or without quotation marks, unless it is a label or names who spoke. */
function blockquote(body: string): Line {
	if (body === "") return { is: "blank" };
	const callout = /^\[!(\w+)\][-+]?/.exec(body);
	// The rest of a callout's line, as `\s*(.*)$` read it (no line breaks of any kind), without that pattern's backtracking.
	const rest = callout ? body.slice(callout[0].length).trimStart() : "";
	if (callout && !/[\r\u2028\u2029]/.test(rest)) {
		return /quote|cite/i.test(callout[1] ?? "") ? { is: "label", part: "quotes", rest, title: "", level: null } : { is: "blank" };
	}
	if (ATTRIBUTION.test(body) && body.split(/\s+/).length <= 9) return { is: "attribution" };
	const label = labelOf(body);
	if (label) return { is: "label", ...label, title: "", level: null };
	return { is: "quote", text: body.replace(LIST_MARKER, ""), block: true };
}

/**
 * `**Title (0:24 - 3:44)**`, `**Title** (0:24-3:44)`, `**0:24 - 2:35: Title**`, `- **0:24–2:37** Title`, a whole
 * bold line, or a short line with a time at one end. In a list only a time range or a bold title counts, since
 * summary points often cite a single time.
 */
function isHeadingLine(body: string, inList: boolean): boolean {
	const bold = boldParts(body);
	if (bold) {
		const inside = bold[0];
		const after = bold[1].trimStart();
		const rest = after.startsWith(":") || after.startsWith("：") ? after.slice(1).trimStart() : after;
		if (rest === "" || isOnlyTime(rest)) return inList ? rest !== "" || findTime(inside) !== null : true;
		return isOnlyTime(inside) && isShortTitle(rest);
	}
	const plain = stripEmphasis(withoutLinks(body));
	const time = findTime(plain);
	if (time === null || (inList && time.end === null)) return false;
	const atEdge =
		time.index === 0 ||
		time.index + time.length >=
			trimRuns(
				plain,
				() => false,
				(c) => c === ":" || c === "." || /\s/.test(c),
			).length;
	return atEdge && isShortTitle(readHeading(plain).title);
}

/** The level of a section opened by a bold lead-in with a time, so that its siblings are told from points. */
const LEAD_IN = 8;

/**
 * A bold lead-in that names a section and its time, followed by the section's first words: `* **Title (0:24 -
 * 2:37):** text`, `- **Title** ([0:24](…)) - text`.
 */
function leadIn(body: string): { heading: Heading; rest: string } | null {
	const bold = boldParts(withoutLinks(body));
	if (!bold) return null;
	let heading = readHeading(bold[0]);
	let rest = bold[1].trim();
	if (heading.start === null) {
		const after = leadingTime(rest);
		if (after === null) return null;
		heading = { ...heading, start: after.time.start, end: after.time.end };
		rest = after.rest;
	} else rest = rest.replace(/^[\s:：\-–—|]+/, "");
	return rest !== "" && isShortTitle(heading.title) ? { heading, rest } : null;
}

/** A title, not a sentence: a few words without a full stop at the end. */
function isShortTitle(text: string): boolean {
	const words = text.trim().split(/\s+/);
	return text.trim() !== "" && words.length <= 14 && !/[.!?]$/.test(text.trim());
}

/**
 * A table row of time and topic: the cell with the time gives the times, the first other cell the title, and
 * the rest its summary or quotes. Header and divider rows carry no time and are skipped.
 */
function tableRow(line: string): Line[] {
	const cells = line
		.replace(/^\||\|$/g, "")
		.split("|")
		.map((c) => c.trim())
		.filter((c) => c !== "");
	const timeCell = cells.findIndex((c) => timeOnlyLine(c) !== null);
	const time = timeOnlyLine(cells[timeCell] ?? "");
	if (time === null) return [{ is: "blank" }];
	const [title = "", ...rest] = cells.filter((_, i) => i !== timeCell);
	if (wholeQuote(title) !== null && rest.length === 0) return [{ is: "quote", text: title, block: false }];
	const heading: Line = { is: "heading", heading: { ...readHeading(title), start: time.start, end: time.end }, level: 7 };
	const entries = rest
		.flatMap((cell) => cell.split(/<br\s*\/?>/i))
		.map((entry): Line => {
			const text = entry.trim().replace(LIST_MARKER, "");
			return wholeQuote(text) !== null ? { is: "quote", text, block: false } : { is: "item", text };
		});
	return [heading, ...entries];
}
