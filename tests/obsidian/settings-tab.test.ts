import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { SEED_TEMPLATE } from "../../src/core/prompt/seed-template";
import VideoSummaryPlugin from "../../src/main";
import { type FakeServer, startFakeOpenAI } from "../support/fake-openai-server";
import {
	buttonByText,
	ButtonComponent,
	componentOf,
	createFakeApp,
	displaySettingTab,
	DropdownComponent,
	fakeManifest,
	loadPlugin,
	pluginDataJson,
	resetFake,
	SecretComponent,
	setRequestUrlHandler,
	settingByName,
	settingNames,
	settingsIn,
	SliderComponent,
	TextAreaComponent,
	TextComponent,
	ToggleComponent,
	userClicks,
	userCreatesSecret,
	userSelects,
	userSlides,
	userToggles,
	userTypes,
} from "../support/obsidian-fake";

const KEY = "sk-settings-key-789";
let server: FakeServer;
beforeAll(async () => {
	server = await startFakeOpenAI({ apiKey: KEY, models: ["fake-model", "fake-large"] });
});
afterAll(() => server.close());
beforeEach(() => resetFake());

async function setUp(secrets: Record<string, string> = { "video-summary-notes-api-key": KEY }, settings: Record<string, unknown> = {}) {
	const app = createFakeApp({ secrets, pluginData: { "video-summary-notes": { baseURL: server.url, model: "fake-model", ...settings } } });
	const plugin = new VideoSummaryPlugin(app, fakeManifest());
	await loadPlugin(plugin);
	return { app, plugin, tab: displaySettingTab(app) };
}

