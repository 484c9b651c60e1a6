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

// C0 controls except tab/newline/carriage return (those are whitespace and handled there), DEL, C1 controls,
// bidi overrides and isolates (they reorder what the reader sees), and lone surrogates (`u` flag: pairs are
// matched as one code point, so only unpaired halves hit the class).
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

// `<` that could open an HTML tag, comment, declaration, processing instruction or a Templater command.
const TAG_START = /<(?=[A-Za-z/!%?])/g;

function stripInvisible(text: string): string {
	return text.replace(INVISIBLE, "");
}

function escapeMarkup(text: string): string {
	return (
		text
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
	if (/^[#>]/.test(out) || /^[-*+](\s|$)/.test(out) || /^([-*_])(\s*\1){2,}$/.test(out)) out = `\\${out}`;
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
 * For prose made of untrusted text and markup of our own (a quote's time link, its "unverified" marker): only
 * the text is made inert. Blank lines in the text stay paragraph breaks; every other line break becomes a space,
 * so no line of the text can start a block of its own except at a paragraph start, which is escaped like a
 * single line, and our links stay links.
 */
export function inertProse(parts: ({ text: string } | { markup: string })[]): string {
	const joined = parts
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
