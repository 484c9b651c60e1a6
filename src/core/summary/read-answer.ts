import { SummaryError } from "../errors";
import type { ParsedSection } from "../types";
import { cleanQuote } from "./clean-quote";
import { findTime, hasTimeAtEdge, isOnlyTime, readHeading, stripEmphasis, type Heading } from "./read-heading";
import { unwrapAnswer } from "./unwrap-answer";

/**
 * Reads the model's answer into sections. Models vary the shape freely (heading levels, bold lines,
 * numbered titles, times before or after the title, labels with or without emphasis), so each line is
 * classified on its own and the sections are rebuilt from the sequence.
 */
export function readAnswer(answer: string): ParsedSection[] {
	const text = unwrapAnswer(answer);
	const sections: ParsedSection[] = [];
	let current: ParsedSection | null = null;
	let part: "summary" | "quotes" = "summary";
	// Whether a plain line continues the entry above it (a wrapped list item or paragraph).
	let continues = false;
	const add = (entry: string, startsNew: boolean): void => {
		const list = part === "summary" ? current?.summary : current?.quotes;
		if (list === undefined || entry === "") return;
		if (!startsNew && continues && list.length > 0) list[list.length - 1] += ` ${entry}`;
		else list.push(entry);
		continues = true;
	};
	for (const line of linesOf(text)) {
		const kind = classify(line);
		if (kind.is === "heading") {
			current = { ...kind.heading, summary: [], quotes: [] };
			sections.push(current);
			part = "summary";
			continues = false;
		} else if (kind.is === "label") {
			part = kind.part;
			continues = false;
			add(kind.rest, true);
		} else if (kind.is === "blank") {
			continues = false;
		} else {
			add(kind.text, kind.is === "item");
		}
	}
	const found = sections
		.map((s) => ({ ...s, quotes: s.quotes.map(cleanQuote).filter((q) => q !== "") }))
		.filter((s) => s.summary.length > 0 || s.quotes.length > 0);
	// A few bold lines in a reply that asks for the transcript are not a summary: a real one has times or quotes.
	if (!found.some((s) => s.start !== null || s.quotes.length > 0)) {
		const shown = text.length > 500 ? `${text.slice(0, 500).trimEnd()}…` : text;
		throw new SummaryError(
			"answer",
			"The model did not return a summary. Its answer is shown below; try again, or try another model.",
			shown,
		);
	}
	return found;
}

type Line =
	| { is: "heading"; heading: Heading }
	| { is: "label"; part: "summary" | "quotes"; rest: string }
	| { is: "item" | "text"; text: string }
	| { is: "blank" };

const LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])\s+/;
const LABEL =
	/^(?:#{1,6}\s+)?(?:[-*+•]\s+|\d{1,3}[.)]\s+)?[*_]{0,2}\s*((?:key |notable |direct |selected |memorable )?quotes?|summary|key points|main points)\s*[*_]{0,2}\s*(:?)\s*[*_]{0,2}\s*(.*)$/i;
const QUOTE_MARK = /^[*_]*["“”„«‘']/;

/**
 * The answer's lines. The prompt's own example is written on one line; when an answer has no line breaks,
 * they are put back before each heading, numbered item and quotes label.
 */
function linesOf(text: string): string[] {
	if (text.includes("\n")) return text.split("\n");
	return text
		.replace(/\s+(?=#{1,6}\s)/g, "\n")
		.replace(/\s+(?=\d{1,2}\.\s)/g, "\n")
		.replace(/\s+((?:\*\*)?(?:key |notable |direct )?quotes:(?:\*\*)?)\s*/gi, "\n$1\n")
		.split("\n");
}

function classify(raw: string): Line {
	const line = raw.trim();
	if (line === "" || /^([-*_])(?:\s*\1){2,}$/.test(line)) return { is: "blank" };
	const label = LABEL.exec(line);
	if (label && (label[2] === ":" || label[3] === "")) {
		const part = /quote/i.test(label[1] ?? "") ? "quotes" : "summary";
		return { is: "label", part, rest: (label[3] ?? "").trim() };
	}
	const hashes = /^#{1,6}\s+(.*)$/.exec(line);
	if (hashes) {
		const heading = readHeading(hashes[1] ?? "");
		return heading.title === "" && heading.start === null ? { is: "blank" } : { is: "heading", heading };
	}
	if (line.startsWith(">")) return { is: "item", text: line.replace(/^>\s*/, "") };
	const marker = LIST_MARKER.exec(line);
	const body = marker ? line.slice(marker[0].length) : line;
	if (!QUOTE_MARK.test(body) && isHeadingLine(body, marker !== null)) return { is: "heading", heading: readHeading(body) };
	return marker ? { is: "item", text: body } : { is: "text", text: body };
}

/**
 * `**Title (0:24 - 3:44)**`, `**Title** (0:24-3:44)`, a whole bold line, or a short plain line with a
 * time at one end. In a list only the bold-title-and-time form counts, since summary points often cite times.
 */
function isHeadingLine(body: string, inList: boolean): boolean {
	const bold = /^(\*\*|__)(.+?)\1(.*)$/.exec(body);
	if (bold) {
		const rest = (bold[3] ?? "").replace(/^\s*:?\s*/, "");
		if (rest !== "" && !isOnlyTime(rest)) return false;
		return inList ? rest !== "" || findTime(bold[2] ?? "") !== null : true;
	}
	return !inList && body.length <= 100 && hasTimeAtEdge(stripEmphasis(body));
}
