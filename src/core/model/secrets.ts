import { trimEndChar } from "../trim";

/**
 * The one place that keeps the API key and URL credentials out of everything shown or written: error messages
 * and details, the base URL as messages name it, and the model's own answer (which a server or a model can make
 * repeat the Authorization header). Every pass here is linear in the text: matching is done with indexOf and
 * single left-to-right scans, and the few regular expressions have no nested or overlapping quantifiers.
 */

const REDACTED = "[redacted]";

/** Shorter keys are placeholders ("x", "-"), not secrets: replacing them everywhere would garble the text. */
const MIN_KEY = 4;
/** Below this, only the key's exact forms are replaced: its other forms (any case, decoded, base64) would match ordinary words. */
const MIN_KEY_ALL_FORMS = 8;
/** Keys local servers' documentation tells users to type; they are words that answers use ("Ollama"), not secrets. */
const PLACEHOLDER_KEYS = new Set(["ollama", "lm-studio", "lmstudio", "empty", "none", "null", "dummy", "no-key", "nokey", "not-needed", "sk-no-key-required"]);

/** Query parameters that carry a credential, by lower-case name. */
const KEY_PARAMETERS = new Set(["api-key", "api_key", "apikey", "key", "token", "access_token", "access-token", "auth", "signature"]);

/**
 * Scrubs secrets from any text: the key in its raw, JSON-escaped and URL-encoded forms, in any letter case, with
 * any of its characters written as HTML entities, `\u` escapes or `%XX`, and base64-encoded (alone, after
 * `Bearer `, or after a user name as Basic auth writes it, in either base64 alphabet); plus, whatever the key,
 * bearer tokens, Authorization and api-key header values, `sk-` style keys, the user and password of a URL,
 * and key-like query parameters (api-key, key, token, auth, signature…). Nothing here spans a line break, so
 * redacting a text line by line gives the same result (see streamRedactor).
 */
export function redact(text: string, apiKey: string): string {
	let out = text;
	const key = secretKey(apiKey);
	if (key !== null) {
		for (const form of exactForms(key)) out = out.split(form).join(REDACTED);
		if (key.length >= MIN_KEY_ALL_FORMS) {
			out = redactDecoded(out, key);
			for (const form of base64Forms(key)) out = out.split(form).join(REDACTED);
		}
	}
	return redactPatterns(out);
}

/**
 * A base URL as messages show it: without the user and password before the host and without key-like query
 * parameters. Anything else is kept exactly as typed (a URL that does not parse included), so that the user
 * recognises what they entered.
 */
export function displayURL(baseURL: string): string {
	let url = baseURL.trim();
	const scheme = url.indexOf("://");
	if (scheme >= 0) {
		const hostStart = scheme + 3;
		const hostEnd = firstOf(url, "/?#", hostStart);
		const at = url.lastIndexOf("@", hostEnd - 1);
		if (at >= hostStart) url = url.slice(0, hostStart) + url.slice(at + 1);
	}
	const query = url.indexOf("?");
	if (query < 0) return url;
	const hash = url.indexOf("#", query);
	const end = hash < 0 ? url.length : hash;
	const kept = url
		.slice(query + 1, end)
		.split("&")
		.filter((pair) => pair !== "" && !isKeyParameter(pair.split("=")[0] ?? ""));
	return url.slice(0, query) + (kept.length > 0 ? `?${kept.join("&")}` : "") + url.slice(end);
}

/**
 * A text that stopped while arriving (a streamed answer, so far or interrupted) up to its last whitespace: the
 * word still arriving is left out, because it may be the first part of a key, too short yet to be recognised
 * ("sk-proj-AB…"). No form of a secret that redact knows contains whitespace.
 */
export function completeWords(text: string): string {
	let end = text.length;
	while (end > 0 && !/\s/.test(text.charAt(end - 1))) end--;
	return text.slice(0, end);
}

/**
 * An interrupted answer, kept to be shown or saved: without its last word when that word (cut by the
 * interruption) could be the start of a secret: anything but letters between quotes or brackets and
 * punctuation, or a capital after a small letter (base64, "sk-proj-AB").
 */
