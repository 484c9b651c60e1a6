import { describe, expect, it } from "vitest";

import { inertInline, inertLines, inertPlain, inertProse, stripHidden } from "../../../src/core/note/inert-text";
import { shown, tokens } from "./obsidian-markdown";

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

// The Markdown-producing functions, each returning what it made of `text`.
const markdownFns = [inertInline, inertBlock, inertLines];

describe("Dataview inline fields", () => {
	const fields = ["[rating:: 5]", "(hidden:: secret)", "key:: value", "> quoted:: value", "- item:: value", "a:::b", "std::vector"];

	it("have no `::` left, in every function", () => {
		for (const fn of markdownFns) for (const t of fields) expect(fn(t)).not.toContain("::");
		expect(inertInline("[rating:: 5] (hidden:: x)")).toBe("[rating:&#58; 5] (hidden:&#58; x)");
		expect(inertLines("key:: value\n> quoted:: value")).toBe("key:&#58; value  \n\\> quoted:&#58; value");
	});

	it("still read as the text that was said", () => {
		for (const t of ["[rating:: 5]", "(hidden:: secret)", "key:: value", "a:::b", "std::vector"]) expect(shown(inertInline(t))).toBe(t);
	});

	it("cannot be formed by two pieces of prose joined", () => {
		expect(inertProse([{ text: "[rating:" }, { text: ": 5]" }])).toBe("[rating:&#58; 5]");
		expect(inertProse([{ text: "look ![" }, { text: "[secret]]" }])).toBe("look &#33;[&#91;secret]]");
	});
});

describe("MathJax", () => {
	const maths = ["$x^2$", "$\\href{https://evil.example}{click}$", "$$\\unicode{x1F600}$$", "$$\nx\n$$", "a $b$ c", "$5-$10", "US$5 and C$6$", "$ $x$"];

	it("leaves no math for Obsidian to render", () => {
		for (const fn of markdownFns) {
			for (const t of maths) expect(tokens(fn(t)).filter((k) => k.type === "math")).toEqual([]);
		}
		for (const t of maths) expect(tokens(t).some((k) => k.type === "math")).toBe(true);
	});

	it("breaks every `$` that could close and every `$$`, and still shows the dollars", () => {
		expect(inertInline("$x^2$")).toBe("&#36;x^2&#36;");
		expect(inertInline("see $\\href{https://e.example}{click}$ now")).toBe("see $\\href{https://e.example}{click}&#36; now");
		expect(inertInline("$$\\unicode{x}$$")).toBe("&#36;&#36;\\unicode{x}&#36;&#36;");
		expect(inertInline("a $$ b")).toBe("a &#36;&#36; b");
		for (const t of maths) expect(shown(inertInline(t))).toBe(t.replace(/\s+/g, " "));
	});

	it("keeps a `$` that can only open, and breaks one at the start of a piece, which a piece before may close", () => {
		expect(inertInline("worth $2 million, not $3 million")).toBe("worth $2 million, not $3 million");
		expect(inertInline("$2 million")).toBe("&#36;2 million");
		// Each piece alone has one `$`; joined, the second would close the first if it were left.
		const joined = inertProse([{ text: "pay $20 " }, { markup: '"quote"' }, { text: "$ more" }]);
		expect(joined).toBe('pay $20 "quote"&#36; more');
		expect(tokens(joined).some((k) => k.type === "math")).toBe(false);
		expect(tokens(inertLines("a $b\nc$ d")).some((k) => k.type === "math")).toBe(false);
	});
});

describe("tags", () => {
	it("are not live where a word starts with `#`", () => {
		expect(inertInline("buy now #evil-tag")).toBe("buy now &#35;evil-tag");
		expect(inertInline("(#a) [#b] **#c** #nested/tag #日本 #1st")).toBe("(&#35;a) [&#35;b] **&#35;c** &#35;nested/tag &#35;日本 &#35;1st");
		expect(inertInline("##double")).toBe("\\#&#35;double");
		expect(inertInline("#tag at the start")).toBe("&#35;tag at the start");
		expect(inertProse([{ markup: '"q"' }, { text: "#tag" }])).toBe('"q"&#35;tag');
		expect(inertLines("line\n#tag")).toBe("line  \n&#35;tag");
		for (const t of ["#evil-tag", "a #b", "(#c)", "#nested/tag"]) expect(shown(inertInline(t))).toBe(t);
	});

	it("leave `#` alone where it cannot start one", () => {
		for (const t of ["C# and F#", "issue#5", "the #1 hit of 2026", "a # b", "page.html#top", "&#35;x"]) expect(inertInline(t)).toBe(t);
	});
});

describe("block ids", () => {
	it("are broken at the end of a paragraph, a line or a list item, and where a word starts with `^`", () => {
		expect(inertInline("end of a paragraph ^blockid")).toBe("end of a paragraph &#94;blockid");
		expect(inertInline("^blockid")).toBe("&#94;blockid");
		expect(inertInline("a ^id b")).toBe("a &#94;id b");
		expect(inertInline("E = mc^2")).toBe("E = mc&#94;2");
		expect(inertBlock("first ^one\n\nsecond ^two-2")).toBe("first &#94;one\n\nsecond &#94;two-2");
		expect(inertLines("one ^a\ntwo ^b")).toBe("one &#94;a  \ntwo &#94;b");
		expect(shown(inertInline("end ^blockid"))).toBe("end ^blockid");
	});

	it("leave a `^` inside a word or before a space alone", () => {
		for (const t of ["x^2 + y^2 = z^2 here", "2 ^ 3", "^", "a^ b"]) expect(inertInline(t)).toBe(t);
	});
});

describe("invisible characters", () => {
	const hidden = [
		"\u3164",
		"\u115F",
		"\u1160",
		"\uFFA0",
		"\u00AD",
		"\u200B",
		"\u2060",
		"\u2063",
		"\uFEFF",
		"\u200E",
		"\u200F",
		"\u061C",
		"\u202E",
		"\u2067",
		"\u206A",
		"\u180E",
		"\u{E0041}",
		"\u{E0001}",
		"\u{E007F}",
		"\u{1D173}",
	];

	it("are removed from every kind of text", () => {
		for (const fn of all) for (const h of hidden) expect(fn(`a${h}b`)).toBe("ab");
		expect(inertInline("ig\u{E006E}\u{E006F}\u{E0072}\u{E0065}nore")).toBe("ignore");
	});

	it("keep joiners, variation selectors and the three subdivision flags", () => {
		const kept = [
			"👨‍👩‍👧",
			"🏳️‍🌈",
			"می‌خواهم",
			"\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
			"\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
		];
		for (const t of kept) expect(stripHidden(t)).toBe(t);
		// A black flag carrying other tag characters keeps the flag and loses the hidden text.
		expect(stripHidden("\u{1F3F4}\u{E0068}\u{E0069}\u{E007F}")).toBe("\u{1F3F4}");
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
		"Ratio 3:2 at 10:30, x^2 and 2 ^ 3, issue#5 and the #1 hit.",
		"Save $5 or $10 today, 5 $ each.",
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
