/**
 * The one error type of the core. `kind` lets a host decide how to show it; `message` is written for the
 * user and always says what to do next; `detail` carries extra text worth showing (the model's own words).
 */
export type ErrorKind =
	| "input" // the user's link, text or selection cannot be used
	| "config" // a setting is missing or wrong
	| "network" // an endpoint could not be reached
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
