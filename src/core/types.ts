/** Plain data passed between the pipeline's stages. Times are seconds from the start of the video. */

export interface Segment {
	/** Start in whole or fractional seconds; 0 for every segment of an untimed transcript. */
	start: number;
	text: string;
	/** Who speaks, when the transcript labels speakers. */
	speaker?: string;
	/**
	 * False for text that gives context but was never said: an earlier summary's headings, prose and unverified
	 * quotes. The model reads it; no quote is ever verified against it.
	 */
	said?: false;
}

export type TranscriptFormat =
	| "youtube-inline" // YouTube's copied transcript, timestamps inline on one line
	| "youtube-lines" // YouTube's copied transcript, one timestamp per line followed by its text
	| "timestamped-lines" // `0:00 text`, `[00:01:02] text`, `(1:02) text`
	| "speaker" // `Name (00:12:34):` then the paragraph
	| "srt"
	| "vtt"
	| "youtube" // fetched captions
	| "plain"; // no timestamps at all

export interface Chapter {
	start: number;
	title: string;
}

export interface Transcript {
	/** In time order. */
	segments: Segment[];
	/** False when the text carried no timestamps: sections and quotes then get no time links. */
	timed: boolean;
	format: TranscriptFormat;
	/** Chapter titles found in the text (YouTube's copied transcript mixes them in). */
	chapters: Chapter[];
}

/**
 * An untimed block a model writes around its timed sections: an overview or TL;DR before them, takeaways or
 * a conclusion after them. It is shown as such, never linked, and never moves another section's times.
 */
export type Aside = "overview" | "closing";

/** A section as the model wrote it, before any checking. Times are null where the model gave none. */
export interface ParsedSection {
	title: string;
	start: number | null;
	end: number | null;
	/** The section's summary, one entry per paragraph or list item the model wrote. */
	summary: string[];
	/** The quotes as the model wrote them, without list numbers or surrounding quotation marks. */
	quotes: string[];
	aside?: Aside;
}

export interface CheckedQuote {
	/** The transcript's exact words where the quote was found (pieces joined by " … "), else the model's words. */
	text: string;
	/** Start of the segment where the quote starts; null when unverified or the transcript is untimed. */
	start: number | null;
	verified: boolean;
}

/** A paragraph of the model's own words, with every quotation it makes inside them checked like a quote. */
export type Prose = (string | CheckedQuote)[];

export interface CheckedSection {
	title: string;
	/** Snapped to a segment start; null when the transcript is untimed. */
	start: number | null;
	/** The next section's start, or the end of the transcript; null when untimed. */
	end: number | null;
	summary: Prose[];
	quotes: CheckedQuote[];
	aside?: Aside;
}

export interface VideoRef {
	/** The 11-character YouTube id. */
	id: string;
	/** Where the user's link pointed, in seconds, when it carried `t=` or `start=`. */
	startAt?: number;
}

export interface VideoDetails {
	title?: string;
	channel?: string;
}
