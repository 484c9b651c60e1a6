import type { App } from "obsidian";
import type { ChatModel } from "../core/model/chat-model";
import { createChatModel } from "../core/model/openai-chat";
import type { Settings } from "../core/settings";
import { requestUrlFetch } from "./request-url-http";

/** The key is read from SecretStorage at the moment of use and never kept on the plugin. */
export function apiKeyOf(app: App, settings: Settings): string {
	return settings.apiKeySecret ? (app.secretStorage.getSecret(settings.apiKeySecret) ?? "") : "";
}

export function chatModelFromSettings(app: App, settings: Settings): ChatModel {
	const viaRequestUrl = settings.transport === "requestUrl";
	return createChatModel({
		baseURL: settings.baseURL,
		apiKey: apiKeyOf(app, settings),
		model: settings.model,
		temperature: settings.temperature,
		maxTokens: settings.maxTokens,
		// requestUrl buffers the whole answer, so asking for a stream there would only add parsing.
		stream: !viaRequestUrl,
		...(viaRequestUrl ? { fetch: requestUrlFetch } : {}),
	});
}
