/**
 * Transcripts, titles and model output are attacker-influenced (captions can carry prompt injection), and every
 * plugin in the vault reads the note we write: Templater runs `<% %>` as soon as a file is created, Dataview runs
 * fences and inline `= …` code, HTML and image embeds load remote resources. These functions turn such text into
 * plain words that render the same in reading view but that no parser takes for markup.
 *
 * Markup is broken with HTML entities rather than backslashes: a backslash in the input could escape our
 * backslash, and raw-text scanners such as Templater do not honour backslashes anyway, while an entity leaves
 * no trace of the original character in the file.
 */

// C0 controls except tab/newline/carriage return (those are whitespace and handled there), DEL, C1 controls and
// lone surrogates (`u` flag: pairs are matched as one code point, so only unpaired halves hit the class).
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const CONTROLS = /[\u0000-\u0008\v\f\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/gu;

// Characters that show nothing (or a blank) yet change what a text says to a search, a link or a model reading
// it later: soft hyphen, Arabic letter mark, Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), Khmer inherent
// vowels, Mongolian vowel separator, zero-width space, left-to-right and right-to-left marks, bidi embeddings,
// overrides and isolates (they reorder what the reader sees), word joiner and invisible operators, deprecated
// format characters, BOM, interlinear annotation marks and musical formatting controls. ZWJ and ZWNJ
// (U+200D/U+200C) stay: emoji sequences and scripts such as Persian need them, and so do variation selectors.
const HIDDEN = /[\u17B4\u17B5\u00AD\u061C\u1160\u115F\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}]/gu;

// Tag characters (U+E0000–U+E007F) spell invisible ASCII that a model reading the note would still read
// ("ASCII smuggling"). The only sequences that show anything are the three subdivision flags, kept whole.
const TAG_RUN = /(\u{1F3F4})?[\u{E0000}-\u{E007F}]+/gu;
const FLAGS = new Set([
	"\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
	"\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
	"\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
]);

/**
 * Removes the invisible characters in `HIDDEN` and tag characters (keeping the England, Scotland and Wales
 * flags). Shared with file names, which handle control characters and whitespace their own way.
 */
export function stripHidden(text: string): string {
	return text.replace(HIDDEN, "").replace(TAG_RUN, (run, flag: string | undefined) => (flag !== undefined && FLAGS.has(run) ? run : (flag ?? "")));
}

// `<` that could open an HTML tag, comment, declaration, processing instruction or a Templater command.
const TAG_START = /<(?=[A-Z/!%?])/gi;

// Obsidian reads `#word` as a tag where the `#` starts a word and is followed by tag characters (anything but
// whitespace and ASCII punctuation other than `_ - /`), at least one of them not a digit (`#1` is no tag).
// The character before the `#` is captured (no lookbehind: Safari 15 cannot compile one).
const LIVE_TAG = /(^|[^\p{L}\p{N}\p{M}_])#(?=[^\s!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~]*[^\s\d!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~])/gu;

function stripInvisible(text: string): string {
	return stripHidden(text.replace(CONTROLS, ""));
}

/**
 * MathJax: Obsidian reads `$…$` as inline math only when the closing `$` follows a non-space character, and
 * `$$…$$` as display math. So every `$` that could close (one after a non-space, or at the start of the text,
 * where a piece before it may end in one) or that touches another `$` becomes an entity. A `$` that is left
 * has a space before it and no `$` next to it: it can only open, and nothing in any piece can close it, so
 * "$2 million, not $3 million" stays as written whatever is joined before or after it.
 */
function escapeDollars(text: string): string {
	return text.replace(/\$/g, (dollar, at: number) => (at === 0 || /\S/.test(text.charAt(at - 1)) || text.charAt(at + 1) === "$" ? "&#36;" : dollar));
}

/**
 * Block ids: Obsidian reads ` ^id` at the end of a paragraph or list item as the block's id. A `^` followed by
 * id characters becomes an entity where it starts a word (it may end up last once pieces are joined or lines
 * trimmed) and where the id runs to the end of the text; `x^2` inside a sentence stays.
 */
function escapeBlockIds(text: string): string {
	return text.replace(/\^(?=[A-Z0-9-])/gi, (caret, at: number) =>
		at === 0 || /\s/.test(text.charAt(at - 1)) || /^\^[A-Z0-9-]+\s*$/i.test(text.slice(at)) ? "&#94;" : caret,
	);
}

