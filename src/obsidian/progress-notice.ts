import { Notice } from "obsidian";

/** One sticky Notice per run, updated in place, so progress never stacks up into a column of notices. */
export class ProgressNotice {
	private readonly notice = new Notice("Video summary: starting…", 0);

	update(message: string): void {
		this.notice.setMessage(`Video summary: ${message}`);
	}

	finish(message: string): void {
		this.notice.hide();
		new Notice(message, 8000);
	}

	fail(message: string): void {
		this.notice.hide();
		// Errors stay until clicked: they say what to do next and may carry the model's own words.
		new Notice(message, 0);
	}
}
