import { Notice } from "obsidian";

/**
 * One sticky Notice per run, updated in place, so progress never stacks up into a column of notices,
 * with a button that cancels the run.
 */
export class ProgressNotice {
	private readonly notice = new Notice("Video summary: starting…", 0);

	constructor(onCancel: () => void) {
		const button = this.notice.containerEl.createEl("button", { text: "Cancel", cls: "video-summary-notes-cancel" });
		button.addEventListener("click", onCancel);
	}

	update(message: string): void {
		this.notice.setMessage(`Video summary: ${message}`);
	}

	finish(message: string): void {
		this.notice.hide();
		new Notice(message, 10_000);
	}

	fail(message: string): void {
		this.notice.hide();
		// Errors stay until clicked: they say what to do next and may carry the model's own words.
		new Notice(message, 0);
	}
}
