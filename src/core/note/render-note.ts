/** The summary note as Markdown. Every piece of untrusted text passes through the inert-text functions. */

import { formatClock } from "../time";
import type { CheckedQuote, CheckedSection, Prose, Transcript } from "../types";
import { toYaml } from "./frontmatter";
import { inertInline, inertLines, inertProse } from "./inert-text";
import { timeUrl, videoUrl } from "./links";
import { transcriptCallout } from "./transcript-callout";

/** Every summary carries it: how a later run knows a note for a video is one of ours. */
export const SUMMARY_TAG = "video-summary";

export interface NoteInput {
	/** Untrusted: the video title or the source note's name. */
	title: string;
	/** `chapters`: how many chapters YouTube gave the video, which the model was told of. */
	video?: { id: string; startAt?: number; channel?: string; published?: string; durationSeconds?: number; chapters?: number };
	/** Which caption track the transcript came from, e.g. "English (auto-generated)". */
	captions?: string;
	sections: CheckedSection[];
	/** The transcript had timestamps. */
	timed: boolean;
	/** ISO date-time, given by the caller so that output is reproducible. */
	created: string;
	model: string;
	/** Plain text saying where the transcript came from, e.g. "youtube captions (en, auto-generated)". */
	source: string;
	/** Vault path of the note the transcript came from. */
	sourceNote?: string;
	language?: string;
	/** The model's answer was cut off. */
	incomplete?: boolean;
	/** Shown as callouts under the title. */
	warnings?: string[];
	/** Printed under the summary in a collapsed callout, when the user asked for it. */
	transcript?: Transcript;
	/**
	 * The model's answer as it came, when it could not be read as sections (or the connection dropped
	 * midway): kept in the note, marked unparsed, rather than thrown away.
	 */
	raw?: { text: string; reason: string };
	/** Tokens the run used (estimated when the endpoint reported none) and their cost in dollars, if known. */
	usage?: { promptTokens: number; completionTokens: number; cachedPromptTokens?: number; estimated: boolean; cost: number | null };
}

const INCOMPLETE =
	"Incomplete: the model's answer was cut off at its output limit, so this summary ends early and later parts of the video may be missing. Run it again with a higher output limit (Maximum output tokens in the plugin's settings).";

// Frontmatter values are shown as plain text: one line each, and toYaml does the quoting and neutralising.
function oneLine(text: string | undefined): string | undefined {
	const flat = text?.replace(/\s+/g, " ").trim();
	return flat === "" ? undefined : flat;
}

function clock(seconds: number, videoId: string | undefined): string {
	return videoId === undefined ? formatClock(seconds) : `[${formatClock(seconds)}](${timeUrl(videoId, seconds)})`;
}

function timeRange(section: CheckedSection, videoId: string | undefined): string {
	if (section.start === null) return "";
	const label = section.end === null ? formatClock(section.start) : `${formatClock(section.start)}–${formatClock(section.end)}`;
	return videoId === undefined ? ` (${label})` : ` ([${label}](${timeUrl(videoId, section.start)}))`;
}

/** A quote as the note shows it: in quotation marks, then its time link, or the word unverified. */
function quoteMarkup(quote: CheckedQuote, timed: boolean, videoId: string | undefined): string {
	const text = `"${inertInline(quote.text)}"`;
	if (!quote.verified) return `${text} (unverified)`;
	return timed && quote.start !== null ? `${text} (${clock(quote.start, videoId)})` : text;
}

function proseParagraph(prose: Prose, timed: boolean, videoId: string | undefined): string {
	return inertProse(prose.map((part) => (typeof part === "string" ? { text: part } : { markup: quoteMarkup(part, timed, videoId) })));
}

/** The summary paragraphs and the numbered quotes of a section or aside. */
function sectionBody(section: CheckedSection, timed: boolean, videoId: string | undefined): string[] {
	const blocks = section.summary.map((prose) => proseParagraph(prose, timed, videoId)).filter((p) => p !== "");
	const quotes = section.quotes.filter((q) => inertInline(q.text) !== "");
	if (quotes.length > 0) {
		blocks.push(["Quotes:", ...quotes.map((q, i) => `${i + 1}. ${quoteMarkup(q, timed, videoId)}`)].join("\n"));
	}
	return blocks;
}

function renderSection(section: CheckedSection, index: number, timed: boolean, videoId: string | undefined): string {
	const title = inertInline(section.title) || `Section ${index + 1}`;
	return [`## ${title}${timed ? timeRange(section, videoId) : ""}`, ...sectionBody(section, timed, videoId)].join("\n\n");
}

/** An overview or takeaways block: a callout without a time of its own, so it never reads as a stretch of the video. */
function renderAside(section: CheckedSection, timed: boolean, videoId: string | undefined): string {
	const title = inertInline(section.title) || (section.aside === "overview" ? "Overview" : "Takeaways");
	const body = sectionBody(section, timed, videoId).join("\n\n");
	return [`> [!abstract] ${title}`, ...body.split("\n").map((line) => (line === "" ? ">" : `> ${line}`))].join("\n");
}

export function renderNote(note: NoteInput): string {
	const video = note.video;
	const frontmatter = toYaml({
		title: oneLine(note.title) ?? "Untitled summary",
		video_url: video && videoUrl(video.id),
		video_id: video?.id,
		channel: oneLine(video?.channel),
		published: oneLine(video?.published),
		duration: video?.durationSeconds === undefined ? undefined : formatClock(video.durationSeconds),
		chapters: video?.chapters,
		captions: oneLine(note.captions),
		created: note.created,
		model: oneLine(note.model),
		source: oneLine(note.source),
		source_note: oneLine(note.sourceNote),
		language: oneLine(note.language),
		status: note.raw ? "unparsed" : note.incomplete ? "incomplete" : undefined,
		tokens_in: note.usage?.promptTokens,
		tokens_cached: note.usage?.cachedPromptTokens || undefined,
		tokens_out: note.usage?.completionTokens,
		tokens_estimated: note.usage?.estimated ? true : undefined,
		cost_usd: note.usage?.cost == null ? undefined : Number(note.usage.cost.toFixed(6)),
		tags: [SUMMARY_TAG],
	});

	const blocks = [`# ${inertInline(note.title) || "Untitled summary"}`];
	if (video) {
		const pointed = video.startAt ? ` · the link pointed to ${clock(video.startAt, video.id)}` : "";
		blocks.push(`[Watch on YouTube](${videoUrl(video.id)})${pointed}`);
	}
	const warnings = [...(note.incomplete ? [INCOMPLETE] : []), ...(note.warnings ?? [])];
	for (const warning of warnings) {
		const text = inertInline(warning);
		if (text !== "") blocks.push(`> [!warning] ${text}`);
	}
	if (note.raw) {
		blocks.push(`> [!warning] ${inertInline(`Unparsed: ${note.raw.reason} The model's answer is kept below as it came.`)}`);
		const raw = inertLines(note.raw.text);
		if (raw !== "") blocks.push(raw);
	}
	const asides = (aside: CheckedSection["aside"]) => note.sections.filter((s) => s.aside === aside).map((s) => renderAside(s, note.timed, video?.id));
	blocks.push(...asides("overview"));
	note.sections.filter((s) => s.aside === undefined).forEach((section, i) => blocks.push(renderSection(section, i, note.timed, video?.id)));
	blocks.push(...asides("closing"));
	if (note.transcript) blocks.push(transcriptCallout(note.transcript, video?.id));
	return `${frontmatter}${blocks.join("\n\n")}\n`;
}
