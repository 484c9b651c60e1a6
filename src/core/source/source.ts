import type { VideoRef } from "../types";

/** Where the text came from, for the note's frontmatter and for messages. */
export type SourceOrigin = "note" | "selection" | "pasted" | "file" | "stdin" | "link";

/** What the user gave us, before any parsing: a transcript (maybe of a known video), or a video alone. */
export interface Source {
	/** The transcript text; empty for a video alone. */
	text: string;
	video?: VideoRef;
	origin: SourceOrigin;
	/** Used for the note's title and file name when no video title is known. */
	title: string;
	/** Vault path (or file path in the CLI) the text came from. */
	sourcePath?: string;
}