describe("the settings tab", () => {
	it("shows every setting in sentence case under its heading", async () => {
		const { tab } = await setUp();
		expect(settingNames(tab)).toEqual([
			"Model and endpoint",
			"Provider preset",
			"Base URL",
			"API key",
			"Model",
			"Test connection",
			"Connection",
			"Temperature",
			"Maximum output tokens",
			"Reasoning effort",
			"Request timeout",
			"Context window",
			"Long videos",
			"Part length",
			"Parts at once",
			"Videos at once",
			"Cost",
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

	it("names no heading like a setting", async () => {
		const { tab } = await setUp();
		const heading = (setting: ReturnType<typeof settingsIn>[number]) => setting.settingEl.hasClass("setting-item-heading");
		const headings = settingsIn(tab)
			.filter(heading)
			.map((h) => h.nameEl.getText());
		const names = settingsIn(tab)
			.filter((setting) => !heading(setting))
			.map((setting) => setting.nameEl.getText());
		expect(headings.length).toBeGreaterThan(3);
		expect(headings.filter((h) => names.some((name) => name.toLowerCase() === h.toLowerCase()))).toEqual([]);
	});

	it("lists the endpoint's models on Test connection, with the count's noun agreeing", async () => {
		const { tab } = await setUp();
		const setting = settingByName(tab, "Test connection");
		await userClicks(componentOf(setting, ButtonComponent));
		expect(setting.descEl.getText()).toBe("Connected. 2 models: fake-large, fake-model.");

		const single = await startFakeOpenAI({ apiKey: KEY, models: ["fake-model"] });
		try {
			resetFake();
			const one = await setUp(undefined, { baseURL: single.url });
			const test = settingByName(one.tab, "Test connection");
			await userClicks(componentOf(test, ButtonComponent));
			expect(test.descEl.getText()).toBe("Connected. 1 model: fake-model.");
		} finally {
			await single.close();
		}
	});

	it("says on Test connection when the model set is not among the endpoint's models", async () => {
		const { tab } = await setUp(undefined, { model: "fake-typo" });
		const setting = settingByName(tab, "Test connection");
		await userClicks(componentOf(setting, ButtonComponent));
		expect(setting.descEl.getText()).toBe(
			'Connected. 2 models: fake-large, fake-model. The model "fake-typo" is not among them: enter one of these under Model.',
		);
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

	it("shows the preset that matches the base URL as it is typed, and Custom for any other", async () => {
		const { plugin, tab } = await setUp();
		const preset = () => componentOf(settingByName(tab, "Provider preset"), DropdownComponent);
		const presetDesc = () => settingByName(tab, "Provider preset").descEl.getText();
		const generic = "Fills in the base URL and a model for a known provider. Any OpenAI-compatible endpoint works.";
		expect(preset().getValue()).toBe("");
		expect(presetDesc()).toBe(generic);

		// Picked from the list, then replaced by a custom URL: the dropdown follows at once, no reopening.
		await userSelects(preset(), "ollama");
		expect(preset().getValue()).toBe("ollama");
		expect(presetDesc()).toMatch(/^Allows Obsidian since version 0\.1\.42/);
		const baseURL = () => componentOf(settingByName(tab, "Base URL"), TextComponent);
		await userTypes(baseURL(), "http://my-server.lan:8080/v1");
		expect(plugin.settings.baseURL).toBe("http://my-server.lan:8080/v1");
		expect(preset().getValue()).toBe("");
		expect(presetDesc()).toBe(generic);

		// Typed (a trailing slash aside), a preset's URL shows that preset.
		await userTypes(baseURL(), "http://localhost:1234/v1/");
		expect(preset().getValue()).toBe("lm-studio");
		expect(presetDesc()).toMatch(/^Turn on "Enable CORS"/);
		await userTypes(baseURL(), "http://localhost:1234/v2");
		expect(preset().getValue()).toBe("");
	});

	it("refuses an output folder outside the vault where it is typed, says why, and keeps the last good one", async () => {
		const { app, plugin, tab } = await setUp();
		const setting = settingByName(tab, "Output folder");
		const folder = componentOf(setting, TextComponent);
		const normal = "Where new summary notes go, relative to the vault. Created if missing; empty means the vault root.";
		expect(setting.descEl.getText()).toBe(normal);

		await userTypes(folder, "Talks/Summaries");
		expect(plugin.settings.outputFolder).toBe("Talks/Summaries");
		for (const outside of ["../outside", "Notes/../../x", "C:\\Users\\me"]) {
			await userTypes(folder, outside);
			expect(plugin.settings.outputFolder).toBe("Talks/Summaries");
			expect(setting.descEl.getText()).toBe(`Not saved: "${outside}" is outside the vault. Enter a folder inside it, such as "Video summaries".`);
			expect(setting.descEl.hasClass("mod-warning")).toBe(true);
		}
		expect(JSON.parse(pluginDataJson(app) ?? "{}")).toMatchObject({ outputFolder: "Talks/Summaries" });

		await userTypes(folder, "Talks/Videos");
		expect(plugin.settings.outputFolder).toBe("Talks/Videos");
		expect(setting.descEl.getText()).toBe(normal);
		expect(setting.descEl.hasClass("mod-warning")).toBe(false);

		// Characters a folder name cannot hold are left out at run time: the field says where notes will go.
		await userTypes(folder, "Talks: 2024");
		expect(setting.descEl.getText()).toBe(`${normal} Some characters cannot be used in folder names: notes go to "Talks 2024".`);
	});

	it("shows at once that a saved output folder is outside the vault", async () => {
		const { tab } = await setUp(undefined, { outputFolder: "../outside" });
		const setting = settingByName(tab, "Output folder");
		expect(setting.descEl.getText()).toBe(
			'"../outside" is outside the vault, so no summary can be written. Enter a folder inside it, such as "Video summaries".',
		);
		expect(setting.descEl.hasClass("mod-warning")).toBe(true);
	});

	it("names the price lines it cannot read, and still saves the table", async () => {
		const { plugin, tab } = await setUp();
		const setting = settingByName(tab, "Prices");
		const area = componentOf(setting, TextAreaComponent);
		await userTypes(area, "my-model = 1 / 2\nmy-other = 1\n# note\nbad line");
		expect(plugin.settings.prices).toBe("my-model = 1 / 2\nmy-other = 1\n# note\nbad line");
		expect(setting.descEl.getText()).toBe("Lines 2 and 4 are ignored: write each line as model = input / output, e.g. gpt-4.1-mini = 0.40 / 1.60.");
		await userTypes(area, "my-model = 1 / 2\nmy-other = 1");
		expect(setting.descEl.getText()).toBe("Line 2 is ignored: write each line as model = input / output, e.g. gpt-4.1-mini = 0.40 / 1.60.");
		await userTypes(area, "my-model = 1 / 2");
		expect(setting.descEl.getText()).toMatch(/^Dollars per million tokens/);
		expect(setting.descEl.hasClass("mod-warning")).toBe(false);
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

	it("saves a number typed into a number setting, and keeps the last good one, saying what to enter, when it is not a whole number or too small", async () => {
		const { plugin, tab } = await setUp();
		const setting = settingByName(tab, "Maximum output tokens");
		const desc = setting.descEl.getText();
		const tokens = componentOf(setting, TextComponent);
		await userTypes(tokens, "2048");
		expect(plugin.settings.maxTokens).toBe(2048);
		for (const bad of ["lots", "12", "2048.5", "300abc"]) {
			await userTypes(tokens, bad);
			expect(plugin.settings.maxTokens).toBe(2048);
			expect(setting.descEl.hasClass("mod-warning")).toBe(true);
		}
		expect(setting.descEl.getText()).toBe("Not saved: enter a whole number of at least 256, or leave it empty.");
		// Empty: not sent, the server's own limit.
		await userTypes(tokens, "");
		expect(plugin.settings.maxTokens).toBeNull();
		expect(setting.descEl.getText()).toBe(desc);
		// Thousands separators are read as such, not as the end of the number.
		await userTypes(tokens, "16,384");
		expect(plugin.settings.maxTokens).toBe(16384);
		expect(setting.descEl.getText()).toBe(desc);
		expect(setting.descEl.hasClass("mod-warning")).toBe(false);
		const ask = settingByName(tab, "Ask before large runs");
		await userTypes(componentOf(ask, TextComponent), "0");
		expect(plugin.settings.confirmAboveTokens).toBe(0);
		await userTypes(componentOf(ask, TextComponent), "");
		expect(plugin.settings.confirmAboveTokens).toBe(0);
		expect(ask.descEl.getText()).toBe("Not saved: enter a whole number of at least 0.");
	});

	it("shows an unset output limit as an empty field and an unset temperature as off, and saves the reasoning effort picked", async () => {
		const { plugin, tab } = await setUp(undefined, { maxTokens: null, temperature: null });
		expect(componentOf(settingByName(tab, "Maximum output tokens"), TextComponent).getValue()).toBe("");
		expect(plugin.settings.reasoningEffort).toBe("low");
		const temperature = settingByName(tab, "Temperature");
		const send = componentOf(temperature, ToggleComponent);
		const slider = componentOf(temperature, SliderComponent);
		// Unset: the toggle off, the slider at the default and disabled; on again sends that value.
		expect([send.getValue(), slider.getValue(), slider.disabled]).toEqual([false, 0.2, true]);
		await userToggles(send, true);
		expect(plugin.settings.temperature).toBe(0.2);
		expect(slider.disabled).toBe(false);
		await userToggles(send, false);
		expect(plugin.settings.temperature).toBeNull();
		await userToggles(send, true);
		await userSlides(slider, 0.7);
		await userToggles(send, false);
		await userToggles(send, true);
		expect(plugin.settings.temperature).toBe(0.7);

		const effort = componentOf(settingByName(tab, "Reasoning effort"), DropdownComponent);
		expect(effort.getValue()).toBe("low");
		await userSelects(effort, "");
		expect(plugin.settings.reasoningEffort).toBe("");
		await userSelects(effort, "high");
		expect(plugin.settings.reasoningEffort).toBe("high");
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
				"Connected only without streaming: the endpoint refuses Obsidian's streaming connection (CORS). Choose \"Bypass CORS, no streaming\" under Connection, or allow Obsidian in the server's CORS settings. 2 models: fake-large, fake-model.",
			);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
