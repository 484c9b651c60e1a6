/** The summary note as Markdown. Every piece of untrusted text passes through the inert-text functions. */

import { formatClock } from "../time";
import type { CheckedQuote, CheckedSection, Transcript } from "../types";
import { toYaml } from "./frontmatter";
import { inertBlock, inertInline } from "./inert-text";
import { timeUrl, videoUrl } from "./links";
import { transcriptCallout } from "./transcript-callout";

export interface NoteInput {
	/** Untrusted: the video title or the source note's name. */
	title: string;
	video?: { id: string; startAt?: number; channel?: string; published?: string; durationSeconds?: number };
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
	usage?: { promptTokens: number; completionTokens: number; estimated: boolean; cost: number | null };
}

const INCOMPLETE =
	"Incomplete: the model's answer was cut off at its output limit, so this summary ends early and later parts of the video may be missing. Raise the maximum output tokens in settings and run it again.";

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
	const label =
		section.end === null ? formatClock(section.start) : `${formatClock(section.start)}–${formatClock(section.end)}`;
	return videoId === undefined ? ` (${label})` : ` ([${label}](${timeUrl(videoId, section.start)}))`;
}

function quoteLine(quote: CheckedQuote, n: number, timed: boolean, videoId: string | undefined): string {
	const text = `${n}. "${inertInline(quote.text)}"`;
	if (!quote.verified) return `${text} (unverified)`;
	return timed && quote.start !== null ? `${text} (${clock(quote.start, videoId)})` : text;
}

function renderSection(section: CheckedSection, index: number, timed: boolean, videoId: string | undefined): string {
	const title = inertInline(section.title) || `Section ${index + 1}`;
	const blocks = [`## ${title}${timed ? timeRange(section, videoId) : ""}`];
	for (const item of section.summary) {
		const paragraph = inertBlock(item);
		if (paragraph !== "") blocks.push(paragraph);
	}
	const quotes = section.quotes.filter((q) => inertInline(q.text) !== "");
	if (quotes.length > 0) {
		blocks.push(["Quotes:", ...quotes.map((q, i) => quoteLine(q, i + 1, timed, videoId))].join("\n"));
	}
	return blocks.join("\n\n");
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
		captions: oneLine(note.captions),
		created: note.created,
		model: oneLine(note.model),
		source: oneLine(note.source),
		source_note: oneLine(note.sourceNote),
		language: oneLine(note.language),
		status: note.raw ? "unparsed" : note.incomplete ? "incomplete" : undefined,
		tokens_in: note.usage?.promptTokens,
		tokens_out: note.usage?.completionTokens,
		tokens_estimated: note.usage?.estimated ? true : undefined,
		cost_usd: note.usage?.cost == null ? undefined : Number(note.usage.cost.toFixed(6)),
		tags: ["video-summary"],
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
		const raw = inertBlock(note.raw.text);
		if (raw !== "") blocks.push(raw);
	}
	note.sections.forEach((section, i) => blocks.push(renderSection(section, i, note.timed, video?.id)));
	if (note.transcript) blocks.push(transcriptCallout(note.transcript, video?.id));
	return `${frontmatter}${blocks.join("\n\n")}\n`;
}