export function withoutCutSecret(text: string): string {
	const words = completeWords(text);
	const last = text.slice(words.length);
	const word =
		/^(?:["'(\u201c\u2018\u00ab]*[\p{L}\p{M}]+[.,;:!?)"'\u201d\u2019\u00bb]*|["'(\u201c\u2018\u00ab]*(?:[!),.:;?\xbb\u2019\u201d][.,;:!?)"'\u201d\u2019\u00bb]*)?)$/u.test(
			last,
		) && !/[a-z][A-Z]/.test(last);
	return word ? text : words;
}

/**
 * For text that grows (a streamed answer, each call with the whole text so far): redact(completeWords(text)),
 * at a cost linear in the whole stream. Lines that are complete are redacted once and kept; only the line
 * still arriving is redacted again at each call. Right because redact never matches across a line break.
 */
export function streamRedactor(apiKey: string): (textSoFar: string) => string {
	let done = 0;
	let redactedDone = "";
	return (text) => {
		// A text that does not continue the last one (never, for a stream) starts over.
		if (text.length < done) {
			done = 0;
			redactedDone = "";
		}
		const lastBreak = text.lastIndexOf("\n");
		if (lastBreak + 1 > done) {
			redactedDone += redact(text.slice(done, lastBreak + 1), apiKey);
			done = lastBreak + 1;
		}
		return redactedDone + redact(completeWords(text.slice(done)), apiKey);
	};
}

function secretKey(apiKey: string): string | null {
	const key = apiKey.trim();
	if (key.length < MIN_KEY || PLACEHOLDER_KEYS.has(key.toLowerCase())) return null;
	return key;
}

function isKeyParameter(name: string): boolean {
	let decoded = name;
	try {
		decoded = decodeURIComponent(name);
	} catch {
		// A stray % : the name as written.
	}
	return KEY_PARAMETERS.has(decoded.trim().toLowerCase());
}

/** The index of the first of `chars` at or after `from`, or the text's length. */
function firstOf(text: string, chars: string, from: number): number {
	for (let i = from; i < text.length; i++) if (chars.includes(text.charAt(i))) return i;
	return text.length;
}

/** Longest first, so that a longer form is replaced whole rather than around a shorter one inside it. */
function exactForms(key: string): string[] {
	const forms = new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)]);
	return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The key as base64 writes it: whole (alone, `Bearer key`, `:key`), and, for a key after any other text (Basic
 * auth's `user:key`), the part of its encoding that does not depend on what comes before or after: the key's
 * bytes from the first one that starts a base64 group, in whole groups, for each of the three alignments.
 */
function base64Forms(key: string): string[] {
	const bytes = new TextEncoder().encode(key);
	const forms = new Set<string>();
	for (const prefix of ["", "Bearer ", ":"]) forms.add(toBase64(new TextEncoder().encode(prefix + key)));
	for (let skip = 0; skip < 3; skip++) {
		const whole = Math.floor((bytes.length - skip) / 3) * 3;
		if (whole >= 6) forms.add(toBase64(bytes.subarray(skip, skip + whole)));
	}
	const all = new Set<string>();
	for (const form of forms) {
		const bare = trimEndChar(form, "=");
		all.add(form);
		all.add(bare);
		all.add(bare.replace(/\+/g, "-").replace(/\//g, "_"));
	}
	return [...all].filter((form) => form.length >= MIN_KEY_ALL_FORMS).sort((a, b) => b.length - a.length);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** btoa works on Latin-1 strings only and Buffer is Node's: a small encoder of bytes. */
function toBase64(bytes: Uint8Array): string {
	let out = "";
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i] ?? 0;
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63);
		out += b === undefined ? "=" : BASE64.charAt((n >> 6) & 63);
		out += c === undefined ? "=" : BASE64.charAt(n & 63);
	}
	return out;
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: "&",
	quot: '"',
	apos: "'",
	lt: "<",
	gt: ">",
	sol: "/",
	plus: "+",
	equals: "=",
	lowbar: "_",
	period: ".",
	colon: ":",
	hyphen: "-",
	dash: "-",
};

/**
 * Finds the key in a view of the text where HTML entities (`&#115;`, `&#x73;`, `&sol;`), JSON escapes (`\u0073`,
 * `\/`) and URL escapes (`%73`) are decoded and ASCII letters lower-cased, so that the key is found however it
 * was written, even with only some of its characters escaped; the text it came from is replaced.
 */
function redactDecoded(text: string, key: string): string {
	const { view, starts } = decodedView(text);
	const needle = asciiLower(key);
	const ranges: [number, number][] = [];
	for (let at = view.indexOf(needle); at >= 0; at = view.indexOf(needle, at + needle.length)) {
		ranges.push([starts[at] ?? 0, starts[at + needle.length] ?? text.length]);
	}
	if (ranges.length === 0) return text;
	let out = "";
	let from = 0;
	for (const [start, end] of ranges) {
		out += text.slice(from, start) + REDACTED;
		from = end;
	}
	return out + text.slice(from);
}

/** The decoded, lower-cased text and, for each of its characters, where it starts in the original (plus the end). */
function decodedView(text: string): { view: string; starts: number[] } {
	const chars: string[] = [];
	const starts: number[] = [];
	let i = 0;
	while (i < text.length) {
		const decoded = decodeAt(text, i);
		starts.push(i);
		chars.push(decoded?.char ?? text.charAt(i));
		i = decoded ? decoded.end : i + 1;
	}
	starts.push(text.length);
	return { view: asciiLower(chars.join("")), starts };
}

const HEX = /^[0-9a-f]+$/i;
const DIGITS = /^\d+$/;
const LETTERS = /^[a-z]+$/i;

/** The escape starting at `i`, if any: one character and where the escape ends. Looks at most 12 characters ahead. */
function decodeAt(text: string, i: number): { char: string; end: number } | null {
	const c = text.charAt(i);
	if (c === "%") {
		const hex = text.slice(i + 1, i + 3);
		return hex.length === 2 && HEX.test(hex) ? { char: String.fromCharCode(Number.parseInt(hex, 16)), end: i + 3 } : null;
	}
	if (c === "\\") {
		const next = text.charAt(i + 1);
		if (next === "u") {
			const hex = text.slice(i + 2, i + 6);
			return hex.length === 4 && HEX.test(hex) ? { char: String.fromCharCode(Number.parseInt(hex, 16)), end: i + 6 } : null;
		}
		return next === "/" || next === '"' || next === "\\" ? { char: next, end: i + 2 } : null;
	}
	if (c !== "&") return null;
	// An entity is short: look for its `;` within a few characters only, so that many `&` stay linear.
	const semi = text.slice(i + 1, i + 13).indexOf(";");
	if (semi < 1) return null;
	const body = text.slice(i + 1, i + 1 + semi);
	const end = i + 2 + semi;
	if (body.startsWith("#x") || body.startsWith("#X")) {
		const hex = body.slice(2);
		return HEX.test(hex) ? codePoint(Number.parseInt(hex, 16), end) : null;
	}
	if (body.startsWith("#")) return DIGITS.test(body.slice(1)) ? codePoint(Number.parseInt(body.slice(1), 10), end) : null;
	const named = LETTERS.test(body) ? NAMED_ENTITIES[body.toLowerCase()] : undefined;
	return named === undefined ? null : { char: named, end };
}

function codePoint(value: number, end: number): { char: string; end: number } | null {
	if (!(value > 0 && value <= 0x10ffff)) return null;
	// One character of the view stands for the whole escape; one beyond the BMP is never part of a key.
	return { char: value <= 0xffff ? String.fromCharCode(value) : "\u0000", end };
}

/** Lower-cases A–Z only, so that the text keeps its length and every index stays where it was. */
function asciiLower(text: string): string {
	return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * Secrets found by their shape, whatever the key: `Bearer` tokens that look like credentials (a digit or a
 * symbol in them, or long: "Bearer bonds" is left alone), Authorization and api-key header values, `sk-`
 * keys, a URL's user and password, key-like query parameters. No pattern crosses a line break, and none has
 * quantifiers that overlap, so each runs in linear time.
 */
const HEADER = /\b(authorization|proxy-authorization|x-api-key|api-key)(["']?[ \t]*[:=][ \t]*["']?)((?:basic|bearer|token)[ \t]+)?([^\s"',;}<>&#]+)/gi;

function redactPatterns(text: string): string {
	return (
		text
			.replace(HEADER, (all, name: string, sep: string, scheme: string | undefined, raw: string) => {
				const [value, end] = splitEnd(raw);
				return value === REDACTED || !(scheme ? value.length >= 8 || credentialLike(value) : credentialLike(value))
					? all
					: `${name}${sep}${scheme ?? ""}${REDACTED}${end}`;
			})
			.replace(/\b(bearer[ \t]+)([^\s"',;}<>]+)/gi, (all, lead: string, raw: string) => {
				const [token, end] = splitEnd(raw);
				return token === REDACTED || !credentialLike(token) ? all : `${lead}${REDACTED}${end}`;
			})
			// Real keys are random: one without a digit is a name ("sk-learn-style").
			.replace(/\bsk-[\w-]{8,}/g, (all) => (/\d/.test(all) ? REDACTED : all))
			.replace(/:\/\/([^\s/?#"'<>\\]*)@/g, (all, userinfo: string) => (userinfo === "" || userinfo === REDACTED ? all : `://${REDACTED}@`))
			.replace(/([?&;])([A-Z_-]{3,13})=([^&#\s"'<>]*)/gi, (all, lead: string, name: string, raw: string) => {
				const [value, end] = splitEnd(raw);
				return value === "" || value === REDACTED || !isKeyParameter(name) ? all : `${lead}${name}=${REDACTED}${end}`;
			})
	);
}

/** A value and the punctuation that ends the sentence around it ("…?key=abc." keeps its full stop). */
function splitEnd(value: string): [string, string] {
	let end = value.length;
	while (end > 0 && ".,:;!?)".includes(value.charAt(end - 1))) end--;
	return [value.slice(0, end), value.slice(end)];
}

/** A token after `Bearer` that is a credential, not a word: it has a digit or a symbol, or it is long. */
function credentialLike(token: string): boolean {
	return token.length >= 16 || /[0-9._~+/=-]/.test(token);
}
