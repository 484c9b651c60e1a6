/** Endpoints most users have, so that settings can be filled in with one choice. */
export interface ProviderPreset {
	id: "openai" | "ollama" | "lm-studio" | "openrouter";
	name: string;
	baseURL: string;
	needsKey: boolean;
	/** "" when the model must be picked from the endpoint's own list. */
	defaultModel: string;
	/** Whether streaming with fetch works from Obsidian out of the box, i.e. the server answers CORS requests. */
	streams: boolean;
	/** One line for the settings tab about reaching this provider from Obsidian. */
	note: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
	{
		id: "openai",
		name: "OpenAI",
		baseURL: "https://api.openai.com/v1",
		needsKey: true,
		// Not a reasoning model: accepts max_tokens and temperature, spends no hidden tokens, and its 1M-token
		// context holds a three-hour transcript in one call.
		defaultModel: "gpt-4.1-mini",
		streams: true,
		note: "Needs an API key from platform.openai.com. Answers requests from Obsidian directly.",
	},
	{
		id: "ollama",
		name: "Ollama",
		baseURL: "http://localhost:11434/v1",
		needsKey: false,
		defaultModel: "llama3.1",
		streams: true,
		note: "Allows Obsidian since version 0.1.42; older versions need OLLAMA_ORIGINS=app://obsidian.md*. Raise the context size (num_ctx) for long videos: Ollama silently drops the start of a prompt that does not fit.",
	},
	{
		id: "lm-studio",
		name: "LM Studio",
		baseURL: "http://localhost:1234/v1",
		needsKey: false,
		defaultModel: "",
		streams: false,
		note: 'Turn on "Enable CORS" in the Developer tab\'s server settings (or run `lms server start --cors`), otherwise Obsidian cannot reach it.',
	},
	{
		id: "openrouter",
		name: "OpenRouter",
		baseURL: "https://openrouter.ai/api/v1",
		needsKey: true,
		defaultModel: "openai/gpt-4.1-mini",
		streams: true,
		note: "Needs an API key from openrouter.ai. Answers requests from Obsidian directly.",
	},
];

export function findPreset(id: string): ProviderPreset | undefined {
	return PROVIDER_PRESETS.find((preset) => preset.id === id);
}
