import { describe, expect, it } from "vitest";

import { inertInline, inertLines, inertPlain, inertProse } from "../../../src/core/note/inert-text";

const inertBlock = (text: string): string => inertProse([{ text }]);

const TEMPLATER = [
	"<% tp.file.title %>",
	"<%* await tp.system.prompt('x') %>",
	"<%+ tp.date.now() %>",
	"<%_ tp.file.cursor() _%>",
	"<%- tp.user.run() -%>",
	"<<%* x %>",
];

const all = [inertInline, inertBlock, inertLines, inertPlain];

describe("Templater commands", () => {
	it("never leave `<%` in the text", () => {
		for (const fn of all) for (const t of TEMPLATER) expect(fn(t)).not.toContain("<%");
	});

	it("still read the same in reading view", () => {
		expect(inertInline("<%* tp.system() %>")).toBe("&lt;%* tp.system() %>");
		expect(inertPlain("<%* tp.system() %>")).toBe("<\u200B%* tp.system() %>");
	});
});

describe("HTML", () => {
	const html = [
		"<script>alert(1)</script>",
		"<iframe src=https://e.example>",
		"<img src=x onerror=alert(1)>",
		"<style>body{display:none}</style>",
		"<!-- hidden -->",
		"<?xml?>",
		"<https://e.example>",
	];

	it("has no tag start left", () => {
		for (const fn of all) for (const t of html) expect(fn(t)).not.toMatch(/<[A-Za-z/!%?]/);
	});

	it("is escaped as an entity", () => {
		expect(inertInline("<script>alert(1)</script>")).toBe("&lt;script>alert(1)&lt;/script>");
	});
});

describe("executable code", () => {
	it("cannot open a fence", () => {
		const text = "```dataviewjs\ndv.el('p', 1)\n```\n\n~~~dataview\nLIST\n~~~~";
		const out = inertBlock(text);
		expect(out).not.toContain("`");
		expect(out).not.toContain("~~~");
		expect(out).toBe("&#96;&#96;&#96;dataviewjs dv.el('p', 1) &#96;&#96;&#96;\n\n&#126;&#126;&#126;dataview LIST &#126;&#126;&#126;&#126;");
	});

	it("cannot form inline Dataview queries", () => {
		for (const t of ["`= this.file.name`", "`$= dv.pages()`", "`` = x ``", "` =x `"]) {
			expect(inertInline(t)).not.toContain("`");
			expect(inertPlain(t)).not.toMatch(/`[`=$ ]/);
		}
	});
});

describe("embeds and links", () => {
	it("turns embeds into plain links", () => {
		expect(inertInline("![alt](https://e.example/?d=secret)")).toBe("&#33;[alt](https://e.example/?d=secret)");
		expect(inertInline("![[secret.png]]")).toBe("&#33;[&#91;secret.png]]");
		expect(inertPlain("![[a]] ![b](c)")).toBe("!\u200B[\u200B[a]] !\u200B[b](c)");
	});

	it("leaves no wiki links", () => {
		for (const fn of all) {
			expect(fn("[[../Private/diary]]")).not.toContain("[[");
			expect(fn("[[[[x]]]]")).not.toContain("[[");
		}
		expect(inertInline("see [[../Private/diary]]")).toBe("see [&#91;../Private/diary]]");
	});

	it("neutralises links that are not plain web links", () => {
		expect(inertInline("[click](javascript:alert(1))")).toBe("[click]&#40;javascript&#58;alert(1))");
		for (const t of [
			"[x](JavaScript:alert(1))",
			"[x](data:text/html;base64,PHNjcmlwdD4=)",
			"[x](obsidian://open?vault=v&file=f)",
			"[x](file:///etc/passwd)",
			"[x](java&#115;cript:alert(1))",
			"[x]( Private/diary.md)",
		]) {
			expect(inertInline(t)).not.toContain("](");
		}
		for (const t of ["javascript:alert(1)", "VBScript:x", "data:text/html,x", "obsidian://open", "file:///x"]) {
			expect(inertInline(t)).not.toMatch(/(javascript|vbscript|data|obsidian|file):/i);
			expect(inertPlain(t)).not.toMatch(/(javascript|vbscript|data|obsidian|file):/i);
		}
	});

	it("neutralises reference definitions and comments", () => {
		expect(inertInline("[x]: javascript:alert(1)")).toBe("[x]&#58; javascript&#58;alert(1)");
		expect(inertInline("a %%hidden%% b")).toBe("a %&#37;hidden%&#37; b");
	});
});

