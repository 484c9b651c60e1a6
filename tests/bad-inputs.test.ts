/**
 * A catalogue of bad or odd inputs, each driven through a public entry point with its exact outcome: the
 * message the user reads, word for word, or the exact value the input is accepted as.
 */
import { describe, expect, it } from "vitest";

import { parseArgs, USAGE } from "../src/cli/args";
import { SummaryError } from "../src/core/errors";
import { availablePath, safeFileName, safeFolder } from "../src/core/note/file-name";
import { captionLanguages, DEFAULT_SETTINGS, endpointProblem, normalizeSettings } from "../src/core/settings";
import { sourceFromNote, sourceFromSelection, sourceFromText } from "../src/core/source/choose-source";
import { transcriptFromSummary } from "../src/core/source/earlier-summary";
import { parseYouTubeLink, refuseNonVideoLink } from "../src/core/source/youtube-link";
import { parseTranscript } from "../src/core/transcript/parse-transcript";
import VideoSummaryPlugin from "../src/main";
import { createFakeApp, fakeManifest, loadPlugin, openNote, resetFake, runCommand, visibleNotices } from "./support/obsidian-fake";

const ID = "dQw4w9WgXcQ";
const WATCH = `https://www.youtube.com/watch?v=${ID}`;

// The messages, spelled out here so that any change to their wording shows up in this file.
const NOT_A_VIDEO =
	"That doesn't look like a YouTube video link. Paste a link like youtube.com/watch?v=… or youtu.be/…, or a playlist link (each of its videos gets a note); channels aren't supported.";
const EMPTY = "The note or selection is empty. Paste a transcript or a YouTube link first.";
const NOT_TEXT = "This does not look like text (perhaps a PDF or an image). Give the transcript itself, as text.";
const tooShort = (words: string) => `Only ${words} of transcript found. A summary needs a longer transcript: paste at least 30 words.`;

const LEAVES = (folder: string) => `The output folder "${folder}" leaves the vault. Choose a folder inside the vault in settings.`;

/** What a call threw, as the user sees it; fails the test when it did not throw a SummaryError. */
function refusal(call: () => unknown): { kind: string; message: string } {
	try {
		call();
	} catch (e) {
		if (e instanceof SummaryError) return { kind: e.kind, message: e.message };
		throw e;
	}
	throw new Error("expected a refusal, but the input was accepted");
}

// Twenty words of speech, so that counts in the expectations are easy to check.
const SPEECH = "we talk about how language models read text and why tokens matter so much for the cost of a prompt";
const TIMED = `0:00 ${SPEECH}\n0:10 ${SPEECH}`;
const timedSegments = [
	{ start: 0, text: SPEECH },
	{ start: 10, text: SPEECH },
];

describe("links that name no video are refused with one message", () => {
	it.each([
		["a playlist", "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"],
		["a channel handle", "https://www.youtube.com/@veritasium"],
		["a channel id", "https://www.youtube.com/channel/UCHnyfMqiRRG1u-2MsSQLbXA"],
		["/watch without v", "https://www.youtube.com/watch"],
		["/watch with only a list", "https://www.youtube.com/watch?list=PL123"],
		["an id of 10 characters", "https://youtu.be/dQw4w9WgXc"],
		["an id of 12 characters", "https://youtu.be/dQw4w9WgXcQQ"],
		["an id with a bad character", "https://www.youtube.com/watch?v=dQw4w9WgX!Q"],
		["another video site", "https://vimeo.com/123456"],
		["a look-alike host (youtube.com.evil.example)", `https://youtube.com.evil.example/watch?v=${ID}`],
		["a look-alike host (evilyoutube.com)", `https://evilyoutube.com/watch?v=${ID}`],
		["a look-alike host in Cyrillic (yоutube.com)", `https://yоutube.com/watch?v=${ID}`],
		["an unknown YouTube subdomain", `https://gaming.youtube.com/watch?v=${ID}`],
		["a javascript: link dressed as YouTube", `javascript://youtube.com/watch?v=${ID}`],
		["an ftp: link", `ftp://youtube.com/watch?v=${ID}`],
		["a Markdown-wrapped playlist", "[my list](https://www.youtube.com/playlist?list=PL1)"],
		["an angle-bracket-wrapped channel", "<https://www.youtube.com/@chan>"],
		["an attribution link without its target", "https://www.youtube.com/attribution_link?a=x"],
		["a search page", "https://www.youtube.com/results?search_query=llm"],
	])("%s: %s", (_what, link) => {
		expect(parseYouTubeLink(link)).toBeNull();
		expect(refusal(() => refuseNonVideoLink(link))).toEqual({ kind: "input", message: NOT_A_VIDEO });
		expect(refusal(() => sourceFromText(link, "pasted", "T"))).toEqual({ kind: "input", message: NOT_A_VIDEO });
	});
});

