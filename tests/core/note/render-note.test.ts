import { describe, expect, it } from "vitest";

import { type NoteInput, renderNote } from "../../../src/core/note/render-note";
import type { CheckedSection } from "../../../src/core/types";

const ID = "dQw4w9WgXcQ";
const URL = `https://www.youtube.com/watch?v=${ID}`;
const CREATED = "2026-11-26T10:00:00.000Z";

const timedSections: CheckedSection[] = [
	{
		title: "Tokens",
		start: 24,
		end: 224,
		summary: [["Text is split into tokens."], ["Each token becomes a vector.\n\nVectors carry meaning."]],
		quotes: [
			{ text: "a token is roughly four characters", start: 31.6, verified: true },
			{ text: "attention is all you need", start: null, verified: false },
		],
	},
	{
		title: "Attention",
		start: 224,
		end: 3725,
		summary: [["Every token looks at every other token."]],
		quotes: [],
	},
	{
		title: "Questions",
		start: 3725,
		end: null,
		summary: [["The audience asks about cost."]],
		quotes: [{ text: "it is cheaper than you think", start: 3790, verified: true }],
	},
];

function note(over: Partial<NoteInput>): NoteInput {
	return {
		title: "How LLMs work",
		sections: timedSections,
		timed: true,
		created: CREATED,
		model: "gpt-4.1-mini",
		source: "youtube captions (en, auto-generated)",
		...over,
	};
}

