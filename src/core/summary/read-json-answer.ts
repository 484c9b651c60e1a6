import type { Aside, ParsedSection } from "../types";
import { findTime } from "./read-heading";

/**
 * Some endpoints force JSON (structured output, JSON mode), and some models answer in JSON unasked. Whatever
 * the key names, an object or list of sections with titles, times, summaries and quotes is read into the same
 * sections a Markdown answer gives. Null when the text holds no such JSON.
 */
export function readJsonAnswer(text: string): ParsedSection[] | null {
	const value = parseJsonIn(text);
	if (value === undefined) return null;
	const list = sectionList(value);
	if (list === null) return null;
	const sections = list.flatMap((item) => (isRecord(item) ? [sectionOf(item)] : []));
	if (!sections.some((s) => s.start !== null || s.quotes.length > 0)) return null;
	const extras = isRecord(value) ? asides(value) : { overview: [], closing: [] };
	return [...extras.overview, ...sections, ...extras.closing];
}

/** The JSON value that starts on the first line beginning with `{` or `[`, through the last closing bracket. */
function parseJsonIn(text: string): unknown {
	const start = text.search(/^[ \t]*[[{]/m);
	if (start < 0) return undefined;
	const end = Math.max(text.lastIndexOf("}"), text.lastIndexOf("]"));
	if (end <= start) return undefined;
	try {
		return JSON.parse(text.slice(start, end + 1)) as unknown;
	} catch {
		return undefined;
	}
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Key names compared without case, underscores, dashes or spaces: `start_time`, `startTime`, `Start Time`. */
function field(item: Json, names: readonly string[]): unknown {
	for (const [key, value] of Object.entries(item)) {
		if (names.includes(key.toLowerCase().replace(/[\s_-]/g, ""))) return value;
	}
	return undefined;
}

const LIST_KEYS = ["sections", "chapters", "segments", "topics", "parts", "items", "summary", "timeline", "outline"];
const TITLE = ["title", "heading", "topic", "name", "section", "sectiontitle", "chapter", "headline"];
const RANGE = ["timestamp", "timestamps", "time", "timerange", "range", "times", "timespan", "period"];
const START = ["start", "starttime", "from", "begin", "startat", "startseconds", "startsec"];
const END = ["end", "endtime", "to", "until", "endat", "endseconds", "endsec"];
const SUMMARY = ["summary", "description", "content", "text", "points", "keypoints", "bullets", "details", "notes", "highlights", "body"];
const QUOTES = ["quotes", "keyquotes", "quotations", "notablequotes", "citations", "zitate", "citas", "quote"];
const QUOTE_TEXT = ["text", "quote", "content", "words", "line"];
const OVERVIEW = ["overview", "tldr", "executivesummary", "introduction", "summary", "overallsummary"];
const CLOSING = ["takeaways", "keytakeaways", "conclusion", "conclusions", "finalthoughts"];

function sectionList(value: unknown): unknown[] | null {
	if (Array.isArray(value)) return value as unknown[];
	if (!isRecord(value)) return null;
	const named = field(value, LIST_KEYS);
	if (Array.isArray(named)) return named as unknown[];
	const list: unknown = Object.values(value).find((v) => Array.isArray(v) && (v as unknown[]).some(isRecord));
	return Array.isArray(list) ? (list as unknown[]) : null;
}

function strings(value: unknown): string[] {
	if (typeof value === "string") return value.trim() === "" ? [] : [value.trim()];
	if (typeof value === "number") return [String(value)];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (isRecord(value)) return strings(field(value, QUOTE_TEXT));
	return [];
}

function seconds(value: unknown): number | null {
	if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.floor(value);
	return typeof value === "string" ? (findTime(value)?.start ?? (/^\s*\d+(?:\.\d+)?\s*(?:s\s*)?$/.test(value) ? Math.floor(parseFloat(value)) : null)) : null;
}

function sectionOf(item: Json): ParsedSection {
	const range = field(item, RANGE);
	const time = typeof range === "string" ? findTime(range) : null;
	const start = seconds(field(item, START)) ?? time?.start ?? seconds(range);
	const end = seconds(field(item, END)) ?? time?.end ?? null;
	return {
		title: strings(field(item, TITLE))[0] ?? "",
		start,
		end,
		summary: strings(field(item, SUMMARY)),
		quotes: strings(field(item, QUOTES)),
	};
}

function asides(value: Json): Record<Aside, ParsedSection[]> {
	const block = (names: readonly string[], title: string, aside: Aside): ParsedSection[] => {
		const raw = field(value, names);
		const prose = typeof raw === "string" || (Array.isArray(raw) && raw.every((v) => typeof v === "string"));
		const summary = prose ? strings(raw) : [];
		return summary.length === 0 ? [] : [{ title, start: null, end: null, summary, quotes: [], aside }];
	};
	return { overview: block(OVERVIEW, "Overview", "overview"), closing: block(CLOSING, "Takeaways", "closing") };
}