describe("odd video links are accepted as exactly this video and start", () => {
	it.each([
		["t=1h2m3s", `https://youtu.be/${ID}?t=1h2m3s`, { id: ID, startAt: 3723 }],
		["t=90", `https://youtu.be/${ID}?t=90`, { id: ID, startAt: 90 }],
		["t=90s on /watch", `${WATCH}&t=90s`, { id: ID, startAt: 90 }],
		["start=42 on /embed", `https://www.youtube.com/embed/${ID}?start=42`, { id: ID, startAt: 42 }],
		["t=-5 (ignored)", `https://youtu.be/${ID}?t=-5`, { id: ID }],
		["t=abc (ignored)", `https://youtu.be/${ID}?t=abc`, { id: ID }],
		["t= empty (ignored)", `https://youtu.be/${ID}?t=`, { id: ID }],
		["t=1h2m3s4 (ignored)", `https://youtu.be/${ID}?t=1h2m3s4`, { id: ID }],
		// Was startAt 1e20, printed as `t=100000000000000000000s` in the note's links.
		["an absurd t (ignored)", `https://youtu.be/${ID}?t=99999999999999999999`, { id: ID }],
		["a #t= fragment (ignored)", `${WATCH}#t=30`, { id: ID }],
		["a Markdown link", `[Never gonna](${WATCH})`, { id: ID }],
		["an angle-bracket link", `<https://youtu.be/${ID}>`, { id: ID }],
		["whitespace and newlines around", `  \n https://youtu.be/${ID} \r\n\t`, { id: ID }],
		["an uppercase scheme and host", `HTTPS://WWW.YOUTUBE.COM/watch?v=${ID}`, { id: ID }],
		["music.youtube.com", `https://music.youtube.com/watch?v=${ID}`, { id: ID }],
		["m.youtube.com", `https://m.youtube.com/watch?v=${ID}`, { id: ID }],
		["youtube-nocookie.com", `https://www.youtube-nocookie.com/embed/${ID}`, { id: ID }],
		["an attribution link", `https://www.youtube.com/attribution_link?a=x&u=%2Fwatch%3Fv%3D${ID}%26feature%3Dshare`, { id: ID }],
		["a short", `https://www.youtube.com/shorts/${ID}`, { id: ID }],
		["a live link with a share id", `https://www.youtube.com/live/${ID}?si=abc`, { id: ID }],
		["no scheme", `youtube.com/watch?v=${ID}`, { id: ID }],
		["a video in a playlist", `${WATCH}&list=PL1&index=2`, { id: ID }],
		["two v parameters (the first wins)", `${WATCH}&v=aaaaaaaaaaa`, { id: ID }],
		["a bare id", ID, { id: ID }],
	])("%s: %s", (_what, link, video) => {
		expect(parseYouTubeLink(link)).toEqual(video);
		expect(() => refuseNonVideoLink(link)).not.toThrow();
		expect(sourceFromText(link, "pasted", "T")).toEqual({ origin: "link", title: "T", text: "", video });
	});
});

