import { Modal, Setting, type App } from "obsidian";

/** Asks for a link or a pasted transcript when the active note holds neither. */
export class SourceModal extends Modal {
	private text = "";

	constructor(
		app: App,
		private readonly onSubmit: (text: string) => void,
	) {
		super(app);
	}

	override onOpen(): void {
		this.setTitle("Summarize video into note");
		this.contentEl.createEl("p", {
			text: "Paste a transcript (YouTube's \"Show transcript\", SRT, WebVTT or timestamped lines). Add the video's link to get time links.",
		});
		new Setting(this.contentEl).setName("Link or transcript").addTextArea((area) => {
			area.setPlaceholder("https://www.youtube.com/watch?v=…\n0:00 First words of the transcript…");
			area.inputEl.rows = 10;
			area.onChange((value) => (this.text = value));
		});
		new Setting(this.contentEl).addButton((button) =>
			button
				.setButtonText("Summarize")
				.setCta()
				.onClick(() => {
					this.close();
					this.onSubmit(this.text);
				}),
		);
	}

	override onClose(): void {
		this.contentEl.empty();
	}
}
