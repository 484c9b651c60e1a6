import { describe, expect, it } from "vitest";

import { captionLanguages, DEFAULT_SETTINGS, endpointProblem, modelParams, normalizeSettings } from "../../src/core/settings";

describe("normalizeSettings", () => {
	it("fills what is missing with defaults", () => {
		expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
		expect(normalizeSettings({ model: "llama3.1" })).toEqual({ ...DEFAULT_SETTINGS, model: "llama3.1" });
	});
	it("keeps hand-edited or tampered values in range and of the right type", () => {
		expect(
			normalizeSettings({
				temperature: 9,
				maxTokens: -5,
				concurrency: -2,
				partMinutes: 1e9,
				transport: "telnet",
				insertBelowSelection: "yes",
				baseURL: "  ",
				contextWindow: "big",
			}),
		).toEqual({ ...DEFAULT_SETTINGS, temperature: 2, maxTokens: 256, concurrency: 1, partMinutes: 120 });
	});
});

describe("temperature, output limit and reasoning effort", () => {
	it("can be left unset, and what is unset is not sent", () => {
		const unset = normalizeSettings({ temperature: null, maxTokens: null, reasoningEffort: "" });
		expect([unset.temperature, unset.maxTokens, unset.reasoningEffort]).toEqual([null, null, ""]);
		expect(modelParams(unset)).toEqual({});
		expect(modelParams(DEFAULT_SETTINGS)).toEqual({ temperature: 0.2, maxTokens: 8192, reasoningEffort: "low" });
		expect(normalizeSettings({ reasoningEffort: "max" }).reasoningEffort).toBe("low");
		expect(normalizeSettings({ reasoningEffort: "high" }).reasoningEffort).toBe("high");
	});
});

describe("endpointProblem", () => {
	it("accepts a usable endpoint and refuses what no call can work with", () => {
		expect(endpointProblem({ baseURL: "http://localhost:11434/v1", model: "llama3.1" })).toBeNull();
		expect(endpointProblem({ baseURL: "localhost:11434", model: "x" })).toMatch(/^The base URL "localhost:11434" is not a web address/);
		expect(endpointProblem({ baseURL: "https://api.openai.com/v1", model: " " })).toBe(
			"No model is set. Enter a model name in settings (Test connection lists the endpoint's models).",
		);
	});
});

describe("captionLanguages", () => {
	it("takes the user's list, else the app's language then English", () => {
		expect(captionLanguages("de, en-GB fr", "ja")).toEqual(["de", "en-GB", "fr"]);
		expect(captionLanguages("", "de")).toEqual(["de", "en"]);
		expect(captionLanguages("", "en")).toEqual(["en"]);
		expect(captionLanguages("!!, 12", "pt-BR")).toEqual(["pt-BR", "en"]);
	});
});
