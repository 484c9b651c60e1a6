import { describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { MIN_WORDS, parseTranscript } from "../../../src/core/transcript/parse-transcript";

function refusal(text: string): SummaryError {
	try {
		parseTranscript(text);
	} catch (e) {
		if (e instanceof SummaryError) return e;
		throw e;
	}
	throw new Error("parseTranscript accepted the text");
}

const EMPTY = "The note or selection is empty. Paste a transcript or a YouTube link first.";
const NOT_TEXT = "This does not look like text (perhaps a PDF or an image). Give the transcript itself, as text.";
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("refusals", () => {
	it("needs 30 words", () => {
		expect(MIN_WORDS).toBe(30);
	});

	it("refuses empty and whitespace-only text", () => {
		for (const text of ["", "   \n\t \r\n  "]) {
			const e = refusal(text);
			expect(e.kind).toBe("input");
			expect(e.message).toBe(EMPTY);
		}
	});

	it("refuses a note that holds only frontmatter as empty", () => {
		expect(refusal("---\ntitle: Talk\ntags: [video]\n---\n\n").message).toBe(EMPTY);
	});

	it("refuses a short text and says how many words it found", () => {
		const e = refusal("0:00 hello there\n0:03 this is short");
		expect(e.kind).toBe("input");
		expect(e.message).toBe("Only 5 words of transcript found. A summary needs a longer transcript: paste at least 30 words.");
		expect(refusal("hello").message).toMatch(/^Only 1 word of transcript found\./);
		expect(refusal(words(MIN_WORDS - 1)).message).toMatch(/^Only 29 words/);
	});

	it("accepts exactly the minimum", () => {
		expect(parseTranscript(words(MIN_WORDS)).segments).toEqual([{ start: 0, text: words(MIN_WORDS) }]);
	});

	it("counts words of speech, not timestamps or caption markup", () => {
		const vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:0%\n<c>one</c> two three\n";
		expect(refusal(vtt).message).toMatch(/^Only 3 words/);
	});

	it("refuses data that is not text, before counting words", () => {
		const pdf = `%PDF-1.7\n%\uFFFD\uFFFD\uFFFD\uFFFD\n1 0 obj << /Type /Catalog >>\n${"\uFFFD\u0001\u0002stream".repeat(20)}`;
		const withNul = `${words(40)}\u0000${words(40)}`;
		const controls = `${words(40)} ${"\u0003\u0004\u0005".repeat(30)}`;
		for (const text of [pdf, withNul, controls]) {
			const e = refusal(text);
			expect(e.kind).toBe("input");
			expect(e.message).toBe(NOT_TEXT);
		}
	});

	it("lets a transcript with a stray replacement character through", () => {
		const text = `${words(40)} don\uFFFDt ${words(40)}`;
		expect(parseTranscript(text).format).toBe("plain");
	});

	it("counts each kind of junk character, and only those", () => {
		for (const junk of ["\u0001", "\u0008", "\u000B", "\u000E", "\u001F", "\u007F", "\uFFFD"]) {
			expect(refusal(`${words(40)} ${junk.repeat(3)}`).message).toBe(NOT_TEXT);
		}
		// Tabs, line and page breaks, C1 controls (as in text decoded as Latin-1) and emoji are text.
		const text = `${words(40)} ${"\t\n\f\r\u0085\u009F\u{1F600}".repeat(30)}`;
		expect(parseTranscript(text).format).toBe("plain");
	});
});
