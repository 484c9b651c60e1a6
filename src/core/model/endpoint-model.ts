import type { ChatModel, EndpointOptions } from "./chat-model";
import { createOllamaChatModel, describeOllamaContext, type OllamaModelInfo } from "./ollama-chat";
import { createChatModel } from "./openai-chat";

/**
 * The chat model for a checked endpoint: Ollama through its own API, which sizes the context to each request
 * (the host hears which, each time it grows), any other server through its OpenAI-compatible one.
 */
export function chatModelFor(options: EndpointOptions, ollama: OllamaModelInfo | undefined, onContext?: (line: string) => void): ChatModel {
	if (!ollama) return createChatModel(options);
	let told = 0;
	return createOllamaChatModel({
		...options,
		contextLimit: ollama.contextLength,
		onContext: (context) => {
			if (context.numCtx <= told) return;
			told = context.numCtx;
			onContext?.(describeOllamaContext(context, options.model));
		},
	});
}

/** The context window long videos are planned for: the setting, or less when the model was trained for less. */
export function plannedContext(setting: number, ollama: OllamaModelInfo | undefined): number {
	return Math.min(setting, ollama?.contextLength ?? setting);
}
