import { describe, expect, it } from "vitest";

import { completeWords, displayURL, redact, streamRedactor, withoutCutSecret } from "../../../src/core/model/secrets";
import { corpus } from "../../support/answer-corpus";

const KEY = "sk-proj-SECRET0123456789abcdefXYZ";
/** What must never come out: a stretch of the key's random part, in the case it is written in. */
const LEAKS = [KEY, "SECRET0123456789", "secret0123456789", "0123456789abcdef"];

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const decimalEntities = (text: string) => [...text].map((c) => `&#${c.charCodeAt(0)};`).join("");
const hexEntities = (text: string, upper = false) =>
	[...text].map((c) => `&#${upper ? "X" : "x"}${c.charCodeAt(0).toString(16)[upper ? "toUpperCase" : "toLowerCase"]()};`).join("");

function expectClean(text: string): void {
	for (const leak of LEAKS) expect(text).not.toContain(leak);
	expect(text).toContain("[redacted]");
}

describe("redact: the key in every form", () => {
	it.each([
		["raw", KEY],
		["JSON-escaped", JSON.stringify(`${KEY}"/`).slice(1, -1)],
		["URL-encoded", encodeURIComponent(KEY)],
		["upper-cased", KEY.toUpperCase()],
		["lower-cased", KEY.toLowerCase()],
		["mixed case", [...KEY].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("")],
		["every character %-encoded", [...KEY].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")],
		["every character \\u-escaped", [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
		["decimal HTML entities", decimalEntities(KEY)],
		["hex HTML entities", hexEntities(KEY)],
		["upper-case hex HTML entities with zeros", [...KEY].map((c) => `&#X00${c.charCodeAt(0).toString(16).toUpperCase()};`).join("")],
		["some characters as entities", `${KEY.slice(0, 10)}${decimalEntities(KEY.slice(10, 14))}${KEY.slice(14)}`],
		["base64", b64(KEY)],
		["base64 of Bearer key", b64(`Bearer ${KEY}`)],
		["base64url without padding", b64url(KEY)],
		["Basic auth, user of 1 character", b64(`u:${KEY}`)],
		["Basic auth, user of 2 characters", b64(`us:${KEY}`)],
		["Basic auth, user of 3 characters", b64(`usr:${KEY}`)],
		["Basic auth, a long user, base64url", b64url(`someone@example.com:${KEY}`)],
	])("%s", (_, form) => {
		const text = `The server said: ${form} (end).`;
		const out = redact(text, KEY);
		expectClean(out);
		// A base64 form may keep a byte or two of its ends, never the key.
		for (const encoded of [b64(KEY), b64url(KEY)]) expect(out).not.toContain(encoded.slice(4, 20));
		expect(out.startsWith("The server said: ")).toBe(true);
		expect(out.endsWith(" (end).")).toBe(true);
	});

	it("keeps the old behaviour: raw, JSON and URL forms, bearer tokens, sk- keys", () => {
		const key = 'ab/c+d"e==long';
		expect(redact(`k=${key} j=${JSON.stringify(key)} u=${encodeURIComponent(key)}`, key)).toBe('k=[redacted] j="[redacted]" u=[redacted]');
		expect(redact("Authorization: Bearer abc.def-ghi", "")).toBe("Authorization: Bearer [redacted]");
		expect(redact("key sk-live_abcdefgh1234 leaked", "")).toBe("key [redacted] leaked");
	});
});

describe("redact: secrets by their shape, whatever the key", () => {
	it.each([
		["Authorization: Bearer tok_9f8e7d6c5b4a", "Authorization: Bearer [redacted]"],
		['{"authorization": "Bearer eyJhbGciOi.J9.x"}', '{"authorization": "Bearer [redacted]"}'],
		["authorization=Basic dXNlcjpwYXNzd29yZA==", "authorization=Basic [redacted]"],
		["Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic [redacted]"],
		["x-api-key: 9f8e7d6c5b4a3210", "x-api-key: [redacted]"],
		["sent bearer abcdefghijklmnopqrstuvwxyz", "sent bearer [redacted]"],
		["leaked sk-ant-api03-AbCdEf123456 here", "leaked [redacted] here"],
		["see https://alice:s3cret@proxy.example.com/v1 now", "see https://[redacted]@proxy.example.com/v1 now"],
		["see https://ghp_token123@github.com/x", "see https://[redacted]@github.com/x"],
		["https://h/v1?api-key=AAA&x=1", "https://h/v1?api-key=[redacted]&x=1"],
		["https://h/v1?x=1&API_KEY=AAA#f", "https://h/v1?x=1&API_KEY=[redacted]#f"],
		["https://h/v1?ApiKey=AAA", "https://h/v1?ApiKey=[redacted]"],
		["https://h/v1?key=AAA", "https://h/v1?key=[redacted]"],
		["https://h/v1?Token=AAA", "https://h/v1?Token=[redacted]"],
		["https://h/v1?access_token=AAA", "https://h/v1?access_token=[redacted]"],
		["https://h/v1?auth=AAA", "https://h/v1?auth=[redacted]"],
		["https://h/blob?sv=1&Signature=AAA%2B", "https://h/blob?sv=1&Signature=[redacted]"],
		["https://h/v1?a=1&amp;token=AAA", "https://h/v1?a=1&amp;token=[redacted]"],
	])("%s", (text, expected) => {
		expect(redact(text, "")).toBe(expected);
	});

	it("is idempotent", () => {
		const text = `Bearer ${KEY} https://u:p@h/v1?key=${KEY} ${b64(`u:${KEY}`)} ${KEY.toUpperCase()}`;
		const once = redact(text, KEY);
		expect(redact(once, KEY)).toBe(once);
	});
});

describe("redact leaves ordinary text alone", () => {
	const ordinary = [
		"Bearer bonds were common; the bearer of the note was paid. Basic training, authorization from the board.",
		"Ollama and LM Studio run models locally; sk-learn-style names and the task-based API stay.",
		"Prices rose 50% at 10%ab; R&D &amp; sales; the &#169; sign; C:\\users\\u0041 and \\n.",
		"Watch https://www.youtube.com/watch?v=zjkBMFhNj_g&t=24s or mail someone@example.com.",
		"The keynote: a key=value pair, a token of thanks, the signature move, the author's auth flow.",
		"Tokens: 12,345; base64 like SGVsbG8= is fine, as is aGVsbG8gd29ybGQ.",
	];

	it.each(ordinary)("%s", (text) => {
		expect(redact(text, KEY)).toBe(text);
		expect(redact(text, "")).toBe(text);
	});

	it("leaves every recorded model answer unchanged", () => {
		const answers = corpus();
		expect(answers.length).toBeGreaterThan(0);
		for (const { answer } of answers) expect(redact(answer, KEY)).toBe(answer);
	});

	it("replaces placeholder keys only where they are short, exact, never in other forms", () => {
		expect(redact("error 401 at x", "x")).toBe("error 401 at x");
		expect(redact("Ollama says ollama pull llama3", "ollama")).toBe("Ollama says ollama pull llama3");
		// A short key (4 to 7 characters) is replaced as typed, not in other cases or encodings.
		expect(redact("Abcd and abcd and YWJjZA==", "abcd")).toBe("Abcd and [redacted] and YWJjZA==");
	});
});

describe("displayURL", () => {
	it.each([
		["https://user:pass@proxy.example.com/v1", "https://proxy.example.com/v1"],
		["https://token@proxy.example.com:8443/v1/", "https://proxy.example.com:8443/v1/"],
		["https://user:p@ss@host/v1", "https://host/v1"],
		["https://host/v1?api-key=SECRET", "https://host/v1"],
		["https://host/v1?api-version=2024-10-21&api-key=SECRET", "https://host/v1?api-version=2024-10-21"],
		["https://host/v1?KEY=a&token=b&Access_Token=c&auth=d&signature=e&apikey=f&api_key=g", "https://host/v1"],
		["https://host/v1?api%2Dkey=a&x=1#frag", "https://host/v1?x=1#frag"],
		["  http://localhost:11434/v1  ", "http://localhost:11434/v1"],
		["http://localhost:11434/v1", "http://localhost:11434/v1"],
		["https://host/v1?monkey=1&keys=2", "https://host/v1?monkey=1&keys=2"],
		["not a url", "not a url"],
		["localhost:11434/v1?key=a", "localhost:11434/v1"],
		["https://host/path@here/v1", "https://host/path@here/v1"],
	])("%s → %s", (url, shown) => {
		expect(displayURL(url)).toBe(shown);
	});
});

describe("streamRedactor", () => {
	it("gives, for every growing prefix, what redact gives for its complete words", () => {
		const text = [
			"## Section 1",
			`Authorization: Bearer ${KEY}`,
			`mixed ${KEY.toUpperCase()} and ${b64(`user:${KEY}`)} and https://u:p@h/v1?key=abc`,
			`entities ${hexEntities(KEY)}`,
			"plain last line",
		].join("\n");
		const scrub = streamRedactor(KEY);
		for (let end = 1; end <= text.length; end += 7) {
			const prefix = text.slice(0, end);
			const shown = scrub(prefix);
			expect(shown).toBe(redact(completeWords(prefix), KEY));
			for (const leak of LEAKS) expect(shown).not.toContain(leak);
			// Not even the start of the key while it arrives.
			expect(shown).not.toMatch(/sk-proj-S/i);
		}
		expect(scrub(`${text}\n`)).toBe(redact(`${text}\n`, KEY));
		expect(scrub("a new, shorter text")).toBe("a new, shorter ");
	});
});

describe("completeWords", () => {
	it.each([
		["", ""],
		["sk-proj-AB", ""],
		["the key is sk-proj-AB", "the key is "],
		["done.\n", "done.\n"],
		["line one\nsk-pr", "line one\n"],
	])("%j → %j", (text, words) => {
		expect(completeWords(text)).toBe(words);
	});
});

describe("withoutCutSecret", () => {
	it.each([
		["so far", "so far"],
		["### Section 1: ", "### Section 1: "],
		["he said “hello.”", "he said “hello.”"],
		["the key is sk-proj-AB", "the key is "],
		["Basic dXNlcjpz", "Basic "],
		["see https://alice:pa", "see "],
		["at 0:2", "at "],
	])("%j → %j", (text, kept) => {
		expect(withoutCutSecret(text)).toBe(kept);
	});
});

describe("redact stays linear on hostile input", () => {
	const n = 200_000;
	const cases: [string, string][] = [
		["letters with no ://", "a".repeat(n)],
		["many ://", "://".repeat(n / 3)],
		["userinfo without @", `https://${"a:".repeat(n / 2)}`],
		["many @ after ://", `https://${"@".repeat(n)}`],
		["many &", "&".repeat(n)],
		["many &#", "&#".repeat(n / 2)],
		["many ?", "?".repeat(n)],
		["query names without =", `?${"key".repeat(n / 3)}`],
		["many Bearer", "Bearer ".repeat(n / 7)],
		["Bearer and spaces", `Bearer${" ".repeat(n)}`],
		["one long word", "x".repeat(n)],
		["many sk-", "sk-".repeat(n / 3)],
		["Authorization and spaces", `Authorization:${" ".repeat(n)}x`],
		["many %", "%".repeat(n)],
		["many backslashes", "\\".repeat(n)],
		["near-misses of the key", `${KEY.slice(0, -1)} `.repeat(n / KEY.length)],
		["base64-like", "QUJDRE".repeat(n / 6)],
	];

	it.each(cases)("%s", (_, text) => {
		const start = performance.now();
		redact(text, KEY);
		const whole = streamRedactor(KEY);
		for (let end = 0; end < text.length; end += 20_000) whole(text.slice(0, end));
		// Quadratic work on 200,000 characters takes minutes; linear work takes milliseconds.
		expect(performance.now() - start).toBeLessThan(2000);
	});
});
