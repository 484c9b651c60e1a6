import { type App, Modal, Setting } from "obsidian";

/** Asks before a large run (or a batch) starts; resolves true only when the user chooses to go on. */
export function confirmRun(app: App, question: string, title = "Summarize a long video?"): Promise<boolean> {
	return new Promise((resolve) => {
		let answered = false;
		const modal = new (class extends Modal {
			override onOpen(): void {
				this.setTitle(title);
				this.contentEl.createEl("p", { text: question });
				new Setting(this.contentEl)
					.addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()))
					.addButton((b) =>
						b
							.setButtonText("Summarize")
							.setCta()
							.onClick(() => {
								answered = true;
								this.close();
							}),
					);
			}
			override onClose(): void {
				this.contentEl.empty();
				resolve(answered);
			}
		})(app);
		modal.open();
	});
}
