import { isSummaryError, userMessage } from "../errors";

/** What became of one video of a batch. Each is a value: a video that fails is an outcome, not an exception. */
export type BatchOutcome =
	/** Its note was written at `path`. */
	| { status: "written"; path: string }
	/** It could not be summarized (no captions, members only, a model error…); `message` says why and what to do. */
	| { status: "failed"; message: string }
	/** The host did not run it, e.g. because it was summarized before; `path` is that note, when there is one. */
	| { status: "skipped"; reason: string; path?: string }
	/** The batch was cancelled before the video was summarized; no note was written. */
	| { status: "cancelled" };

/**
 * What an error thrown by one video's job means for the batch, decided in one place. Once the batch is
 * cancelled every failure is that cancel surfacing (an AbortError from the SDK, a YouTube request cut short),
 * so it is reported as such, not as a failure to look into. A video the user declined on its own (a
 * SummaryError of kind "cancelled" while the batch goes on) is cancelled too; anything else fails that video
 * alone, with the message the user is shown.
 */
export function outcomeOfError(error: unknown, batchCancelled: boolean): Extract<BatchOutcome, { status: "failed" | "cancelled" }> {
	if (batchCancelled || (isSummaryError(error) && error.kind === "cancelled")) return { status: "cancelled" };
	return { status: "failed", message: userMessage(error) };
}

/** The note a video has after the batch, if any. */
export function notePathOf(outcome: BatchOutcome): string | undefined {
	return outcome.status === "written" || outcome.status === "skipped" ? outcome.path : undefined;
}
