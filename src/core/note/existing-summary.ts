import { INDEX_TAG } from "./render-index";
import { SUMMARY_TAG } from "./render-note";

/**
 * A vault that remembers: before a video is fetched and paid for again, the summary it already has is found by
 * its notes' properties. The properties are untrusted (any note, any YAML the user or another plugin wrote), so
 * each value is checked for its type and nothing in them is more than compared.
 */

/** A note and its parsed frontmatter, as Obsidian's metadata cache or the CLI's reader gives them. */
export interface NoteProperties {
	path: string;
	frontmatter: unknown;
	/** When the file last changed (ms since 1970): decides between summaries with the same `created`. */
	modified?: number;
}

// A note without SUMMARY_TAG is someone else's, whatever its `video_id`; a batch's index note (INDEX_TAG) lists
// summaries and may carry a video's id, but is not one of them.

function property(frontmatter: unknown, key: string): unknown {
	if (typeof frontmatter !== "object" || frontmatter === null || Array.isArray(frontmatter)) return undefined;
	// Own properties only: a key such as `constructor` or `__proto__` is not read from the prototype.
	return Object.prototype.hasOwnProperty.call(frontmatter, key) ? (frontmatter as Record<string, unknown>)[key] : undefined;
}

/**
 * The note's tags as Obsidian reads them: a list, or one string of tags separated by commas or spaces; a
 * leading `#` and the case do not matter.
 */
function tagsOf(frontmatter: unknown): string[] {
	const value = property(frontmatter, "tags");
	const items = Array.isArray(value) ? value : [value];
	return items
		.filter((item): item is string => typeof item === "string")
		.flatMap((item) => item.split(/[\s,]+/))
		.map((tag) => tag.replace(/^#/, "").toLowerCase())
		.filter((tag) => tag !== "");
}

/**
 * A YouTube id is a string of letters, digits, `-` and `_`; a value someone wrote without quotes may have been
 * read as a number, which matches when it reads back as the same id. Surrounding spaces are forgiven; the
 * case is not, since ids differ by case alone.
 */
function idOf(frontmatter: unknown): string | null {
	const value = property(frontmatter, "video_id");
	if (typeof value === "string") return value.trim();
	if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
	return null;
}

/** Milliseconds of the `created` date, or -Infinity when there is none to read (such a note counts as oldest). */
function createdOf(frontmatter: unknown): number {
	const value = property(frontmatter, "created");
	const time = typeof value === "string" ? Date.parse(value.trim()) : value instanceof Date ? value.getTime() : NaN;
	return Number.isFinite(time) ? time : -Infinity;
}

/** Whether the note is a summary of this plugin's: tagged as one, no batch index, not a model answer kept unread. */
function isSummary(frontmatter: unknown): boolean {
	const tags = tagsOf(frontmatter);
	// An unparsed note holds the model's answer as it came, not a summary: summarizing again is what it asks for.
	return tags.includes(SUMMARY_TAG) && !tags.includes(INDEX_TAG) && property(frontmatter, "status") !== "unparsed";
}

/**
 * The path of the newest summary of the video among the notes, or null. Newest by `created`, then by the
 * file's change time, then by path, so the answer is the same whatever order the notes come in.
 */
export function findExistingSummary(videoId: string, notes: Iterable<NoteProperties>): string | null {
	const id = videoId.trim();
	if (id === "") return null;
	let best: { path: string; created: number; modified: number } | null = null;
	for (const note of notes) {
		if (typeof note.path !== "string" || idOf(note.frontmatter) !== id || !isSummary(note.frontmatter)) continue;
		const candidate = {
			path: note.path,
			created: createdOf(note.frontmatter),
			modified: Number.isFinite(note.modified) ? (note.modified as number) : -Infinity,
		};
		if (
			best === null ||
			candidate.created > best.created ||
			(candidate.created === best.created && (candidate.modified > best.modified || (candidate.modified === best.modified && candidate.path > best.path)))
		) {
			best = candidate;
		}
	}
	return best?.path ?? null;
}