describe("text around links", () => {
	it("a link inside a sentence names the video", () => {
		expect(sourceFromText(`Watch https://youtu.be/${ID}?t=90 today, it's good`, "pasted", "T")).toEqual({
			origin: "link",
			title: "T",
			text: "",
			video: { id: ID, startAt: 90 },
		});
	});
	it("a link plus a transcript: the transcript is used, without the link, and the note links to the video", () => {
		expect(sourceFromText(`https://youtu.be/${ID}\n\n${TIMED}`, "pasted", "T")).toEqual({ origin: "pasted", title: "T", text: TIMED, video: { id: ID } });
	});
	it("a Markdown link plus a transcript keeps the Markdown link in the text, read as the transcript's first words", () => {
		const source = sourceFromText(`[Talk](https://youtu.be/${ID})\n${TIMED}`, "pasted", "T");
		expect(source).toEqual({ origin: "pasted", title: "T", text: `[Talk](https://youtu.be/${ID})\n${TIMED}`, video: { id: ID } });
		expect(parseTranscript(source.text).segments[0]).toEqual({ start: 0, text: `[Talk](https://youtu.be/${ID})` });
	});
	it("a look-alike link inside a sentence names no video and stays text", () => {
		const text = `I watched https://youtube.com.evil.example/watch?v=${ID} yesterday`;
		expect(sourceFromText(text, "pasted", "T")).toEqual({ origin: "pasted", title: "T", text });
	});
	it("a link to another site beside a transcript is not refused: it is part of the text", () => {
		expect(sourceFromText(`https://vimeo.com/1\n${TIMED}`, "pasted", "T")).toEqual({ origin: "pasted", title: "T", text: `https://vimeo.com/1\n${TIMED}` });
	});
	it("a javascript: link is no link: it is read as one word of transcript and refused as too short", () => {
		expect(sourceFromText("javascript:alert(1)", "pasted", "T")).toEqual({ origin: "pasted", title: "T", text: "javascript:alert(1)" });
		expect(refusal(() => parseTranscript("javascript:alert(1)"))).toEqual({ kind: "input", message: tooShort("1 word") });
	});
	it.each([
		["10 characters", "dQw4w9WgXc"],
		["12 characters", "dQw4w9WgXcQQ"],
	])("a bare id of %s is no id: it is one word of text", (_what, text) => {
		expect(parseYouTubeLink(text)).toBeNull();
		expect(sourceFromText(text, "pasted", "T")).toEqual({ origin: "pasted", title: "T", text });
		expect(refusal(() => parseTranscript(text))).toEqual({ kind: "input", message: tooShort("1 word") });
	});
});

describe("notes", () => {
	it.each([
		["an empty note", ""],
		["a note with only frontmatter", "---\ntitle: x\n---\n"],
		["a note with only a heading", "# Heading only\n"],
	])("%s asks the user (null)", (_what, text) => {
		expect(sourceFromNote({ text, selection: "", name: "N" })).toBeNull();
	});
	it("a note holding only a channel link is refused (it used to open the dialog as if the note were empty)", () => {
		expect(refusal(() => sourceFromNote({ text: "https://www.youtube.com/@chan\n", selection: "", name: "N" }))).toEqual({
			kind: "input",
			message: NOT_A_VIDEO,
		});
	});
	it("an earlier summary's video_id names the video of a transcript pasted under it", () => {
		expect(sourceFromNote({ text: `---\nvideo_id: "${ID}"\n---\n${TIMED}`, selection: "", path: "a/b.md", name: "b" })).toEqual({
			origin: "note",
			title: "b",
			sourcePath: "a/b.md",
			text: TIMED,
			video: { id: ID },
		});
	});
	it("Summarize video into note on a selected playlist link says why in a Notice (it used to fail silently)", async () => {
		resetFake();
		const app = createFakeApp({ files: { "Links.md": "https://www.youtube.com/playlist?list=PL1" } });
		await loadPlugin(new VideoSummaryPlugin(app, fakeManifest()));
		openNote(app, "Links.md", "https://www.youtube.com/playlist?list=PL1");
		await runCommand(app, "video-summary-notes:summarize-video");
		expect(visibleNotices()).toEqual([NOT_A_VIDEO]);
		await runCommand(app, "video-summary-notes:resummarize-selection");
		expect(visibleNotices()).toEqual([NOT_A_VIDEO, NOT_A_VIDEO]);
	});
});

