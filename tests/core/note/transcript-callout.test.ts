import { describe, expect, it } from "vitest";

import { transcriptCallout } from "../../../src/core/note/transcript-callout";
import type { Transcript } from "../../../src/core/types";

const transcript: Transcript = {
	timed: true,
	format: "youtube",
	chapters: [],
	segments: [
		{ start: 0, text: "hello and welcome" },
		{ start: 4.2, text: "today <% tp.file.title %> we talk" },
		{ start: 61, text: "about ![[secret]] things" },
	],
};

describe("transcriptCallout", () => {
	it("folds the transcript into a collapsed callout of linked half-minute paragraphs, made inert", () => {
		expect(transcriptCallout(transcript, "dQw4w9WgXcQ")).toBe(
			[
				"> [!quote]- Transcript",
				"> [0:00](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0s) hello and welcome today &lt;% tp.file.title %> we talk",
				">",
				"> [1:01](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=61s) about &#33;[&#91;secret]] things",
			].join("\n"),
		);
	});

	it("writes plain times without a video, and none for an untimed transcript", () => {
		expect(transcriptCallout(transcript, undefined).split("\n")[1]).toBe("> 0:00 hello and welcome today &lt;% tp.file.title %> we talk");
		expect(transcriptCallout({ ...transcript, timed: false }, undefined).split("\n")[1]).toBe("> hello and welcome today &lt;% tp.file.title %> we talk");
	});
});
