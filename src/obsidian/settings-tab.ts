import { PluginSettingTab, SecretComponent, Setting, type App } from "obsidian";
import { SummaryError, userMessage } from "../core/errors";
import { listModels } from "../core/model/list-models";
import { PROVIDER_PRESETS } from "../core/model/presets";
import { PLACEHOLDERS } from "../core/prompt/conversation";
import { SEED_TEMPLATE } from "../core/prompt/seed-template";
import { DEFAULT_SETTINGS, type Settings } from "../core/settings";
import { DEFAULT_PRICES, formatPriceTable } from "../core/usage/prices";
import type VideoSummaryPlugin from "../main";
import { apiKeyOf } from "./chat-model-from-settings";
import { requestUrlFetch } from "./request-url-http";

export class VideoSummarySettingTab extends PluginSettingTab {
	constructor(
		app: App,
		private readonly plugin: VideoSummaryPlugin,
	) {
		super(app, plugin);
	}

	private async change(patch: Partial<Settings>, redraw = false): Promise<void> {
		Object.assign(this.plugin.settings, patch);
		await this.plugin.saveSettings();
		if (redraw) this.display();
	}

	/** A whole-number setting; a value below `min` or not a number is not saved, so the last good one stays. */
	private numberSetting(name: string, desc: string, key: "maxTokens" | "timeoutSeconds" | "contextWindow" | "confirmAboveTokens", min: number): void {
		new Setting(this.containerEl)
			.setName(name)
			.setDesc(desc)
			.addText((text) =>
				text.setValue(String(this.plugin.settings[key])).onChange((v) => {
					const n = Number.parseInt(v, 10);
					if (Number.isFinite(n) && n >= min) void this.change({ [key]: n });
				}),
			);
	}

