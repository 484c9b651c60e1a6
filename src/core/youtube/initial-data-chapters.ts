import { parseClock } from "../time";
import type { Chapter } from "../types";
import { asArray, asNumber, asString, field, readText } from "./json-fields";

/**
 * Chapters as the watch page's `ytInitialData` holds them, in the order yt-dlp's `_extract_chapters_from_json`
 * and `_extract_chapters_from_engagement_panel` look: the player bar's markers, then the chapter panels.
 * The creator's chapters come before YouTube's automatic "Key moments"; empty when there are none.
 */
export function initialDataChapters(initialData: unknown): Chapter[] {
	const fromBar = playerBarChapters(initialData);
	if (fromBar.length > 0) return fromBar;
	const panels = asArray(field(initialData, "engagementPanels")).map((p) => field(p, "engagementPanelSectionListRenderer"));
	for (const id of [DESCRIPTION_PANEL, AUTO_PANEL]) {
		const panel = panels.find((p) => asString(field(p, "panelIdentifier")) === id || asString(field(p, "targetId")) === id);
		const chapters = tidy(asArray(field(panel, "content", "macroMarkersListRenderer", "contents")).map(panelChapter));
		if (chapters.length > 0) return chapters;
	}
	return [];
}

const DESCRIPTION_PANEL = "engagement-panel-macro-markers-description-chapters";
const AUTO_PANEL = "engagement-panel-macro-markers-auto-chapters";

function playerBarChapters(initialData: unknown): Chapter[] {
	const bar = field(initialData, "playerOverlays", "playerOverlayRenderer", "decoratedPlayerBarRenderer", "decoratedPlayerBarRenderer", "playerBar");
	const entries = asArray(field(bar, "multiMarkersPlayerBarRenderer", "markersMap"));
	// DESCRIPTION_CHAPTERS is the creator's list; any other key with chapters (AUTO_CHAPTERS) only when it is missing.
	const ordered = [...entries.filter((e) => asString(field(e, "key")) === "DESCRIPTION_CHAPTERS"), ...entries];
	for (const entry of ordered) {
		const chapters = tidy(asArray(field(entry, "value", "chapters")).map(barChapter));
		if (chapters.length > 0) return chapters;
	}
	return [];
}

function barChapter(value: unknown): Chapter | undefined {
	const renderer = field(value, "chapterRenderer");
	const title = readText(field(renderer, "title"))?.trim();
	const ms = asNumber(field(renderer, "timeRangeStartMillis"));
	return title && ms !== undefined && ms >= 0 ? { start: roundMs(ms / 1000), title } : undefined;
}

function panelChapter(value: unknown): Chapter | undefined {
	const item = field(value, "macroMarkersListItemRenderer");
	const title = readText(field(item, "title"))?.trim();
	if (!title) return undefined;
	// The tap target's time is exact ("39.16"); the label is rounded down to the second ("0:39").
	const seconds = asNumber(field(item, "onTap", "watchEndpoint", "startTimeSeconds"));
	const label = readText(field(item, "timeDescription"));
	const start = seconds ?? (label === undefined ? null : parseClock(label));
	return start !== null && start !== undefined && start >= 0 ? { start: roundMs(start), title } : undefined;
}

function roundMs(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}

/** In time order, one chapter per start (the first title kept). */
function tidy(chapters: (Chapter | undefined)[]): Chapter[] {
	const sorted = chapters.filter((c): c is Chapter => c !== undefined).sort((a, b) => a.start - b.start);
	return sorted.filter((c, i) => i === 0 || c.start !== sorted[i - 1]?.start);
}
