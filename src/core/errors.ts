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

/**
 * A failure after part of a streamed answer had arrived (cut connection, mid-stream error event, stall, cancel).
 * `partialText` keeps that part, so a host can still show or save it; `detail` stays the server's own words.
 */
export class InterruptedAnswerError extends SummaryError {
	constructor(
		kind: ErrorKind,
		message: string,
		readonly partialText: string,
		detail?: string,
	) {
		super(kind, message, detail);
	}
}

/** The text received before an error, or "" when the error carries none. */
export function partialTextOf(error: unknown): string {
	return error instanceof InterruptedAnswerError ? error.partialText : "";
}

export function isSummaryError(e: unknown): e is SummaryError {
	return e instanceof SummaryError;
}

/**
 * How a host names what the user can change. The core's messages end with what to do next, in these words:
 * the plugin's settings by default, the flags and environment variables in the CLI. A host with other words
 * sets them once, at startup (setHostWords), so that every message built after that speaks its language,
 * including messages that other code extends by copying their text.
 */
export interface HostWords {
	/** Where the base URL is changed: "Check the base URL {baseURL}". */
	baseURL: string;
	/** Where the model is changed: "Check the model name {model}". */
	model: string;
	/** Where the API key is changed: "Check the API key {apiKey}". */
	apiKey: string;
	/** Said after "Enter a model name {model}", e.g. where to find the names; "" for nothing. */
	modelNames: string;
	/** Advice after "not overloaded" when an endpoint goes silent; "" when the host has no timeout to raise. */
	raiseTimeout: string;
	/** Advice after "an OpenAI-compatible server" when a stream cannot be read; "" when streaming cannot be turned off. */
	turnOffStreaming: string;
	/** What to do when the model refuses a parameter the host sends. */
	otherModel: string;
	/** What to check when the endpoint rejects a request for a reason it does not name. */
	endpointSettings: string;
	/** How to ask for other caption languages, before ", or paste the transcript yourself". */
	captionLanguages: string;
	/** The way around YouTube, ending every message about captions that cannot be fetched. */
	pasteInstead: string;
	/** What the user updates when YouTube changed something: "Update {app}". */
	app: string;
	/** Said after "Check the base URL and that the server is running", by where the server is. */
	reach: { local: string; plainHttp: string; remote: string };
	/** How to use a model server on this device instead of a hosted one, after "or". */
	localServer: string;
}

/** The plugin's words: its settings tab, its commands. */
export const PLUGIN_WORDS: HostWords = {
	baseURL: "in settings",
	model: "in settings",
	apiKey: "in settings",
	modelNames: " (Test connection lists the endpoint's models)",
	raiseTimeout: ", or raise the timeout in settings",
	turnOffStreaming: ", or turn off streaming in settings",
	otherModel: "Clear that setting or choose another model.",
	endpointSettings: "Check the settings for this endpoint.",
	captionLanguages: "Add one of these languages to the caption languages in the settings",
	pasteInstead: 'Open "Show transcript" under the video on YouTube, copy it into a note, and run the command there.',
	app: "the plugin",
	reach: {
		local: ' on this device (LM Studio also needs "Enable CORS" turned on in its server settings)',
		plainHttp: ", reachable from this device and allows requests from Obsidian (CORS)",
		remote: ", and that this device is online",
	},
	localServer: "choose Ollama or LM Studio as the provider there",
};

let words: HostWords = PLUGIN_WORDS;

/** Words the messages built from now on use; a host other than the plugin calls it once, before any work. */
export function setHostWords(host: HostWords): void {
	words = host;
}

/** The host's words, read when a message is built. */
export function hostWords(): HostWords {
	return words;
}

/** One line for the user, whatever was thrown: our own errors as written, anything else with a next step. */
export function userMessage(e: unknown): string {
	if (isSummaryError(e)) return e.message;
	const text = e instanceof Error ? e.message : String(e);
	return `Something unexpected went wrong (${text}). Try again; if it keeps happening, report it with the steps that lead to it.`;
}
