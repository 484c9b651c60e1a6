import type { PlanOptions } from "../core/plan/plan-chunks";
import type { Source } from "../core/source/source";
import type { Price } from "../core/usage/prices";
import type { Progress, SummarizeJob, SummaryNote } from "../summarize";

/** A note written to the output folder: where (an absolute path), and what it holds. */
export interface WrittenNote {
	path: string;
	note: SummaryNote;
}

/** How one source is summarized: what the run is told of, and may ask. */
export interface SummarizeHow {
	signal: AbortSignal;
	onProgress: (progress: Progress) => void;
	/** Asked before a large run; absent in a batch, which asked once for all its videos. */
	confirm?: SummarizeJob["confirm"];
}

/** What every summary of one command shares, set up once: the endpoint found, its model, its price. */
export interface Summarizer {
	/** The model's price, for estimates; null when unknown. */
	price: Price | null;
	/** How a video is cut into parts for this model, as each run is given it. */
	plan: PlanOptions;
	/** Summarizes one source and writes its note: the whole of a single run, and each video of a batch. */
	summarize(source: Source, how: SummarizeHow): Promise<WrittenNote>;
}

/** What is said of a note beside its path: what the run warned of, and whether it is less than a summary. */
export function noteWarnings(note: SummaryNote): string[] {
	const warnings = [...note.warnings];
	if (note.unparsed) warnings.push("the model's answer could not be read as a summary; it was saved as it came, marked unparsed.");
	else if (note.incomplete) warnings.push("the answer was cut off at the output limit; the note is marked incomplete.");
	return warnings;
}
