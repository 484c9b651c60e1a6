import { describe, expect, it } from "vitest";

import { sourceFromNote, sourceFromSelection, sourceFromText, videoOfNote } from "../../../src/core/source/choose-source";

const ID = "dQw4w9WgXcQ";
const TRANSCRIPT = Array.from({ length: 12 }, (_, i) => `0:${String(i * 5).padStart(2, "0")} these are words number ${i} of the talk`).join("\n");

describe("sourceFromNote", () => {
	it("uses a pasted transcript, without the link, and links to the video named beside it", () => {
		const text = `---\ntags: [talk]\n---\nhttps://youtu.be/${ID}\n\n${TRANSCRIPT}`;
		expect(sourceFromNote({ text, selection: "", path: "Talks/LLM.md", name: "LLM" })).toEqual({
			text: TRANSCRIPT,
			video: { id: ID },
			origin: "note",
			title: "LLM",
			sourcePath: "Talks/LLM.md",
		});
	});
	it("takes a link alone as the video", () => {
		expect(sourceFromNote({ text: `Watch https://www.youtube.com/watch?v=${ID}&t=30`, selection: "", name: "Later" })).toEqual({
			text: "",
			video: { id: ID, startAt: 30 },
			origin: "link",
			title: "Later",
		});
	});
	it("prefers the selection to the rest of the note", () => {
		const source = sourceFromNote({ text: `other words\n${TRANSCRIPT}`, selection: TRANSCRIPT, name: "N" });
		expect(source?.origin).toBe("selection");
		expect(source?.text).toBe(TRANSCRIPT);
	});
	it("returns null for a note with neither a link nor a transcript, so the user is asked", () => {
		expect(sourceFromNote({ text: "---\na: b\n---\nJust a short note.", selection: "", name: "N" })).toBeNull();
	});
	it("takes 30 words beside a link for a transcript and 29 for the link alone, counting only words with letters or digits", () => {
		const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
		const note = (text: string) => sourceFromNote({ text: `https://youtu.be/${ID}\n${text}`, selection: "", name: "N" });
		expect(note(`${words(29)} — ... ?? 12`)?.origin).toBe("note");
		expect(note(`${words(29)} — ... ??`)).toEqual({ text: "", video: { id: ID }, origin: "link", title: "N" });
		expect(sourceFromNote({ text: `${words(29)} — ... ??`, selection: "", name: "N" })).toBeNull();
		expect(sourceFromNote({ text: `${words(29)}\t\n 30`, selection: "", name: "N" })?.text).toBe(`${words(29)}\t\n 30`);
	});
});

describe("videoOfNote", () => {
	it("reads an earlier summary's video_id property before any link", () => {
		expect(videoOfNote(`---\ntitle: "x"\nvideo_id: "${ID}"\n---\nsee https://youtu.be/aaaaaaaaaaa`)).toEqual({ id: ID });
	});
});

describe("sourceFromSelection", () => {
	it("summarizes the selected text of the video the note is about", () => {
		const text = `---\nvideo_id: "${ID}"\n---\n${TRANSCRIPT}`;
		expect(sourceFromSelection({ text, selection: TRANSCRIPT, path: "S.md", name: "S" })).toEqual({
			text: TRANSCRIPT,
			video: { id: ID },
			origin: "selection",
			title: "S",
			sourcePath: "S.md",
		});
	});
	it("keeps a selected bare link as text to summarize rather than fetching it", () => {
		expect(sourceFromSelection({ text: "x", selection: `https://youtu.be/${ID}`, name: "S" }).text).toBe(`https://youtu.be/${ID}`);
	});
});

describe("sourceFromText", () => {
	it("keeps short text without a link as a transcript, for the parser to refuse with a reason", () => {
		expect(sourceFromText("too short", "pasted", "T")).toEqual({ text: "too short", origin: "pasted", title: "T" });
	});
});

describe("a selection from an earlier summary", () => {
	it("names the note's video without taking its first time link for where a link pointed", () => {
		const link = (t: number) => `https://www.youtube.com/watch?v=${ID}&t=${t}s`;
		const selection = `## Training ([4:17–6:39](${link(257)}))\nTraining compresses text.\n\nQuotes:\n1. "a chunk of the internet" ([4:46](${link(286)}))`;
		expect(sourceFromSelection({ text: `---\nvideo_id: "${ID}"\n---\n${selection}`, selection, name: "S" }).video).toEqual({ id: ID });
		expect(sourceFromSelection({ text: selection, selection, name: "S" }).video).toEqual({ id: ID });
	});
});
