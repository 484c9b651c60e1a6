import { type App, type DropdownComponent, PluginSettingTab, SecretComponent, Setting, type SliderComponent } from "obsidian";

import { SummaryError, userMessage } from "../core/errors";
import { listModels } from "../core/model/list-models";
import { PROVIDER_PRESETS, type ProviderPreset } from "../core/model/presets";
import { safeFolder } from "../core/note/file-name";
import { PLACEHOLDERS } from "../core/prompt/conversation";
import { SEED_TEMPLATE } from "../core/prompt/seed-template";
import { DEFAULT_SETTINGS, type Settings } from "../core/settings";
import { trimEndChar } from "../core/trim";
import { DEFAULT_PRICES, formatPriceTable, parsePriceTable } from "../core/usage/prices";
import type VideoSummaryPlugin from "../main";
import { apiKeyOf } from "./chat-model-from-settings";
import { requestUrlFetch } from "./request-url-http";

const ANY_ENDPOINT = "Fills in the base URL and a model for a known provider. Any OpenAI-compatible endpoint works.";
const FOLDER_DESC = "Where new summary notes go, relative to the vault. Created if missing; empty means the vault root.";
const PRICES_DESC =
	"Dollars per million tokens, one model a line: model = input / output, optionally / cached input. Lines here override the built-in prices; local servers cost nothing.";

/** The preset whose base URL this is (a trailing slash aside); undefined for any other endpoint, shown as "Custom". */
function presetFor(baseURL: string): ProviderPreset | undefined {
	const bare = (url: string) => trimEndChar(url.trim(), "/");
	return PROVIDER_PRESETS.find((p) => bare(p.baseURL) === bare(baseURL));
}

