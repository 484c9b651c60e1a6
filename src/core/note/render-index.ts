/**
 * A batch's index note: one line per video, linking to its note, or saying why it has none. Titles, paths
 * and messages are untrusted and pass through the inert-text functions; the links are built here.
 */

import { type IndexEntry, noteRecords, NOTES_KEY } from "../batch/index-entries";
import { toYaml } from "./frontmatter";
import { inertFragment, inertInline } from "./inert-text";
import { playlistUrl, videoUrl } from "./links";

export interface IndexInput {
	/** Untrusted: the playlist's title, or the name of the note the links came from. */
	title: string;
	/** Where the videos came from: a YouTube playlist, or a note listing their links (its vault path). */
	source: { playlistId: string } | { note: string } | { commandLine: true };
	/** In the playlist's order; on a re-run, what mergeIndex made of the earlier index and this run. */
	entries: readonly IndexEntry[];
	/** ISO date-time, given by the caller so that output is reproducible. */
	created: string;
}

export const INDEX_TAG = "video-summary-index";

const N = new Intl.NumberFormat("en-US");

function oneLine(text: string): string | undefined {
	const flat = text.replace(/\s+/g, " ").trim();
	return flat === "" ? undefined : flat;
}

// Inside `[[target|text]]` a `]` or `|` would end or split the link and a backslash could escape its end;
// the same entities keep `[text](target)` whole.
const LINK_TEXT_ENTITIES: Record<string, string> = { "[": "&#91;", "]": "&#93;", "|": "&#124;", "\\": "&#92;" };

function linkText(text: string): string {
	return inertFragment(text).replace(/[[\\\]|]/g, (c) => LINK_TEXT_ENTITIES[c] ?? c);
}

// What may not stand in a wikilink's target: what ends or splits one (`] | # ^`), opens one (`[`), starts a
// comment (`%`), escapes (`\`), or could pair with something else on the line into code, math, HTML, a
// template command, an inline field or an entity (`` ` $ < > { } : & ; ``); line breaks and control characters.
// Note paths from safeFileName hold none but `` ` $ { } & ; ``.
const UNSAFE_TARGET = /[[\]|#^%\\`$<>{}:&;\p{Cc}\u2028\u2029]/u;

// Everything but letters, digits and `- _ .` percent-encoded: nothing is left that any parser reads.
function encodePath(path: string): string {
	return path
		.split("/")
		.map((part) => encodeURIComponent(part).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
		.join("/");
}

function baseName(path: string): string {
	return (path.split("/").pop() ?? path).replace(/\.md$/i, "");
}

/**
 * A link to a note in the vault: a wikilink by its full path, which Obsidian keeps up to date when the note
 * is renamed or moved. A path that could break a wikilink gets a Markdown link with its path percent-encoded,
 * which Obsidian resolves and updates the same way.
 */
function noteLink(path: string, text: string): string {
	const shown = linkText(text) || linkText(baseName(path)) || "note";
	const target = path.replace(/\.md$/i, "");
	return UNSAFE_TARGET.test(target) || target.trim() === "" ? `[${shown}](${encodePath(path)})` : `[[${target}|${shown}]]`;
}

function entryLine(entry: IndexEntry, position: number): string {
	const { outcome, videoId } = entry;
	const title = entry.title !== undefined && oneLine(entry.title) !== undefined ? entry.title : undefined;
	const watch = `([YouTube](${videoUrl(videoId)}))`;
	const name = title ?? `Video ${videoId}`;
	let line: string;
	switch (outcome.status) {
		case "written":
			line = noteLink(outcome.path, title ?? "");
			break;
		case "skipped":
			line = outcome.path === undefined ? inertInline(`${name}: ${outcome.reason}`) : noteLink(outcome.path, title ?? "");
			break;
		case "failed":
			line = `${inertInline(`${name}: not summarized. ${outcome.message}`)} ${watch}`;
			break;
		case "cancelled":
			line = `${inertInline(`${name}: not summarized yet, as the batch was cancelled.`)} ${watch}`;
			break;
	}
	return `${position}. ${line}`;
}

function count(n: number, noun: string): string {
	return `${N.format(n)} ${noun}${n === 1 ? "" : "s"}`;
}

export function renderIndex(index: IndexInput): string {
	const { entries, source } = index;
	const summarized = entries.filter((e) => e.outcome.status === "written" || e.outcome.status === "skipped").length;
	const failed = entries.filter((e) => e.outcome.status === "failed").length;
	const missing = entries.length - summarized - failed;
	const frontmatter = toYaml({
		title: oneLine(index.title) ?? "Untitled playlist",
		playlist_id: "playlistId" in source ? source.playlistId : undefined,
		playlist_url: "playlistId" in source ? playlistUrl(source.playlistId) : undefined,
		source_note: "note" in source ? oneLine(source.note) : undefined,
		videos: entries.length,
		summarized,
		failed,
		created: index.created,
		[NOTES_KEY]: noteRecords(entries),
		tags: [INDEX_TAG],
	});

	const blocks = [`# ${inertInline(index.title) || "Untitled playlist"}`];
	blocks.push(
		"playlistId" in source
			? `[Playlist on YouTube](${playlistUrl(source.playlistId)})`
			: "note" in source
				? `Videos linked in ${noteLink(source.note, baseName(source.note))}.`
				: "Videos given on the command line.",
	);
	const counts = [
		`${N.format(summarized)} summarized`,
		...(failed > 0 ? [`${N.format(failed)} failed`] : []),
		...(missing > 0 ? [`${N.format(missing)} not summarized yet`] : []),
	];
	blocks.push(`${count(entries.length, "video")}: ${counts.join(", ")}.`);
	if (entries.length > 0) blocks.push(entries.map((entry, i) => entryLine(entry, i + 1)).join("\n"));
	if (failed + missing > 0)
		blocks.push("Run the batch again to summarize the videos still missing: the ones summarized are skipped, and this note is updated.");
	return `${frontmatter}${blocks.join("\n\n")}\n`;
}