describe("transcripts that are refused", () => {
	it.each([
		["empty", "", EMPTY],
		["whitespace only", "   \n\t \r\n ", EMPTY],
		["a BOM and a line break", "\uFEFF\r\n", EMPTY],
		["frontmatter only", "---\ntitle: x\n---\n", EMPTY],
		["a NUL inside text", `hello\u0000world ${SPEECH} ${SPEECH}`, NOT_TEXT],
		["binary control characters", "\u0001\u0002\u0003\u0004 abc ".repeat(20), NOT_TEXT],
		["a PDF opened as text", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nstream\n\u0000\u0001\u0002\nendstream", NOT_TEXT],
		["undecodable bytes (U+FFFD)", `\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD ${SPEECH}`, NOT_TEXT],
		["too short", "hello there this is short", tooShort("5 words")],
		["one word", "hello", tooShort("1 word")],
		["only timestamps, one a line", "0:00\n0:05\n0:10\n0:15\n0:20", tooShort("0 words")],
		["only timestamps, inline", "0:00 0:05 0:10 0:15", tooShort("0 words")],
		["emoji only", "🎉🎉🎉 ".repeat(40), tooShort("0 words")],
		["a WebVTT header only", "WEBVTT\n", tooShort("0 words")],
		["a WebVTT header with metadata only", "WEBVTT\nKind: captions\nLanguage: en\n\n", tooShort("0 words")],
		// These three were accepted (or counted [Music] as words) before sound tags stopped counting as speech.
		["all [Music], untimed", "[Music]\n".repeat(50), tooShort("0 words")],
		["all [Music], timed", Array.from({ length: 30 }, (_, i) => `0:${String(i).padStart(2, "0")} [Music]`).join("\n"), tooShort("0 words")],
		["only sound tags, inline", "0:00 [Music] 0:05 [Music] 0:10 [Applause] 0:15 [Laughter]", tooShort("0 words")],
		[
			"RTL text, 25 words",
			"0:00 مرحبا بكم في هذا البرنامج اليوم نتحدث عن النماذج اللغوية\n0:10 وكيف تقرأ النصوص ولماذا تهم الرموز كثيرا لتكلفة الطلب مرحبا بكم في هذا البرنامج اليوم",
			tooShort("25 words"),
		],
		["words joined by zero-width spaces", SPEECH.replace(/ /g, "\u200B").repeat(2), tooShort("1 word")],
		["lone surrogates around a few words", `${"\uD800".repeat(50)} one two three four five`, tooShort("5 words")],
		["a selected heading of an earlier summary", `## Tokens ([0:24–3:44](${WATCH}&t=24s))`, tooShort("2 words")],
		["a selected quote (blockquote)", "> a quote only", tooShort("3 words")],
		["one selected quote line of an earlier summary", `1. "a token is roughly four characters" ([0:31](${WATCH}&t=31s))`, tooShort("8 words")],
	])("%s", (_what, text, message) => {
		expect(refusal(() => parseTranscript(text))).toEqual({ kind: "input", message });
	});
});

describe("odd transcripts that are accepted", () => {
	it.each([
		["CRLF line ends", `0:00 ${SPEECH}\r\n0:10 ${SPEECH}\r\n`],
		["a BOM", `\uFEFF${TIMED}`],
		["tabs after the stamps", `0:00\t${SPEECH}\n0:10\t${SPEECH}`],
	])("%s: read as timestamped lines", (_what, text) => {
		expect(parseTranscript(text)).toEqual({ segments: timedSegments, timed: true, format: "timestamped-lines", chapters: [] });
	});
	it("emoji stay in the speech", () => {
		expect(parseTranscript(`0:00 😀 ${SPEECH} 🚀\n0:10 👍🏽 ${SPEECH}`).segments).toEqual([
			{ start: 0, text: `😀 ${SPEECH} 🚀` },
			{ start: 10, text: `👍🏽 ${SPEECH}` },
		]);
	});
	it("RTL text without times is one untimed segment", () => {
		const arabic = "مرحبا بكم في هذا البرنامج اليوم نتحدث عن النماذج اللغوية وكيف تقرأ النصوص ولماذا تهم الرموز كثيرا لتكلفة الطلب";
		expect(parseTranscript(`${arabic} ${arabic}`)).toEqual({
			segments: [{ start: 0, text: `${arabic} ${arabic}` }],
			timed: false,
			format: "plain",
			chapters: [],
		});
	});
	it('"at 3:30 pm" inside speech stays speech and opens no segment', () => {
		expect(parseTranscript(`0:00 we meet at 3:30 pm on friday and ${SPEECH}\n0:20 then at 4:15 pm ${SPEECH}`).segments).toEqual([
			{ start: 0, text: `we meet at 3:30 pm on friday and ${SPEECH}` },
			{ start: 20, text: `then at 4:15 pm ${SPEECH}` },
		]);
	});
	it("lines that open with a time of day are plain text, not timestamps", () => {
		expect(parseTranscript(`3:30 pm we meet ${SPEECH}\n4:30 pm ${SPEECH}`)).toEqual({
			segments: [{ start: 0, text: `3:30 pm we meet ${SPEECH} 4:30 pm ${SPEECH}` }],
			timed: false,
			format: "plain",
			chapters: [],
		});
	});
	it("a stamp out of order stays in the speech; the rising ones split it", () => {
		expect(parseTranscript(`0:30 ${SPEECH}\n0:10 ${SPEECH}\n0:50 ${SPEECH}\n1:10 ${SPEECH}`).segments).toEqual([
			{ start: 0, text: `0:30 ${SPEECH}` },
			{ start: 10, text: SPEECH },
			{ start: 50, text: SPEECH },
			{ start: 70, text: SPEECH },
		]);
	});
	it("a huge single line (200,000 words, no sentence ends) is cut into segments of about 600 characters, losing nothing", () => {
		const words = Array.from({ length: 200_000 }, (_, i) => `w${i}`);
		const transcript = parseTranscript(words.join(" "));
		expect({ format: transcript.format, timed: transcript.timed, segments: transcript.segments.length }).toEqual({
			format: "plain",
			timed: false,
			segments: 2460,
		});
		expect(Math.max(...transcript.segments.map((s) => s.text.length))).toBe(607);
		expect(transcript.segments.map((s) => s.text).join(" ")).toBe(words.join(" "));
	});
	it("SRT with broken timing lines keeps every cue's text, a broken cue at the time before it (it used to drop them)", () => {
		const srt = `1\n00:00:01,000 --> 00:00:04,000\n${SPEECH}\n\n2\n00:00:99,000 --> 00:01:00,000\n${SPEECH}\n\n3\nabc --> def\n${SPEECH}\n\n4\n00:00:12,000 --> 00:00:14,000\n${SPEECH}\n`;
		expect(parseTranscript(srt)).toEqual({
			segments: [
				{ start: 1, text: SPEECH },
				{ start: 1, text: SPEECH },
				{ start: 1, text: SPEECH },
				{ start: 12, text: SPEECH },
			],
			timed: true,
			format: "srt",
			chapters: [],
		});
	});
	it("SRT whose every timing line is broken is plain text, numbers and arrows included", () => {
		const srt = `1\n00:00:99,000 --> 00:00:04,000\n${SPEECH}\n\n2\nxx --> yy\n${SPEECH}\n`;
		expect(parseTranscript(srt)).toEqual({
			segments: [
				{ start: 0, text: `1 00:00:99,000 --> 00:00:04,000 ${SPEECH}` },
				{ start: 0, text: `2 xx --> yy ${SPEECH}` },
			],
			timed: false,
			format: "plain",
			chapters: [],
		});
	});
	it("words separated by no-break spaces are words", () => {
		const text = `${SPEECH} ${SPEECH}`.replace(/ /g, "\u00A0");
		expect(parseTranscript(text).segments).toEqual([{ start: 0, text: `${SPEECH} ${SPEECH}` }]);
	});
});

describe("selections", () => {
	const note = `---\nvideo_id: "${ID}"\n---\nbody`;
	const heading = `## Tokens ([0:24–3:44](${WATCH}&t=24s))`;
	it("a selected heading only is that heading, of the video its link names (its one link makes no transcript)", () => {
		expect(sourceFromSelection({ text: note, selection: heading, name: "N" })).toEqual({
			origin: "selection",
			title: "N",
			text: heading,
			video: { id: ID, startAt: 24 },
		});
		expect(transcriptFromSummary(heading)).toBeNull();
	});
	it("a selected quote only is that text, of the note's video", () => {
		expect(sourceFromSelection({ text: note, selection: "> a quote only", name: "N" })).toEqual({
			origin: "selection",
			title: "N",
			text: "> a quote only",
			video: { id: ID },
		});
		expect(transcriptFromSummary("> a quote only")).toBeNull();
	});
	it("a selected link alone is summarized as text, never fetched", () => {
		expect(sourceFromSelection({ text: note, selection: `https://youtu.be/${ID}`, name: "N" })).toEqual({
			origin: "selection",
			title: "N",
			text: `https://youtu.be/${ID}`,
			video: { id: ID },
		});
	});
	it("a blank selection carries no video, so nothing is fetched and the run says the selection is empty (it used to fetch the whole video)", () => {
		expect(sourceFromSelection({ text: note, selection: "  \n ", name: "N", path: "a/N.md" })).toEqual({
			origin: "selection",
			title: "N",
			text: "",
			sourcePath: "a/N.md",
		});
		expect(refusal(() => parseTranscript(""))).toEqual({ kind: "input", message: EMPTY });
	});
	it("a selection from an earlier summary reads back as a timed transcript, its times from its links", () => {
		const selection = [
			heading,
			"",
			"Text is split into tokens.",
			"",
			"Quotes:",
			`1. "a token is roughly four characters" ([0:31](${WATCH}&t=31s))`,
			'2. "attention is all you need" (unverified)',
		].join("\n");
		expect(transcriptFromSummary(selection)).toEqual({
			segments: [
				{ start: 24, text: "Tokens", said: false },
				{ start: 24, text: "Text is split into tokens.", said: false },
				{ start: 31, text: "a token is roughly four characters" },
				{ start: 31, text: '"attention is all you need"', said: false },
			],
			timed: true,
			format: "timestamped-lines",
			chapters: [],
		});
	});
	it("sections of an earlier summary selected in reverse order are put back in time order", () => {
		const selection = `## Later ([5:00](${WATCH}&t=300s))\nlate words\n## Earlier ([1:00](${WATCH}&t=60s))\nearly words`;
		expect(transcriptFromSummary(selection)?.segments).toEqual([
			{ start: 60, text: "Earlier", said: false },
			{ start: 60, text: "early words", said: false },
			{ start: 300, text: "Later", said: false },
			{ start: 300, text: "late words", said: false },
		]);
	});
});

describe("settings as saved in data.json", () => {
	it.each([
		["a string", "not settings"],
		["an array", [1, 2]],
		["null", null],
		["a number", 42],
		["only unknown keys", { evil: 1, cssclasses: ["x"] }],
		["a __proto__ key", JSON.parse('{"__proto__": {"model": "evil"}}') as unknown],
		["NaN temperature", { temperature: Number.NaN }],
		["a temperature given as text", { temperature: "0.5" }],
		["an infinite temperature", { temperature: Number.POSITIVE_INFINITY }],
	])("%s: the defaults", (_what, raw) => {
		expect(normalizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
	});
	it.each([
		["a huge maxTokens", { maxTokens: 1e12 }, { maxTokens: 200_000 }],
		["a fractional maxTokens", { maxTokens: 1000.6 }, { maxTokens: 1001 }],
		["a negative concurrency", { concurrency: -3 }, { concurrency: 1 }],
		["negative part minutes", { partMinutes: -1 }, { partMinutes: 5 }],
		["an empty model name", { model: "  " }, { model: "" }],
		["a base URL with a trailing slash (made the preset's)", { baseURL: "https://api.openai.com/v1/" }, { baseURL: "https://api.openai.com/v1" }],
		["a base URL with two trailing slashes", { baseURL: " http://localhost:11434/v1// " }, { baseURL: "http://localhost:11434/v1" }],
		["an ftp: base URL (kept, refused before any call)", { baseURL: "ftp://example.com/v1" }, { baseURL: "ftp://example.com/v1" }],
		["an output folder with .. (kept, refused by safeFolder)", { outputFolder: "../x" }, { outputFolder: "../x" }],
		["known keys beside unknown ones", { model: "llama3.1", nonsense: true }, { model: "llama3.1" }],
	])("%s", (_what, raw, changed) => {
		expect(normalizeSettings(raw)).toEqual({ ...DEFAULT_SETTINGS, ...changed });
	});
});

describe("endpoint settings", () => {
	const notWeb = (url: string) => `The base URL "${url}" is not a web address. Set it in settings, e.g. https://api.openai.com/v1.`;
	const missingPath = (url: string, fix: string) => `The base URL "${url}" is missing the API path. Set it in settings to ${fix}.`;
	it.each([
		["https://api.openai.com/v1", null],
		// The SDK joins "…/v1/" and "/chat/completions" without a double slash.
		["https://api.openai.com/v1/", null],
		["http://localhost:11434/v1/", null],
		// Not a preset's server: some endpoints (Perplexity) do serve the API at the root.
		["https://api.perplexity.ai", null],
		// These used to be accepted, and every call then went to a path the server does not serve (404).
		["https://api.openai.com", missingPath("https://api.openai.com", "https://api.openai.com/v1")],
		["https://api.openai.com/", missingPath("https://api.openai.com/", "https://api.openai.com/v1")],
		["http://localhost:11434", missingPath("http://localhost:11434", "http://localhost:11434/v1")],
		["http://127.0.0.1:1234/", missingPath("http://127.0.0.1:1234/", "http://127.0.0.1:1234/v1")],
		["https://openrouter.ai", missingPath("https://openrouter.ai", "https://openrouter.ai/api/v1")],
		["ftp://example.com/v1", notWeb("ftp://example.com/v1")],
		["file:///etc/passwd", notWeb("file:///etc/passwd")],
		["javascript:alert(1)", notWeb("javascript:alert(1)")],
		["api.openai.com/v1", notWeb("api.openai.com/v1")],
		["", notWeb("")],
	])("base URL %j", (baseURL, problem) => {
		expect(endpointProblem({ baseURL, model: "m" })).toBe(problem);
	});
	it("an empty model name", () => {
		expect(endpointProblem({ baseURL: "https://api.openai.com/v1", model: " " })).toBe(
			"No model is set. Enter a model name in settings (Test connection lists the endpoint's models).",
		);
	});
	it.each([
		["empty", "", ["ja", "en"]],
		["separators only", " , ", ["ja", "en"]],
		["semicolons (not a separator)", "EN;fr", ["ja", "en"]],
		["a path", "../../x", ["ja", "en"]],
		["markup", "<script>", ["ja", "en"]],
		["an underscore locale", "pt_BR", ["ja", "en"]],
		["a subtag too long", "zz-Latn-toolongsubtag", ["ja", "en"]],
		["duplicates", "en-GB,en-GB", ["en-GB"]],
		["newline-separated", "de\nfr", ["de", "fr"]],
		["good and bad mixed", "de, !!, fr", ["de", "fr"]],
	])("caption languages: %s", (_what, setting, languages) => {
		expect(captionLanguages(setting, "ja")).toEqual(languages);
	});
});

describe("output folders", () => {
	it.each(["..", "../x", "a/../b", "a/..", "a/ .. /b", "C:\\Users\\x", "C:", "c:notes", "a:b"])("%j leaves the vault", (folder) => {
		expect(refusal(() => safeFolder(folder))).toEqual({ kind: "config", message: LEAVES(folder) });
	});
	it.each([
		["an absolute path (the vault root)", "/abs/path", "abs/path"],
		["a UNC path", "\\\\server\\share", "server/share"],
		["backslashes", "a\\b", "a/b"],
		["empty", "", ""],
		["a slash", "/", ""],
		["a dot", ".", ""],
		["three dots", "...", ""],
		["./a", "./a", "a"],
		["the config folder", ".obsidian/plugins", "obsidian/plugins"],
		["doubled and padded slashes", " a // b ", "a/b"],
		["a reserved name", "CON", "CON_"],
		["a reserved name with an extension", "x/NUL.txt", "x/NUL_.txt"],
		["reserved characters", "a*b?c", "a b c"],
		["a bidi override", "a\u202Eb", "ab"],
		["a NUL", "a\u0000b", "ab"],
		["a trailing dot", "notes.", "notes"],
		["escaped dots", "%2e%2e", "2e 2e"],
	])("%s: %j is %j", (_what, folder, safe) => {
		expect(safeFolder(folder)).toBe(safe);
	});
	it("a file name made only of hostile characters is Untitled, and a taken name gets a number", () => {
		expect(safeFileName('<>:"/\\|?*#^[]')).toBe("Untitled");
		expect(availablePath("Video summaries", safeFileName(".."), (p) => p === "Video summaries/Untitled.md")).toBe("Video summaries/Untitled 2.md");
	});
});

describe("command-line arguments", () => {
	it.each([
		["nothing", [], `No source given. ${USAGE}`],
		["an empty source", [""], `No source given. ${USAGE}`],
		["--out without a value", ["x", "--out"], `--out needs a value. ${USAGE}`],
		["--out= with an empty value", ["--out=", "x"], `--out needs a value. ${USAGE}`],
		["--model with an empty value", ["x", "--model", ""], `--model needs a value. ${USAGE}`],
		// Used to write the note into a folder named "--model".
		["--out followed by another flag", ["x", "--out", "--model", "m"], `--out needs a value. ${USAGE}`],
		["an unknown flag", ["x", "--foo"], `Unknown option --foo. ${USAGE}`],
		["an unknown flag with a value", ["x", "--foo=bar"], `Unknown option --foo=bar. ${USAGE}`],
		["a flag in the wrong case", ["x", "--OUT", "d"], `Unknown option --OUT. ${USAGE}`],
		["a value given to --help", ["--help=all"], `--help takes no value. ${USAGE}`],
		["a name Object.prototype has", ["x", "--constructor", "y"], `Unknown option --constructor. ${USAGE}`],
		["a short flag grouped with a known one", ["x", "-hx"], `Unknown option -hx. ${USAGE}`],
		// Used to say `Only one source can be given (got "x" and "-o")`.
		["a single-dash flag", ["x", "-o", "d"], `Unknown option -o. ${USAGE}`],
		["an empty source among others", ["a", ""], `One of the sources is empty. ${USAGE}`],
		["a timeout that is not a number", ["x", "--timeout", "soon"], `--timeout needs a number of seconds from 1 to 86400, not "soon". ${USAGE}`],
		["a timeout of zero", ["x", "--timeout=0"], `--timeout needs a number of seconds from 1 to 86400, not "0". ${USAGE}`],
		["a negative timeout", ["x", "--timeout=-5"], `--timeout needs a number of seconds from 1 to 86400, not "-5". ${USAGE}`],
		["a value given to --yes", ["x", "--yes=no"], `--yes takes no value. ${USAGE}`],
	])("%s", (_what, argv, message) => {
		expect(refusal(() => parseArgs(argv))).toEqual({ kind: "input", message });
	});
	it.each([
		["--out=DIR before the source", ["--out=dir", "x"], { out: "dir", source: "x" }],
		// A batch: whether each is a video is checked when the run starts.
		["two sources", ["a.txt", "b.txt"], { out: ".", source: "a.txt", sources: ["a.txt", "b.txt"] }],
		["an = inside the value", ["x", "--out=a=b"], { out: "a=b", source: "x" }],
		["an inline value that looks like a flag", ["x", "--out=--weird"], { out: "--weird", source: "x" }],
		["standard input", ["-"], { out: ".", source: "-" }],
		["a video id starting with a dash", ["-abcdefghij"], { out: ".", source: "-abcdefghij" }],
		["a repeated flag (the last wins)", ["x", "--out", "a", "--out", "b"], { out: "b", source: "x" }],
		[
			"every flag",
			["x", "--base-url=http://h/v1", "--lang", "de", "--model", "m", "--transcript", "t.txt"],
			{ out: ".", source: "x", baseURL: "http://h/v1", lang: "de", model: "m", transcript: "t.txt" },
		],
		["a timeout in seconds, and --yes", ["x", "--timeout", "90", "--yes"], { out: ".", source: "x", timeout: 90, yes: true }],
		["standard input as the transcript", ["x", "--transcript", "-"], { out: ".", source: "x", transcript: "-" }],
		["a file name starting with dashes, after --", ["--out", "d", "--", "--notes.txt"], { out: "d", source: "--notes.txt" }],
		// Used to be refused as an unknown option.
		["--help, whatever else is given", ["x", "--help"], "help"],
		["-h", ["-h"], "help"],
		["--version", ["--version"], "version"],
		["--help and --version, in either order", ["--help", "--version"], "help"],
		["--version and --help", ["--version", "--help"], "help"],
	])("%s", (_what, argv, args) => {
		expect(parseArgs(argv)).toEqual(args);
	});
});