	override display(): void {
		const { containerEl } = this;
		const s = this.plugin.settings;
		containerEl.empty();

		new Setting(containerEl).setName("Model").setHeading();
		new Setting(containerEl)
			.setName("Provider preset")
			.setDesc(PROVIDER_PRESETS.find((p) => p.baseURL === s.baseURL)?.note ?? "Fills in the base URL and a model for a known provider. Any OpenAI-compatible endpoint works.")
			.addDropdown((dropdown) => {
				dropdown.addOption("", "Custom");
				for (const p of PROVIDER_PRESETS) dropdown.addOption(p.id, p.name);
				dropdown.setValue(PROVIDER_PRESETS.find((p) => p.baseURL === s.baseURL)?.id ?? "");
				dropdown.onChange(async (id) => {
					const preset = PROVIDER_PRESETS.find((p) => p.id === id);
					if (preset) await this.change({ baseURL: preset.baseURL, model: preset.defaultModel || s.model, transport: preset.streams ? "fetch" : "requestUrl" }, true);
				});
			});
		new Setting(containerEl)
			.setName("Base URL")
			.setDesc("The endpoint's OpenAI-compatible root, usually ending in /v1.")
			.addText((text) => text.setPlaceholder(DEFAULT_SETTINGS.baseURL).setValue(s.baseURL).onChange((v) => this.change({ baseURL: v.trim() })));
		new Setting(containerEl)
			.setName("API key")
			.setDesc("Kept in Obsidian's secret storage on this device, never in the plugin's settings file. Local servers need none.")
			.addComponent((el) => new SecretComponent(this.app, el).setValue(s.apiKeySecret).onChange((name) => this.change({ apiKeySecret: name })));
		new Setting(containerEl)
			.setName("Model")
			.setDesc("The model name as the endpoint knows it.")
			.addText((text) => text.setPlaceholder(DEFAULT_SETTINGS.model).setValue(s.model).onChange((v) => this.change({ model: v.trim() })));
		const test = new Setting(containerEl).setName("Test connection").setDesc("Lists the models the endpoint offers.");
		test.addButton((button) =>
			button.setButtonText("Test connection").onClick(async () => {
				button.setDisabled(true);
				test.setDesc("Connecting…");
				const endpoint = { baseURL: s.baseURL, apiKey: apiKeyOf(this.app, s) };
				const listed = (models: string[], how: string) =>
					`${how} ${models.length} models: ${models.slice(0, 30).join(", ") + (models.length > 30 ? ", …" : "") || "none listed"}.`;
				try {
					const models = await listModels({ ...endpoint, ...(s.transport === "requestUrl" ? { fetch: requestUrlFetch } : {}) });
					test.setDesc(listed(models, "Connected."));
				} catch (e) {
					// A CORS refusal looks like a server that is down; requestUrl, which CORS cannot block, tells them apart.
					const refused = s.transport === "fetch" && e instanceof SummaryError && e.kind === "network";
					const models = refused ? await listModels({ ...endpoint, fetch: requestUrlFetch }).catch(() => null) : null;
					test.setDesc(
						models
							? listed(models, "Connected only without streaming: the endpoint refuses Obsidian's streaming connection (CORS). Choose \"Bypass CORS, no streaming\" under Connection, or allow Obsidian in the server's CORS settings.")
							: `Failed: ${userMessage(e)}`,
					);
				} finally {
					button.setDisabled(false);
				}
			}),
		);
		new Setting(containerEl)
			.setName("Connection")
			.setDesc("Streaming shows progress as the summary is written. Endpoints that block Obsidian's requests (CORS), such as LM Studio with CORS off, work only with requestUrl, which cannot stream or be cancelled.")
			.addDropdown((dropdown) =>
				dropdown
					.addOption("fetch", "Streaming")
					.addOption("requestUrl", "Bypass CORS, no streaming")
					.setValue(s.transport)
					.onChange((v) => this.change({ transport: v === "requestUrl" ? "requestUrl" : "fetch" })),
			);
		new Setting(containerEl)
			.setName("Temperature")
			.setDesc("Lower keeps the summary closer to the transcript.")
			.addSlider((slider) => slider.setLimits(0, 1.5, 0.1).setValue(s.temperature).setDynamicTooltip().onChange((v) => this.change({ temperature: v })));
		this.numberSetting("Maximum output tokens", "The longest answer the model may write. A cut-off answer is continued once, then marked incomplete.", "maxTokens", 256);

		this.numberSetting("Request timeout", "Seconds a request may wait for the model's first words, or a streamed answer may stay silent, before it fails.", "timeoutSeconds", 10);
		this.numberSetting("Context window", "The model's context size in tokens. Long transcripts are cut into parts that fit it.", "contextWindow", 4000);

		new Setting(containerEl).setName("Long videos").setHeading();
		new Setting(containerEl)
			.setName("Part length")
			.setDesc("Videos longer than this many minutes are summarized in parts, in parallel, then merged: faster, and every part gets covered.")
			.addSlider((slider) => slider.setLimits(5, 60, 5).setValue(s.partMinutes).setDynamicTooltip().onChange((v) => this.change({ partMinutes: v })));
		new Setting(containerEl)
			.setName("Parts at once")
			.setDesc("How many parts are sent to the model at the same time. Lower it if the endpoint answers 'too many requests'.")
			.addSlider((slider) => slider.setLimits(1, 8, 1).setValue(s.concurrency).setDynamicTooltip().onChange((v) => this.change({ concurrency: v })));

		this.numberSetting("Ask before large runs", "Runs estimated above this many tokens show their estimate and cost and ask before starting. 0 never asks.", "confirmAboveTokens", 0);
		new Setting(containerEl)
			.setName("Prices")
			.setDesc("Dollars per million tokens, one model a line: model = input / output. Lines here override the built-in prices; local servers cost nothing.")
			.addTextArea((area) => {
				area.inputEl.rows = 4;
				area.setPlaceholder(formatPriceTable(DEFAULT_PRICES)).setValue(s.prices).onChange((v) => this.change({ prices: v }));
			});

		new Setting(containerEl).setName("YouTube").setHeading();
		new Setting(containerEl)
			.setName("Caption languages")
			.setDesc("Language codes to prefer, best first, e.g. \"de, en\". Manual captions come before auto-generated ones. Empty: Obsidian's language, then English.")
			.addText((text) => text.setPlaceholder("en").setValue(s.captionLanguages).onChange((v) => this.change({ captionLanguages: v.trim() })));
		new Setting(containerEl)
			.setName("Append the transcript")
			.setDesc("Add the transcript under the summary, folded away, with a link at every half minute.")
			.addToggle((toggle) => toggle.setValue(s.appendTranscript).onChange((v) => this.change({ appendTranscript: v })));

		new Setting(containerEl).setName("Notes").setHeading();
		new Setting(containerEl)
			.setName("Output folder")
			.setDesc("Where new summary notes go, relative to the vault. Created if missing.")
			.addText((text) => text.setPlaceholder(DEFAULT_SETTINGS.outputFolder).setValue(s.outputFolder).onChange((v) => this.change({ outputFolder: v })));
		new Setting(containerEl)
			.setName("Output language")
			.setDesc("Leave empty to write each summary in its transcript's language. Quotes always stay verbatim.")
			.addText((text) => text.setPlaceholder("e.g. English").setValue(s.outputLanguage).onChange((v) => this.change({ outputLanguage: v.trim() })));
		new Setting(containerEl)
			.setName("Link from the source note")
			.setDesc("After a summary is written, add a video_summary property linking to it in the note the transcript came from. Off: the source note is never changed.")
			.addToggle((toggle) => toggle.setValue(s.linkFromSource).onChange((v) => this.change({ linkFromSource: v })));
		new Setting(containerEl)
			.setName("Insert re-summarized selection below it")
			.setDesc("Re-summarize selection puts the summary under the selected text instead of into a new note.")
			.addToggle((toggle) => toggle.setValue(s.insertBelowSelection).onChange((v) => this.change({ insertBelowSelection: v })));

		new Setting(containerEl).setName("Prompt").setHeading();
		const placeholders = Object.entries(PLACEHOLDERS)
			.map(([name, meaning]) => `${name}: ${meaning}`)
			.join("; ");
		new Setting(containerEl)
			.setName("Prompt template")
			.setDesc(`The example-guided prompt sent to the model. Placeholders: ${placeholders}.`)
			.addTextArea((area) => {
				area.inputEl.rows = 12;
				area.setValue(s.template || SEED_TEMPLATE).onChange((v) => this.change({ template: v === SEED_TEMPLATE ? "" : v }));
			});
		new Setting(containerEl)
			.setName("Reset prompt template")
			.setDesc("Go back to the default template.")
			.addButton((button) => button.setButtonText("Reset to default").onClick(() => this.change({ template: "" }, true)));
	}
}
