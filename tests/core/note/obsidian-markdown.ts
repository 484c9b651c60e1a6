/**
 * A real CommonMark parser (markdown-it) set up the way Obsidian reads a note, for judging what untrusted text
 * became: raw HTML on (Obsidian renders it), no linkify, and Obsidian's MathJax delimiters as an inline rule.
 * Obsidian reads `$…$` as inline math only when the opening `$` is followed by a non-space and the closing `$`
 * follows a non-space (https://forum.obsidian.md/t/63551), and `$$…$$` as display math; no digit rule is
 * applied after the closing `$`, so this finds math where Obsidian might not, never the reverse.
 */
import MarkdownIt, { type StateInline, type Token } from "markdown-it";

function math(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	const start = state.pos;
	if (src.charAt(start) !== "$") return false;
	let end = -1;
	let inner = start + 1;
	if (src.charAt(start + 1) === "$") {
		inner = start + 2;
		end = src.indexOf("$$", inner);
	} else if (/\S/.test(src.charAt(inner))) {
		for (let i = inner; i < state.posMax; i++) {
			if (src.charAt(i) === "$" && /\S/.test(src.charAt(i - 1))) {
				end = i;
				break;
			}
		}
	}
	if (end < 0) return false;
	if (!silent) {
		const token = state.push("math", "math", 0);
		token.content = src.slice(inner, end);
	}
	state.pos = end + (inner - start);
	return true;
}

export const markdown = new MarkdownIt("default", { html: true, linkify: false });
markdown.inline.ruler.after("escape", "math", math);

/** Every token of the document, inline children included, in order. */
export function tokens(source: string): Token[] {
	return markdown.parse(source, {}).flatMap((t) => [t, ...(t.children ?? [])]);
}

/** The text a reader sees: text tokens (entities and escapes decoded), line breaks as spaces or newlines. */
export function shown(source: string): string {
	return markdown
		.parse(source, {})
		.filter((t) => t.type === "inline")
		.map((t) =>
			(t.children ?? [])
				.map((c) => (c.type === "text" || c.type === "math" ? c.content : c.type === "softbreak" ? " " : c.type === "hardbreak" ? "\n" : ""))
				.join(""),
		)
		.join("\n\n");
}
