/**
 * The one error type of the core. `kind` lets a host decide how to show it; `message` is written for the
 * user and always says what to do next; `detail` carries extra text worth showing (the model's own words).
 */
export type ErrorKind =
	| "input" // the user's link, text or selection cannot be used
	| "config" // a setting is missing or wrong
	| "network" // an endpoint could not be reached
	| "youtube" // YouTube answered, but would not give the captions (blocked, private, no captions…)
	| "model" // the model endpoint answered with an error
	| "answer" // the model answered, but not with a summary
	| "write" // the note could not be written
	| "cancelled";

export class SummaryError extends Error {
	constructor(
		readonly kind: ErrorKind,
		message: string,
		readonly detail?: string,
	) {
		super(message);
		this.name = "SummaryError";
	}
}

export function isSummaryError(e: unknown): e is SummaryError {
	return e instanceof SummaryError;
}

/** One line for the user, whatever was thrown: our own errors as written, anything else with a next step. */
export function userMessage(e: unknown): string {
	if (isSummaryError(e)) return e.message;
	const text = e instanceof Error ? e.message : String(e);
	return `Something unexpected went wrong (${text}). Try again; if it keeps happening, report it with the steps that lead to it.`;
}