/** "1 model", "2 models". */
function count(n: number, noun: string): string {
	return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/** "3", "3 and 5", "3, 5 and 8". */
function listAnd(items: readonly (string | number)[]): string {
	const all = items.map(String);
	return all.length <= 1 ? all.join("") : `${all.slice(0, -1).join(", ")} and ${all[all.length - 1] ?? ""}`;
}

/**
 * Shows a problem with what was typed in place of the setting's description, in Obsidian's warning colour,
 * or puts the description back. (Setting.setErrorMessage would do this, but only from Obsidian 1.13.)
 */
function showProblem(setting: Setting, desc: string, problem: string | null): void {
	setting.setDesc(problem ?? desc);
	setting.descEl.toggleClass("mod-warning", problem !== null);
}

/**
 * Why an output folder cannot be used (`typed`: just typed, so not saved; else the saved one, which runs
 * refuse), or, when characters will be left out of it, where notes go instead.
 */
function folderProblem(folder: string, typed: boolean): { problem: string | null; desc: string } {
	let cleaned: string;
	try {
		cleaned = safeFolder(folder);
	} catch {
		const outside = typed ? `Not saved: "${folder.trim()}" is outside the vault.` : `"${folder.trim()}" is outside the vault, so no summary can be written.`;
		return { problem: `${outside} Enter a folder inside it, such as "${DEFAULT_SETTINGS.outputFolder}".`, desc: FOLDER_DESC };
	}
	const asTyped = folder
		.replace(/\\/g, "/")
		.split("/")
		.map((part) => part.trim())
		.filter((part) => part !== "" && part !== ".")
		.join("/");
	return {
		problem: null,
		desc: cleaned === asTyped ? FOLDER_DESC : `${FOLDER_DESC} Some characters cannot be used in folder names: notes go to "${cleaned || "/"}".`,
	};
}

/** A whole number as typed, thousands separators allowed ("128,000"); null when it is not one. */
function wholeNumber(typed: string): number | null {
	const digits = typed.replace(/[\s,_']/g, "");
	return /^\d+$/.test(digits) ? Number(digits) : null;
}

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

	/**
	 * A whole-number setting; a value below `min` or not a whole number is not saved, so the last good one
	 * stays, and the description says what to enter instead. Only `maxTokens` may be left empty: not sent.
	 */
	private sliderSetting(name: string, desc: string, key: "partMinutes" | "concurrency" | "videosAtOnce", [min, max, step]: [number, number, number]): void {
		new Setting(this.containerEl)
			.setName(name)
			.setDesc(desc)
			.addSlider((slider) =>
				slider
					.setLimits(min, max, step)
					.setValue(this.plugin.settings[key])
					.setDynamicTooltip()
					.onChange((v) => this.change({ [key]: v })),
			);
	}

	private numberSetting(name: string, desc: string, key: "maxTokens" | "timeoutSeconds" | "contextWindow" | "confirmAboveTokens", min: number): void {
		const setting = new Setting(this.containerEl).setName(name).setDesc(desc);
		const optional = key === "maxTokens";
		setting.addText((text) =>
			text.setValue(String(this.plugin.settings[key] ?? "")).onChange((v) => {
				if (optional && v.trim() === "") {
					showProblem(setting, desc, null);
					return this.change({ [key]: null });
				}
				const n = wholeNumber(v);
				const ok = n !== null && n >= min;
				showProblem(
					setting,
					desc,
					ok ? null : `Not saved: enter a whole number of at least ${min.toLocaleString("en-US")}${optional ? ", or leave it empty" : ""}.`,
				);
				if (ok) return this.change({ [key]: n });
			}),
		);
	}

	override display(): void {
		const { containerEl } = this;
		const s = this.plugin.settings;
		containerEl.empty();

		new Setting(containerEl).setName("Model and endpoint").setHeading();
		// The preset shown follows the base URL as it is typed: a URL no preset has is "Custom".
		let presets: DropdownComponent | null = null;
		const presetSetting = new Setting(containerEl).setName("Provider preset").addDropdown((dropdown) => {
			presets = dropdown.addOption("", "Custom");
			for (const p of PROVIDER_PRESETS) dropdown.addOption(p.id, p.name);
			dropdown.onChange(async (id) => {
				const preset = PROVIDER_PRESETS.find((p) => p.id === id);
				if (preset)
					await this.change({ baseURL: preset.baseURL, model: preset.defaultModel || s.model, transport: preset.streams ? "fetch" : "requestUrl" }, true);
				else presetSetting.setDesc(ANY_ENDPOINT);
			});
		});
		const showPreset = (baseURL: string) => {
			const preset = presetFor(baseURL);
			presets?.setValue(preset?.id ?? "");
			presetSetting.setDesc(preset?.note ?? ANY_ENDPOINT);
		};
		showPreset(s.baseURL);
		new Setting(containerEl)
			.setName("Base URL")
			.setDesc("The endpoint's OpenAI-compatible root, usually ending in /v1.")
			.addText((text) =>
				text
					.setPlaceholder(DEFAULT_SETTINGS.baseURL)
					.setValue(s.baseURL)
					.onChange((v) => {
						showPreset(v);
						return this.change({ baseURL: v.trim() });
					}),
			);
		new Setting(containerEl)
			.setName("API key")
			.setDesc("Kept in Obsidian's secret storage on this device, never in the plugin's settings file. Local servers need none.")
			.addComponent((el) => new SecretComponent(this.app, el).setValue(s.apiKeySecret).onChange((name) => this.change({ apiKeySecret: name })));
		new Setting(containerEl)
			.setName("Model")
			.setDesc("The model's name as the endpoint knows it. Test connection lists them.")
			.addText((text) =>
				text
					.setPlaceholder(DEFAULT_SETTINGS.model)
					.setValue(s.model)
					.onChange((v) => this.change({ model: v.trim() })),
			);
		const test = new Setting(containerEl).setName("Test connection").setDesc("Lists the models the endpoint offers.");
		test.addButton((button) =>
			button.setButtonText("Test connection").onClick(async () => {
				button.setDisabled(true);
				test.setDesc("Connecting…");
				const endpoint = { baseURL: s.baseURL, apiKey: apiKeyOf(this.app, s) };
				const listed = (models: string[]) => {
					if (models.length === 0) return "The endpoint lists no models.";
					const names = models.slice(0, 30).join(", ") + (models.length > 30 ? ", …" : "");
					const missing = s.model && !models.includes(s.model) ? ` The model "${s.model}" is not among them: enter one of these under Model.` : "";
					return `${count(models.length, "model")}: ${names}.${missing}`;
				};
				try {
					const models = await listModels({ ...endpoint, ...(s.transport === "requestUrl" ? { fetch: requestUrlFetch } : {}) });
					test.setDesc(`Connected. ${listed(models)}`);
				} catch (e) {
					// A CORS refusal looks like a server that is down; requestUrl, which CORS cannot block, tells them apart.
					const refused = s.transport === "fetch" && e instanceof SummaryError && e.kind === "network";
					const models = refused ? await listModels({ ...endpoint, fetch: requestUrlFetch }).catch(() => null) : null;
					test.setDesc(
						models
							? `Connected only without streaming: the endpoint refuses Obsidian's streaming connection (CORS). Choose "Bypass CORS, no streaming" under Connection, or allow Obsidian in the server's CORS settings. ${listed(models)}`
							: `Failed: ${userMessage(e)}`,
					);
				} finally {
					button.setDisabled(false);
				}
			}),
		);
		new Setting(containerEl)
			.setName("Connection")
			.setDesc(
				"Streaming shows the summary's progress as it is written. Endpoints that block Obsidian's requests (CORS), such as LM Studio with CORS off, work only with \"Bypass CORS, no streaming\", which shows no progress and cannot be cancelled.",
			)
			.addDropdown((dropdown) =>
				dropdown
					.addOption("fetch", "Streaming")
					.addOption("requestUrl", "Bypass CORS, no streaming")
					.setValue(s.transport)
					.onChange((v) => this.change({ transport: v === "requestUrl" ? "requestUrl" : "fetch" })),
			);
		// Off sends no temperature at all: the model's own default, the only one reasoning models take.
		let temperature = s.temperature ?? DEFAULT_SETTINGS.temperature;
		let slider: SliderComponent | undefined;
		new Setting(containerEl)
			.setName("Temperature")
			.setDesc("Lower keeps the summary closer to the transcript. Turn it off to leave it to the model, as reasoning models require.")
			.addToggle((toggle) =>
				toggle.setValue(s.temperature !== null).onChange((on) => {
					slider?.setDisabled(!on);
					return this.change({ temperature: on ? temperature : null });
				}),
			)
			.addSlider((component) => {
				slider = component
					.setLimits(0, 1.5, 0.1)
					.setValue(temperature)
					.setDisabled(s.temperature === null)
					.setDynamicTooltip()
					.onChange((v) => {
						temperature = v;
						return this.change({ temperature: v });
					});
			});
		this.numberSetting(
			"Maximum output tokens",
			"The longest answer the model may write. A cut-off answer is continued once, then marked incomplete. Leave empty to use the server's own limit.",
			"maxTokens",
			256,
		);
		new Setting(containerEl)
			.setName("Reasoning effort")
			.setDesc(
				"How long reasoning models (OpenAI's o-series and GPT-5, gpt-oss) think before they answer. Lower is faster and cheaper; other models ignore it.",
			)
			.addDropdown((dropdown) =>
				dropdown
					.addOption("", "Not sent")
					.addOption("minimal", "Minimal")
					.addOption("low", "Low")
					.addOption("medium", "Medium")
					.addOption("high", "High")
					.setValue(s.reasoningEffort)
					.onChange((v) => this.change({ reasoningEffort: v === "minimal" || v === "low" || v === "medium" || v === "high" ? v : "" })),
			);

		this.numberSetting(
			"Request timeout",
			"Seconds a request may wait for the model's first words, or a streamed answer may stay silent, before it fails.",
			"timeoutSeconds",
			10,
		);
		this.numberSetting("Context window", "The model's context size in tokens. Long transcripts are cut into parts that fit it.", "contextWindow", 4000);

		new Setting(containerEl).setName("Long videos").setHeading();
		this.sliderSetting(
			"Part length",
			"Videos longer than this many minutes are summarized in parts, in parallel, then merged: faster, and every part gets covered.",
			"partMinutes",
			[5, 60, 5],
		);
		this.sliderSetting(
			"Parts at once",
			'How many parts are sent to the model at the same time. Lower it if the endpoint answers "too many requests".',
			"concurrency",
			[1, 8, 1],
		);
		this.sliderSetting(
			"Videos at once",
			"In a playlist or a note of links, how many videos are summarized at the same time. Each sends its own parts at once, so keep the product of the two within what the endpoint allows.",
			"videosAtOnce",
			[1, 8, 1],
		);

		new Setting(containerEl).setName("Cost").setHeading();
		this.numberSetting(
			"Ask before large runs",
			"Runs estimated above this many tokens show their estimate and cost and ask before starting. Enter 0 to never ask.",
			"confirmAboveTokens",
			0,
		);
		// Saved as typed, so nothing is lost while a line is half written; lines that cannot be read are named.
		const prices = new Setting(containerEl).setName("Prices");
		const showBadLines = (table: string) => {
			const bad = parsePriceTable(table).badLines;
			const which = bad.length === 1 ? `Line ${listAnd(bad)} is` : `Lines ${listAnd(bad)} are`;
			showProblem(
				prices,
				PRICES_DESC,
				bad.length === 0 ? null : `${which} ignored: write each line as model = input / output, e.g. gpt-4.1-mini = 0.40 / 1.60.`,
			);
		};
		showBadLines(s.prices);
		prices.addTextArea((area) => {
			area.inputEl.rows = 4;
			area
				.setPlaceholder(formatPriceTable(DEFAULT_PRICES))
				.setValue(s.prices)
				.onChange((v) => {
					showBadLines(v);
					return this.change({ prices: v });
				});
		});

		new Setting(containerEl).setName("YouTube").setHeading();
		new Setting(containerEl)
			.setName("Caption languages")
			.setDesc(
				'Language codes to prefer, best first, e.g. "de, en". Manual captions come before auto-generated ones. Empty: Obsidian\'s language, then English.',
			)
			.addText((text) =>
				text
					.setPlaceholder("en")
					.setValue(s.captionLanguages)
					.onChange((v) => this.change({ captionLanguages: v.trim() })),
			);
		new Setting(containerEl)
			.setName("Append the transcript")
			.setDesc("Add the transcript under the summary, folded away, with a link at every half minute.")
			.addToggle((toggle) => toggle.setValue(s.appendTranscript).onChange((v) => this.change({ appendTranscript: v })));

		new Setting(containerEl).setName("Notes").setHeading();
		// A folder outside the vault is refused here, as it is typed; the run checks again (data.json can be edited).
		const folder = new Setting(containerEl).setName("Output folder");
		const checkFolder = (value: string, typed = true): boolean => {
			const { problem, desc } = folderProblem(value, typed);
			showProblem(folder, desc, problem);
			return problem === null;
		};
		checkFolder(s.outputFolder, false);
		folder.addText((text) =>
			text
				.setPlaceholder(DEFAULT_SETTINGS.outputFolder)
				.setValue(s.outputFolder)
				.onChange((v) => (checkFolder(v) ? this.change({ outputFolder: v }) : undefined)),
		);
		new Setting(containerEl)
			.setName("Output language")
			.setDesc("Leave empty to write each summary in its transcript's language. Quotes always stay verbatim.")
			.addText((text) =>
				text
					.setPlaceholder("e.g. English")
					.setValue(s.outputLanguage)
					.onChange((v) => this.change({ outputLanguage: v.trim() })),
			);
		new Setting(containerEl)
			.setName("Link from the source note")
			.setDesc(
				"After a summary is written, add a video_summary property linking to it in the note the transcript came from. Off: the source note is never changed.",
			)
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
