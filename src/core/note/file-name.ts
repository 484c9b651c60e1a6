/**
 * File and folder names built from untrusted titles. They must be valid on every platform Obsidian runs on
 * (Windows being the strictest), usable inside `[[wikilinks]]`, and never point outside the chosen folder.
 */

import { SummaryError } from "../errors";
import { stripHidden } from "./inert-text";

const UNTITLED = "Untitled";
const MAX_CHARS = 100;
// 255 bytes is the usual limit of one path component; the rest leaves room for " 12.md" and the like.
const MAX_BYTES = 200;
const MAX_NUMBER = 999;

// Control chars (whitespace ones are collapsed later instead) and lone surrogates. Invisible characters (bidi
// marks, overrides and isolates, which can make `txt.exe` look like `exe.txt`, zero-width space, word joiner,
// BOM, soft hyphen, Hangul fillers, tag characters…) go too, through `stripHidden`.
// ZWJ/ZWNJ (U+200C/U+200D) stay: scripts such as Persian and emoji sequences need them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/gu;
// Forbidden by Windows, macOS or Android (`\ / : * ? " < > |`), breaking Obsidian links, headings and block
// references (`# ^ [ ] |`), and `%`, which Markdown links read as the start of a URL escape.
const FORBIDDEN = /[\\/:*?"<>|#^[\]%]/g;
// Windows refuses these as the part before the first dot, whatever follows and ignoring trailing spaces.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(?:\.|$))/i;

function graphemes(text: string): string[] {
	if (typeof Intl !== "undefined" && typeof Intl.Segmenter === "function") {
		return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (s) => s.segment);
	}
	return Array.from(text);
}

function utf8Bytes(text: string): number {
	let bytes = 0;
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	}
	return bytes;
}

function cap(text: string): string {
	let out = "";
	let chars = 0;
	let bytes = 0;
	for (const g of graphemes(text)) {
		const c = Array.from(g).length;
		const b = utf8Bytes(g);
		if (chars + c > MAX_CHARS || bytes + b > MAX_BYTES) break;
		out += g;
		chars += c;
		bytes += b;
	}
	return out;
}

// Leading dots hide files (and `.obsidian` is the config folder); Windows drops trailing dots and spaces.
function trimEnds(text: string): string {
	let end = text.length;
	while (end > 0 && /[.\s]/.test(text.charAt(end - 1))) end--;
	return text.slice(0, end).replace(/^[.\s]+/, "");
}

function avoidReserved(text: string): string {
	return text.replace(RESERVED, "$1_");
}

/** One path component, or "" when nothing usable is left. */
function safePart(text: string): string {
	const cleaned = trimEnds(stripHidden(text.replace(CONTROLS, "")).replace(FORBIDDEN, " ").replace(/\s+/g, " "));
	// Checked again after the cut, which can expose a reserved name such as `con` in `con <huge grapheme>`.
	return avoidReserved(trimEnds(cap(avoidReserved(cleaned))));
}

/** A base name (no extension) for a note about `title`. */
export function safeFileName(title: string): string {
	return safePart(title) || UNTITLED;
}

/**
 * Checks the output-folder setting and returns it vault-relative, without leading or trailing slashes ("" is
 * the vault root). A leading `/` means the vault root in Obsidian and is accepted; `..` and drive letters are not.
 */
export function safeFolder(folder: string): string {
	const slashed = folder.replace(/\\/g, "/").trim();
	const parts = slashed.split("/").map((part) => part.trim());
	if (/^[A-Z]:/i.test(slashed) || parts.includes("..")) {
		throw new SummaryError("config", `The output folder "${folder}" leaves the vault. Choose a folder inside the vault in settings.`);
	}
	return parts
		.filter((part) => part !== "" && part !== ".")
		.map(safePart)
		.filter((part) => part !== "")
		.join("/");
}

/**
 * The first of `folder/base.md`, `folder/base 2.md`, `folder/base 3.md`… for which `exists` is false. On
 * case-insensitive file systems `exists` should compare paths case-insensitively.
 */
export function availablePath(folder: string, base: string, exists: (path: string) => boolean): string {
	const prefix = folder === "" ? "" : `${folder}/`;
	for (let n = 1; n <= MAX_NUMBER; n++) {
		const path = `${prefix}${base}${n === 1 ? "" : ` ${n}`}.md`;
		if (!exists(path)) return path;
	}
	throw new SummaryError(
		"write",
		`There are already ${MAX_NUMBER} notes named "${base}" in ${folder === "" ? "the vault root" : `"${folder}"`}. Move or rename some of them, then try again.`,
	);
}
