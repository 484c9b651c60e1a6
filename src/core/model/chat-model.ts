/** What the pipeline needs from a chat model, independent of the SDK and transport behind it. */

export interface ChatMessage {
	role: "system" | "user" | "assistant";
	content: string;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
}

export interface Completion {
	/** Only the answer's `content`; reasoning fields some servers add are dropped, `<think>` tags in it are kept. */
	text: string;
	/** "stop", "length" (cut at max tokens), …; null when the server never said why the answer ended. */
	finishReason: string | null;
	/** Absent when the server sent none (older local servers). */
	usage?: Usage;
}

export interface CompletionRequest {
	messages: ChatMessage[];
	signal?: AbortSignal;
	/** Called with the whole answer so far each time a streamed piece arrives; never called when not streaming. */
	onText?: (textSoFar: string) => void;
}

export interface ChatModel {
	readonly model: string;
	/** Rejects only with a SummaryError (see endpoint-errors.ts). */
	complete(request: CompletionRequest): Promise<Completion>;
}

export interface EndpointOptions {
	/** An OpenAI-compatible root, usually ending in /v1. */
	baseURL: string;
	/** May be empty for local servers. */
	apiKey: string;
	model: string;
	temperature?: number;
	maxTokens?: number;
	stream: boolean;
	/** Swapped in where the platform's fetch cannot be used (e.g. a requestUrl adapter); defaults to globalThis.fetch. */
	fetch?: typeof fetch;
	/** Told when the endpoint answered with a retryable error (429, 5xx…) that will be retried after `waitMs`. */
	onRetry?: (retry: { status: number; waitMs: number | null }) => void;
	/**
	 * Per attempt until the response headers arrive (the SDK retries up to twice); while streaming, the longest
	 * silence allowed between two pieces of the answer. Defaults to the SDK's 10 minutes.
	 */
	timeoutMs?: number;
}
