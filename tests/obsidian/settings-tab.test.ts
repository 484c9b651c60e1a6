import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import VideoSummaryPlugin from "../../src/main";
import { SEED_TEMPLATE } from "../../src/core/prompt/seed-template";
import { startFakeOpenAI, type FakeServer } from "../support/fake-openai-server";
import {
	ButtonComponent,
	DropdownComponent,
	SecretComponent,
	TextAreaComponent,
	TextComponent,
	buttonByText,
	componentOf,
	createFakeApp,
	displaySettingTab,
	fakeManifest,
	loadPlugin,
	pluginDataJson,
	resetFake,
	settingByName,
	settingNames,
	userClicks,
	userCreatesSecret,
	userSelects,
	userTypes,
	setRequestUrlHandler,
} from "../support/obsidian-fake";

const KEY = "sk-settings-key-789";
let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI({ apiKey: KEY, models: ["fake-model", "fake-large"] });
});
afterAll(() => server.close());
beforeEach(() => resetFake());

async function setUp(secrets: Record<string, string> = { "video-summary-notes-api-key": KEY }) {
	const app = createFakeApp({ secrets, pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model" } } });
	const plugin = new VideoSummaryPlugin(app, fakeManifest());
	await loadPlugin(plugin);
	return { app, plugin, tab: displaySettingTab(app) };
}

describe("the settings tab", () => {
	it("shows every setting in sentence case under its heading", async () => {
		const { tab } = await setUp();
		expect(settingNames(tab)).toEqual([
			"Model",
			"Provider preset",
			"Base URL",
			"API key",
			"Model",
			"Test connection",
			"Connection",
			"Temperature",
			"Maximum output tokens",
			"Request timeout",
			"Context window",
			"Long videos",
			"Part length",
			"Parts at once",
			"Ask before large runs",
			"Prices",
			"YouTube",
			"Caption languages",
			"Append the transcript",
			"Notes",
			"Output folder",
			"Output language",
			"Link from the source note",
			"Insert re-summarized selection below it",
			"Prompt",
			"Prompt template",
			"Reset prompt template",
		]);
	});

	it("lists the endpoint's models on Test connection", async () => {
		const { tab } = await setUp();
		const setting = settingByName(tab, "Test connection");
		await userClicks(componentOf(setting, ButtonComponent));
		expect(setting.descEl.getText()).toBe("Connected. 2 models: fake-large, fake-model.");
	});

	it("says what failed on Test connection, without the key", async () => {
		const { tab } = await setUp({ "video-summary-notes-api-key": "sk-bad-key-000" });
		const setting = settingByName(tab, "Test connection");
		await userClicks(componentOf(setting, ButtonComponent));
		expect(setting.descEl.getText()).toMatch(/^Failed: The endpoint http:\/\/127\.0\.0\.1:\d+\/v1 refused the API key/);
		expect(setting.descEl.getText()).not.toContain("sk-bad-key-000");
	});

	it("fills base URL, model and connection from a preset", async () => {
		const { app, plugin, tab } = await setUp();
		await userSelects(componentOf(settingByName(tab, "Provider preset"), DropdownComponent), "lm-studio");
		expect(plugin.settings).toMatchObject({ baseURL: "http://localhost:1234/v1", model: "fake-model", transport: "requestUrl" });
		await userSelects(componentOf(settingByName(displaySettingTab(app), "Provider preset"), DropdownComponent), "ollama");
		expect(plugin.settings).toMatchObject({ baseURL: "http://localhost:11434/v1", model: "llama3.1", transport: "fetch" });
	});

	it("keeps the API key in secret storage and only its name in data.json", async () => {
		const { app, plugin, tab } = await setUp({});
		await userCreatesSecret(componentOf(settingByName(tab, "API key"), SecretComponent), "my-openai-key", "sk-typed-secret-321");
		await userTypes(componentOf(settingByName(tab, "Model"), TextComponent), "fake-large");
		expect(plugin.settings.apiKeySecret).toBe("my-openai-key");
		expect(app.secretStorage.getSecret("my-openai-key")).toBe("sk-typed-secret-321");
		const json = pluginDataJson(app) ?? "";
		expect(JSON.parse(json)).toMatchObject({ apiKeySecret: "my-openai-key", model: "fake-large" });
		expect(json).not.toContain("sk-typed-secret-321");
	});

	it("shows the default template, stores only an edited one, and resets it", async () => {
		const { plugin, tab } = await setUp();
		const area = componentOf(settingByName(tab, "Prompt template"), TextAreaComponent);
		expect(area.getValue()).toBe(SEED_TEMPLATE);
		expect(plugin.settings.template).toBe("");
		await userTypes(area, "Summarize {{title}}: {{transcript}}");
		expect(plugin.settings.template).toBe("Summarize {{title}}: {{transcript}}");
		await userClicks(buttonByText(tab, "Reset to default"));
		expect(plugin.settings.template).toBe("");
	});

	it("saves a number typed into a number setting, and keeps the last good one when it is not a number or too small", async () => {
		const { plugin, tab } = await setUp();
		const tokens = componentOf(settingByName(tab, "Maximum output tokens"), TextComponent);
		await userTypes(tokens, "2048");
		expect(plugin.settings.maxTokens).toBe(2048);
		await userTypes(tokens, "lots");
		await userTypes(tokens, "12");
		expect(plugin.settings.maxTokens).toBe(2048);
		await userTypes(componentOf(settingByName(tab, "Ask before large runs"), TextComponent), "0");
		expect(plugin.settings.confirmAboveTokens).toBe(0);
	});

	it("tells a CORS refusal from a server that is down on Test connection", async () => {
		const realFetch = globalThis.fetch;
		vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
		try {
			setRequestUrlHandler(async (req) => {
				const response = await realFetch(req.url, { method: req.method, headers: req.headers });
				const headers: Record<string, string> = {};
				response.headers.forEach((value, name) => (headers[name] = value));
				return { status: response.status, headers, text: await response.text() };
			});
			const { tab } = await setUp();
			const setting = settingByName(tab, "Test connection");
			await userClicks(componentOf(setting, ButtonComponent));
			expect(setting.descEl.getText()).toBe(
				'Connected only without streaming: the endpoint refuses Obsidian\'s streaming connection (CORS). Choose "Bypass CORS, no streaming" under Connection, or allow Obsidian in the server\'s CORS settings. 2 models: fake-large, fake-model.',
			);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
