import type { ReasoningEffort } from "./request-params";

/** What the pipeline needs from a chat model, independent of the SDK and transport behind it. */

export interface ChatMessage {
	role: "system" | "user" | "assistant";
	content: string;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	/** Of the prompt tokens, those the provider served from its prompt cache (billed at a lower rate); absent when it says nothing. */
	cachedPromptTokens?: number;
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
	/**
	 * Called each time a streamed piece arrives, with the whole answer so far and the characters of reasoning
	 * the server sent beside it (DeepSeek's `reasoning_content`, Ollama's and OpenRouter's `reasoning`); never
	 * called when not streaming.
	 */
	onText?: (textSoFar: string, reasoningChars: number) => void;
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
	/** Left out of the request when absent, and always for models that take only the default. */
	temperature?: number;
	/** The answer's length limit; models that think aloud get room for their thinking on top. Absent: the server's default. */
	maxTokens?: number;
	/** Sent to models that take it (OpenAI's reasoning families, gpt-oss). */
	reasoningEffort?: ReasoningEffort;
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