describe("structure", () => {
	it("escapes what would start a block", () => {
		expect(inertInline("# Heading")).toBe("\\# Heading");
		expect(inertInline("> [!note] callout")).toBe("\\> [!note] callout");
		expect(inertInline("- item")).toBe("\\- item");
		expect(inertInline("* item")).toBe("\\* item");
		expect(inertInline("+ item")).toBe("\\+ item");
		expect(inertInline("---")).toBe("\\---");
		expect(inertInline("_ _ _")).toBe("\\_ _ _");
		expect(inertInline("1. First")).toBe("1\\. First");
		expect(inertInline("2) Second")).toBe("2\\) Second");
		expect(inertInline("Top ten #")).toBe("Top ten \\#");
	});

	it("puts single-line text on one line", () => {
		expect(inertInline("  a\n\n b\t c\r\nd\u2028e  ")).toBe("a b c d e");
	});

	it("strips control characters and bidi overrides", () => {
		expect(inertInline("abc\u202Edef\u2066g\u2069\u0007h\u0000")).toBe("abcdefgh");
		expect(inertPlain("a\u202Eb\u0085c\ud800d")).toBe("abcd");
	});

	it("keeps paragraphs in blocks and escapes each paragraph start", () => {
		const text = "First line\nsecond line\n\n# Not a heading\n \n\n- not a list\n---\n\n";
		expect(inertBlock(text)).toBe("First line second line\n\n\\# Not a heading\n\n\\- not a list ---");
		expect(inertBlock("one\u2029two")).toBe("one\n\ntwo");
		expect(inertBlock(" \n\n ")).toBe("");
	});

	it("keeps every line of an answer kept as it came, as a hard break, and escapes each line start", () => {
		const text = '{\n  "title": "x",\n# not a heading\n===\n> not a quote\n\n1. not a list\n---';
		expect(inertLines(text)).toBe('{  \n"title": "x",  \n\\# not a heading  \n\\===  \n\\> not a quote\n\n1\\. not a list  \n\\---');
	});

	it("keeps our own markup and escapes only the text around it", () => {
		expect(
			inertProse([{ text: "# He says " }, { markup: '"two files" ([0:24](https://www.youtube.com/watch?v=x&t=24s))' }, { text: " and <b>more</b>\n\n- next" }]),
		).toBe('\\# He says "two files" ([0:24](https://www.youtube.com/watch?v=x&t=24s)) and &lt;b>more&lt;/b>\n\n\\- next');
	});
});

describe("ordinary text", () => {
	const plain = [
		`It's "fine", isn't it? 'Yes.'`,
		"The deal was worth $2 million, not $3 million.",
		"C++ and C# and F#.",
		"3 < 5 and 5 > 3, x <= y",
		"a -> b <- c => d",
		"See https://example.com/path?q=1&x=2#top for more.",
		"A [link](https://example.com/a_(b)) in text.",
		"The data: 5 points, the file: none.",
		"~~struck~~ **bold** _italic_ ==marked==",
		"50% of 100% is 50 %.",
		"-5 degrees, +3 more, 1990s, 2.5 times",
		"Zoë says «bonjour» — naïve café 日本語 🎉 👨‍👩‍👧",
	];

	it("comes out unchanged", () => {
		for (const t of plain) {
			expect(inertInline(t)).toBe(t);
			expect(inertBlock(t)).toBe(t);
			expect(inertLines(t)).toBe(t);
			expect(inertPlain(t)).toBe(t);
		}
	});
});
