import { type App, Modal, Setting } from "obsidian";

import type { LocalServer } from "../core/model/local-servers";

/** What the user chose in the setup dialog: a local server and one of its models, or to open the settings. */
export type SetupChoice = { baseURL: string; model: string } | "settings" | null;

/**
 * The first-run dialog, shown when no API key is set and the base URL is still the default: it offers the
 * model servers found on this device, or says how to add an API key or start Ollama.
 */
export function chooseSetup(app: App, servers: LocalServer[]): Promise<SetupChoice> {
	return new Promise((resolve) => {
		let choice: SetupChoice = null;
		const options = servers.flatMap((server) =>
			server.models.map((model) => ({ key: `${server.baseURL} ${model}`, label: `${server.name}: ${model}`, baseURL: server.baseURL, model })),
		);
		let picked = options[0];
		const modal = new (class extends Modal {
			override onOpen(): void {
				const el = this.contentEl;
				this.setTitle("Choose a model to summarize with");
				if (picked) {
					el.createEl("p", {
						text: "No API key is set, but a model server is running on this device. Summaries made with it stay on this device and cost nothing.",
					});
					new Setting(el).setName("Model").addDropdown((d) => {
						for (const o of options) d.addOption(o.key, o.label);
						d.setValue(picked?.key ?? "").onChange((key) => {
							picked = options.find((o) => o.key === key) ?? picked;
						});
					});
				} else {
					el.createEl("p", { text: "No API key is set, and no model server (Ollama or LM Studio) is running on this device." });
					el.createEl("p", { text: "To use OpenAI, OpenRouter or another provider, enter its API key under Model and endpoint in settings." });
					const local = el.createEl("p", { text: "To summarize on this device instead, install Ollama from ollama.com, run " });
					local.createEl("code", { text: "ollama pull llama3.1" });
					local.appendText(", then run this command again.");
				}
				const buttons = new Setting(el).addButton((b) =>
					b.setButtonText("Open settings").onClick(() => {
						choice = "settings";
						this.close();
					}),
				);
				if (picked) {
					buttons.addButton((b) =>
						b
							.setButtonText("Use this model")
							.setCta()
							.onClick(() => {
								choice = picked ? { baseURL: picked.baseURL, model: picked.model } : null;
								this.close();
							}),
					);
				}
			}
			override onClose(): void {
				this.contentEl.empty();
				resolve(choice);
			}
		})(app);
		modal.open();
	});
}
