import { type App, debounce, DropdownComponent, Modal, Setting } from "obsidian";

import { userMessage } from "../core/errors";
import type { Http } from "../core/http";
import { parseYouTubeLink } from "../core/source/youtube-link";
import { fetchVideoInfo } from "../core/youtube";

/** What the user gave in the dialog: the text, and a caption track when they picked one. */
export interface DialogChoice {
	text: string;
	trackId?: string;
}

const AUTOMATIC = "";
const NOTHING_GIVEN = "Paste a YouTube link or a transcript first.";

/**
 * Asks for a link or a pasted transcript when the active note holds neither. A link is looked up at
 * once, so the user sees which video it is and can pick its caption track before anything is summarized.
 * What cannot be summarized (nothing, a playlist link) is said in the dialog, which stays open to fix it.
 */
export class SourceModal extends Modal {
	private text = "";
	private trackId = AUTOMATIC;
	private lookup: AbortController | null = null;
	/** The lookup waiting for typing to pause: a link pasted and summarized at once must not be looked up after. */
	private waiting: { cancel(): unknown } | null = null;

	constructor(
		app: App,
		private readonly http: Http,
		/** Starts the run and returns null, or returns why the choice is refused, to be shown in the dialog. */
		private readonly onSubmit: (choice: DialogChoice) => string | null,
	) {
		super(app);
	}

	override onOpen(): void {
		this.setTitle("Summarize video into note");
		this.contentEl.createEl("p", {
			text: 'Paste a YouTube link, a playlist link or several links (each video gets a note), or a transcript (YouTube\'s "Show transcript", SRT, WebVTT or timestamped lines).',
		});
		const video = this.contentEl.createEl("p", { cls: "video-summary-notes-video" });
		let tracks: DropdownComponent | null = null;
		const trackSetting = new Setting(this.contentEl)
			.setName("Captions")
			.setDesc("Automatic picks your preferred languages, manual captions first.")
			.addDropdown((dropdown) => {
				tracks = dropdown.onChange((value) => (this.trackId = value));
			});
		trackSetting.settingEl.hide();

		const show = debounce(
			async (text: string) => {
				this.lookup?.abort();
				trackSetting.settingEl.hide();
				this.trackId = AUTOMATIC;
				const ref = parseYouTubeLink(text);
				if (!ref || !tracks) return video.setText("");
				const lookup = new AbortController();
				this.lookup = lookup;
				video.setText("Looking up the video…");
				try {
					const info = await fetchVideoInfo(this.http, ref.id, { signal: lookup.signal });
					if (lookup.signal.aborted) return;
					video.setText([info.title ?? ref.id, info.channel].filter(Boolean).join(" · "));
					tracks.selectEl.empty();
					tracks.addOption(AUTOMATIC, "Automatic");
					for (const track of info.tracks)
						tracks.addOption(track.id, track.kind === "auto-generated" && !/auto/i.test(track.name) ? `${track.name} (auto-generated)` : track.name);
					tracks.setValue(AUTOMATIC);
					if (info.tracks.length > 0) trackSetting.settingEl.show();
				} catch (e) {
					if (!lookup.signal.aborted) video.setText(userMessage(e));
				}
			},
			400,
			true,
		);
		this.waiting = show;

		new Setting(this.contentEl).setName("Link or transcript").addTextArea((area) => {
			area.setPlaceholder("https://www.youtube.com/watch?v=…\n0:00 First words of the transcript…");
			area.inputEl.rows = 10;
			area.onChange((value) => {
				this.text = value;
				problem.setText("");
				problem.hide();
				show(value.trim());
			});
		});
		const problem = this.contentEl.createEl("p", { cls: "mod-warning" });
		problem.hide();
		new Setting(this.contentEl).addButton((button) =>
			button
				.setButtonText("Summarize")
				.setCta()
				.onClick(() => {
					const refused = this.text.trim() === "" ? NOTHING_GIVEN : this.onSubmit({ text: this.text, ...(this.trackId ? { trackId: this.trackId } : {}) });
					if (refused === null) return this.close();
					problem.setText(refused);
					problem.show();
				}),
		);
	}

	override onClose(): void {
		this.waiting?.cancel();
		this.lookup?.abort();
		this.contentEl.empty();
	}
}
