import { type App, Modal, Setting } from "obsidian";

/** What the user chose for a video summarized before; null when the dialog was closed (Escape, ×). */
export type EarlierChoice = "open" | "again" | null;

/** Asks what to do with a video the vault already holds a summary of, at `path`. */
export function askAboutEarlierSummary(app: App, path: string): Promise<EarlierChoice> {
	return new Promise((resolve) => {
		let choice: EarlierChoice = null;
		const modal = new (class extends Modal {
			override onOpen(): void {
				this.setTitle("Already summarized");
				this.contentEl.createEl("p", { text: `This video has a summary in ${path}. Open it, or summarize the video again into a new note?` });
				const choose = (chosen: EarlierChoice) => () => {
					choice = chosen;
					this.close();
				};
				new Setting(this.contentEl)
					.addButton((b) => b.setButtonText("Summarize again").onClick(choose("again")))
					.addButton((b) => b.setButtonText("Open").setCta().onClick(choose("open")));
			}
			override onClose(): void {
				this.contentEl.empty();
				resolve(choice);
			}
		})(app);
		modal.open();
	});
}
