import type { CheckedQuote, CheckedSection, Prose } from "../types";
import { unwrapAnswer } from "./unwrap-answer";

// `### Title [S1-S3]`, also `[S1–S3]`, `[S1, S2, S3]`, `(S4)`, and bold lines instead of headings; a
// sentence that merely ends in "(S3)" is summary text.
// Read in steps (the opening, the last bracket, the ids inside it) so that no pattern has two quantifiers
// trading the same characters: one pattern for all of it took seconds on a line of spaces.
const OPENING = /^(?:#{1,6}\s+\**|\*\*)/;
const IDS = /^S\d+(?:\s*(?:[-–—,]|to|and)\s*S?\d+)*$/i;

/** A heading's title and ids, else null. */
function headingOf(line: string): [string, string] | null {
	const opening = OPENING.exec(line);
	if (!opening) return null;
	let body = line.slice(opening[0].length);
	while (body.endsWith("*")) body = body.slice(0, -1);
	body = body.trimEnd();
	if (!body.endsWith("]") && !body.endsWith(")")) return null;
	const open = Math.max(body.lastIndexOf("["), body.lastIndexOf("("));
	const ids = body.slice(open + 1, -1).trim();
	let title = body.slice(0, Math.max(0, open)).trimEnd();
	if (open < 1 || !IDS.test(ids)) return null;
	while (title.endsWith("*")) title = title.slice(0, -1);
	return [title, ids];
}
const MAX_QUOTES = 5;

interface Group {
	title: string;
	first: number;
	last: number;
	summary: string[];
}

function groupsOf(answer: string): Group[] {
	const groups: Group[] = [];
	for (const raw of unwrapAnswer(answer).split("\n")) {
		const line = raw.trim();
		const heading = headingOf(line);
		if (heading) {
			const ids = heading[1].match(/\d+/g)?.map((n) => Number(n) - 1) ?? [];
			groups.push({ title: heading[0].replace(/\*\*/g, "").trim(), first: Math.min(...ids), last: Math.max(...ids), summary: [] });
		} else if (line && groups.length > 0) {
			groups[groups.length - 1]?.summary.push(line.replace(/^(?:\d+[.)]|[-*+])\s+/, ""));
		}
	}
	return groups;
}

function pickQuotes(sources: CheckedSection[]): CheckedQuote[] {
	const quotes = sources.flatMap((s) => s.quotes);
	return [...quotes.filter((q) => q.verified), ...quotes.filter((q) => !q.verified)].slice(0, MAX_QUOTES).sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/**
 * The merged summary: each output section spans the input sections it names, taking its start and its
 * quotes from them. Ids that are out of order, overlapping or out of range are ignored, and any input
 * section no group claims is kept as it was, so the merge can only regroup, never lose or invent; its own
 * sentences are checked like any other, so a quotation in them is found or marked.
 */
export function readMerge(answer: string, sections: CheckedSection[], checkProse: (text: string, near: number | null) => Prose): CheckedSection[] {
	const out: CheckedSection[] = [];
	let next = 0;
	for (const group of groupsOf(answer)) {
		if (group.first < next || group.last < group.first || group.last >= sections.length) continue;
		out.push(...sections.slice(next, group.first));
		const sources = sections.slice(group.first, group.last + 1);
		out.push({
			title: group.title,
			start: sources[0]?.start ?? null,
			end: sources[sources.length - 1]?.end ?? null,
			summary: group.summary.length > 0 ? group.summary.map((text) => checkProse(text, sources[0]?.start ?? null)) : sources.flatMap((s) => s.summary),
			quotes: pickQuotes(sources),
		});
		next = group.last + 1;
	}
	out.push(...sections.slice(next));
	return out;
}
