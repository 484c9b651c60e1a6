import { describe, expect, it } from "vitest";

import { findPreset, PROVIDER_PRESETS } from "../../../src/core/model/presets";

describe("provider presets", () => {
	it("offers OpenAI, Ollama, LM Studio and OpenRouter with their usual roots", () => {
		expect(PROVIDER_PRESETS.map((p) => [p.id, p.baseURL, p.defaultModel])).toEqual([
			["openai", "https://api.openai.com/v1", "gpt-4.1-mini"],
			["ollama", "http://localhost:11434/v1", "llama3.1"],
			["lm-studio", "http://localhost:1234/v1", ""],
			["openrouter", "https://openrouter.ai/api/v1", "openai/gpt-4.1-mini"],
		]);
	});

	it("needs keys only for the hosted services, and says LM Studio needs CORS turned on", () => {
		expect(PROVIDER_PRESETS.filter((p) => p.needsKey).map((p) => p.id)).toEqual(["openai", "openrouter"]);
		expect(findPreset("lm-studio")).toMatchObject({ streams: false, note: expect.stringContaining("Enable CORS") });
		expect(findPreset("nope")).toBeUndefined();
	});
});
