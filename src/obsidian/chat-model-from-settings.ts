import type { App } from "obsidian";

import { partialTextOf, SummaryError } from "../core/errors";
import type { ChatModel } from "../core/model/chat-model";
import { chatModelFor } from "../core/model/endpoint-model";
import type { OllamaModelInfo } from "../core/model/ollama-chat";
import { modelParams, type Settings } from "../core/settings";
import { requestUrlFetch } from "./request-url-http";

/** The key is read from SecretStorage at the moment of use and never kept on the plugin. */
export function apiKeyOf(app: App, settings: Settings): string {
	return settings.apiKeySecret ? (app.secretStorage.getSecret(settings.apiKeySecret) ?? "") : "";
}

/** What a run hears from its model connection, to show the user. */
export interface ConnectionEvents {
	/** A retryable error (429, 5xx…) will be retried. */
	retrying(message: string): void;
	/** The run switched to requestUrl after the streaming connection was refused. */
	switched(message: string): void;
	/** Ollama's context was set for a request (each time it grows). */
	context(message: string): void;
}

export const SWITCHED_TO_REQUEST_URL =
	'The endpoint refused Obsidian\'s streaming connection (CORS), so this run went through requestUrl, without streaming. To skip the first try, choose "Bypass CORS, no streaming" under Connection in settings.';

/**
 * The model as configured. With the streaming transport, a failure to connect is tried once more through
 * requestUrl, which no CORS policy blocks: inside Obsidian a CORS refusal looks exactly like a server that
 * is down, and only this second try tells them apart. If requestUrl fails too, its error is the real one.
 */
export function chatModelFromSettings(app: App, settings: Settings, events?: ConnectionEvents, ollama?: OllamaModelInfo): ChatModel {
	const endpoint = (viaRequestUrl: boolean) =>
		chatModelFor(
			{
				baseURL: settings.baseURL,
				apiKey: apiKeyOf(app, settings),
				model: settings.model,
				...modelParams(settings),
				timeoutMs: settings.timeoutSeconds * 1000,
				// requestUrl buffers the whole answer, so asking for a stream there would only add parsing.
				stream: !viaRequestUrl,
				...(viaRequestUrl ? { fetch: requestUrlFetch } : {}),
				onRetry: ({ status, waitMs }) =>
					events?.retrying(`The endpoint answered ${status}; trying again${waitMs === null ? "" : ` in ${Math.max(1, Math.round(waitMs / 1000))} s`}…`),
			},
			ollama,
			(line) => events?.context(line),
		);
	if (settings.transport === "requestUrl") return endpoint(true);
	const direct = endpoint(false);
	let fallback: ChatModel | null = null;
	return {
		model: direct.model,
		async complete(request) {
			if (fallback) return fallback.complete(request);
			try {
				return await direct.complete(request);
			} catch (e) {
				const unreachable = e instanceof SummaryError && e.kind === "network" && partialTextOf(e) === "";
				if (!unreachable || request.signal?.aborted) throw e;
				fallback = endpoint(true);
				const answer = await fallback.complete(request);
				events?.switched(SWITCHED_TO_REQUEST_URL);
				return answer;
			}
		},
	};
}