function escapeMarkup(text: string): string {
	return (
		escapeBlockIds(escapeDollars(text))
			.replace(LIVE_TAG, "$1&#35;")
			// Dataview inline fields (`key:: value`, `[key:: value]`, `(key:: value)`) all need two colons.
			.replace(/::/g, ":&#58;")
			.replace(TAG_START, "&lt;")
			// Every backtick: inline code starting with `=`/`$=` is a Dataview query, and code-span rules
			// (double backticks, stripped spaces) are too subtle to pick out only the dangerous ones.
			.replace(/`/g, "&#96;")
			.replace(/~{3,}/g, (run) => "&#126;".repeat(run.length))
			.replace(/!\[/g, "&#33;[")
			.replace(/\[\[/g, "[&#91;")
			.replace(/%%/g, "%&#37;")
			// Link destinations decode entities (`java&#115;cript:`), so only plain web links are let through.
			.replace(/\]\((?!\s*https?:\/\/)/gi, "]&#40;")
			// Link reference and footnote definitions.
			.replace(/\]:/g, "]&#58;")
			.replace(/(javascript|vbscript):/gi, "$1&#58;")
			// Only when a URL follows, so that prose such as "the data: 5 points" stays as written.
			.replace(/\b(data|file|obsidian):(?=\S)/gi, "$1&#58;")
	);
}

// Applied where the text starts a line, so that it cannot open a heading, quote, callout, list or rule.
function escapeLineStart(text: string): string {
	let out = text;
	if (/^[#>]/.test(out) || /^[-*+](?:\s|$)/.test(out) || /^([-*_])(?:\s*\1){2,}$/.test(out)) out = `\\${out}`;
	out = out.replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
	// A line of `=` under another would make it a heading.
	out = out.replace(/^(=+\s*)$/, "\\$1");
	// A heading's closing `#`s would be dropped from the shown title.
	return out.replace(/(\s)(#+)$/, "$1\\$2");
}

/** For single-line places (headings, list items, callout titles): whitespace and newlines become one space. */
export function inertInline(text: string): string {
	const flat = stripInvisible(text).replace(/\s+/g, " ").trim();
	return escapeLineStart(escapeMarkup(flat));
}

/**
 * For single-line text that follows markup of our own on its line, such as a link's display text: escaped as
 * inertInline, but without the line-start escapes, whose backslashes would show there ("1\. Intro").
 */
export function inertFragment(text: string): string {
	return escapeMarkup(stripInvisible(text).replace(/\s+/g, " ").trim());
}

/**
 * For prose made of untrusted text and markup of our own (a quote's time link, its "unverified" marker): only
 * the text is made inert. Blank lines in the text stay paragraph breaks; every other line break becomes a space,
 * so no line of the text can start a block of its own except at a paragraph start, which is escaped like a
 * single line, and our links stay links.
 */
export function inertProse(parts: ({ text: string } | { markup: string })[]): string {
	// Text next to text is escaped as one piece: `[` + `[`, `!` + `[`, `key:` + `: value` or `$x` + `$` split
	// over two parts would otherwise only become markup once joined.
	const merged: ({ text: string } | { markup: string })[] = [];
	for (const part of parts) {
		const last = merged[merged.length - 1];
		if ("text" in part && last !== undefined && "text" in last) merged[merged.length - 1] = { text: last.text + part.text };
		else merged.push(part);
	}
	const joined = merged
		.map((part) =>
			"markup" in part
				? part.markup
				: stripInvisible(part.text)
						.replace(/\r\n?|\u2028/g, "\n")
						.replace(/\u2029/g, "\n\n")
						.split(/\n\s*\n/)
						.map((paragraph) => escapeMarkup(paragraph.replace(/\s+/g, " ")))
						.join("\n\n"),
		)
		.join("");
	return joined
		.split("\n\n")
		.map((paragraph) => escapeLineStart(paragraph.replace(/\s+/g, " ").trim()))
		.filter((paragraph) => paragraph !== "")
		.join("\n\n");
}

/**
 * For text kept as it came (an answer that could not be read): its line breaks stay, as hard breaks, and
 * each line is escaped as if it started a block, so none of them can.
 */
export function inertLines(text: string): string {
	return text
		.replace(/\r\n?|\u2028/g, "\n")
		.replace(/\u2029/g, "\n\n")
		.split(/\n\s*\n/)
		.map((paragraph) =>
			paragraph
				.split("\n")
				.map(inertInline)
				.filter((line) => line !== "")
				.join("  \n"),
		)
		.filter((paragraph) => paragraph !== "")
		.join("\n\n");
}

/**
 * For plain-text places that are not rendered as Markdown, such as frontmatter values. Nothing is escaped
 * with entities (they would show literally); sequences other plugins act on are broken with an invisible
 * zero-width space instead: Templater scans frontmatter too, and Obsidian turns `[[…]]` in properties into links.
 */
export function inertPlain(text: string): string {
	const zwsp = "\u200B";
	return stripInvisible(text)
		.replace(TAG_START, `<${zwsp}`)
		.replace(/`/g, `\`${zwsp}`)
		.replace(/!\[/g, `!${zwsp}[`)
		.replace(/\[(?=\[)/g, `[${zwsp}`)
		.replace(/(javascript|vbscript):/gi, `$1${zwsp}:`)
		.replace(/\b(data|file|obsidian):(?=\S)/gi, `$1${zwsp}:`);
}