describe("renderNote", () => {
	it("renders a timed video note with linked times and verified and unverified quotes", () => {
		const out = renderNote(note({ video: { id: ID, startAt: 754, channel: "Rick Astley" }, language: "en" }));
		expect(out).toBe(`---
title: "How LLMs work"
video_url: "${URL}"
video_id: "${ID}"
channel: "Rick Astley"
created: "${CREATED}"
model: "gpt-4.1-mini"
source: "youtube captions (en, auto-generated)"
language: "en"
tags:
  - "video-summary"
---
# How LLMs work

[Watch on YouTube](${URL}) · the link pointed to [12:34](${URL}&t=754s)

## Tokens ([0:24–3:44](${URL}&t=24s))

Text is split into tokens.

Each token becomes a vector.

Vectors carry meaning.

Quotes:
1. "a token is roughly four characters" ([0:31](${URL}&t=31s))
2. "attention is all you need" (unverified)

## Attention ([3:44–1:02:05](${URL}&t=224s))

Every token looks at every other token.

## Questions ([1:02:05](${URL}&t=3725s))

The audience asks about cost.

Quotes:
1. "it is cheaper than you think" ([1:03:10](${URL}&t=3790s))
`);
	});

	it("renders plain times without a video", () => {
		const out = renderNote(
			note({
				title: "LLM",
				source: "pasted transcript (Talks/LLM.md)",
				sourceNote: "Talks/LLM.md",
				sections: timedSections.slice(0, 1),
			}),
		);
		expect(out).toBe(`---
title: "LLM"
created: "${CREATED}"
model: "gpt-4.1-mini"
source: "pasted transcript (Talks/LLM.md)"
source_note: "Talks/LLM.md"
tags:
  - "video-summary"
---
# LLM

## Tokens (0:24–3:44)

Text is split into tokens.

Each token becomes a vector.

Vectors carry meaning.

Quotes:
1. "a token is roughly four characters" (0:31)
2. "attention is all you need" (unverified)
`);
	});

	it("renders an untimed, cut-off note with warnings and no times at all", () => {
		const out = renderNote(
			note({
				title: "Notes/x",
				video: { id: ID, startAt: 0 },
				timed: false,
				source: "selection in Notes/x.md",
				incomplete: true,
				warnings: ["The transcript has no timestamps, so sections and quotes have no time links."],
				sections: [
					{
						title: "Opening",
						start: null,
						end: null,
						summary: [["The host introduces the guest."]],
						quotes: [
							{ text: "glad to be here", start: null, verified: true },
							{ text: "best show ever", start: null, verified: false },
						],
					},
					{ title: "", start: null, end: null, summary: [[""], ["Closing words."]], quotes: [{ text: " ", start: null, verified: true }] },
				],
			}),
		);
		expect(out).toBe(`---
title: "Notes/x"
video_url: "${URL}"
video_id: "${ID}"
created: "${CREATED}"
model: "gpt-4.1-mini"
source: "selection in Notes/x.md"
status: "incomplete"
tags:
  - "video-summary"
---
# Notes/x

[Watch on YouTube](${URL})

> [!warning] Incomplete: the model's answer was cut off at its output limit, so this summary ends early and later parts of the video may be missing. Run it again with a higher output limit (Maximum output tokens in the plugin's settings).

> [!warning] The transcript has no timestamps, so sections and quotes have no time links.

## Opening

The host introduces the guest.

Quotes:
1. "glad to be here"
2. "best show ever" (unverified)

## Section 2

Closing words.
`);
	});

	it("leaves nothing executable or structural from hostile text", () => {
		const evil =
			'Evil"\nkey: value\n---\n<%* tp.system("rm -rf ~") %> <%+ x %> <script>alert(1)</script> <iframe src=//e.example> ' +
			"<img src=x onerror=alert(1)> ![[secret.png]] ![x](https://e.example/?d=1) [[../Private/diary]] " +
			"[a](javascript:alert(1)) `$= dv.pages()` `= this.file.name` ```dataviewjs\ndv.el('p', 1)\n```\n# heading\n> [!note] hi";
		const out = renderNote(
			note({
				title: evil,
				video: { id: ID, channel: evil },
				source: evil,
				sourceNote: evil,
				language: evil,
				model: evil,
				warnings: [evil],
				sections: [
					{
						title: evil,
						start: 0,
						end: 10,
						summary: [[evil], [`---\n${evil}\n\n~~~dataview\nLIST\n~~~`]],
						quotes: [
							{ text: evil, start: 1, verified: true },
							{ text: evil, start: null, verified: false },
						],
					},
				],
			}),
		);
		const lower = out.toLowerCase();
		for (const bad of ["<%", "<script", "<iframe", "<img", "```", "~~~", "`$=", "`=", "![[", "![", "[[../", "[[", "javascript:"]) {
			expect(lower).not.toContain(bad);
		}

		const [, yaml = "", body = ""] = out.split(/^---$/m);
		expect(out.startsWith("---\n")).toBe(true);
		const keys = yaml
			.trim()
			.split("\n")
			.map((line) => {
				const m = /^([a-z_]+):(?: (".*"))?$/.exec(line) ?? /^ {2}- (".*")$/.exec(line);
				if (!m) throw new Error(`Unexpected frontmatter line: ${line}`);
				if (m[2] !== undefined) JSON.parse(m[2]);
				return line.startsWith(" ") ? "-" : m[1];
			});
		expect(keys).toEqual(["title", "video_url", "video_id", "channel", "created", "model", "source", "source_note", "language", "tags", "-"]);
		const title = /^title: (".*")$/m.exec(yaml)?.[1] ?? "";
		expect(JSON.parse(title)).toContain('Evil" key: value --- <\u200B%* tp.system');

		const lines = body.split("\n");
		expect(lines.filter((l) => l.startsWith("#"))).toHaveLength(2);
		expect(lines.filter((l) => l.startsWith("# "))).toHaveLength(1);
		expect(lines.filter((l) => l.startsWith("## "))).toEqual([
			expect.stringMatching(/^## Evil" key: value --- &lt;%\* tp\.system.* \(\[0:00–0:10\]\(https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ&t=0s\)\)$/),
		]);
		expect(lines.filter((l) => l.startsWith(">"))).toHaveLength(1);
		expect(lines.filter((l) => /^(-|\*|\+|\d+\.) /.test(l))).toEqual([
			expect.stringMatching(/^1\. "Evil.*" \(\[0:01\]\(https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ&t=1s\)\)$/),
			expect.stringMatching(/^2\. "Evil.*" \(unverified\)$/),
		]);
		expect(out.split(/^---$/m)).toHaveLength(3);
	});
});
