import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { type IndexEntry, readIndexEntries } from "../../../src/core/batch/index-entries";
import { safeFileName } from "../../../src/core/note/file-name";
import { type IndexInput, renderIndex } from "../../../src/core/note/render-index";
import { markdown, shown, tokens } from "./obsidian-markdown";

const CREATED = "2026-11-26T10:00:00.000Z";
const PLAYLIST = "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr";
const MEMBERS_ONLY = "The video is for channel members only. If you are a member, paste the transcript into a note and run the command there.";
const ids = ["dQw4w9WgXcQ", "M4gD1WSo5mA", "it3OtbTxQk0", "ud9d5cMDP_0", "7PIMiDcwNvc"] as const;

const entries: IndexEntry[] = [
	{ videoId: ids[0], title: "1. What a token is", outcome: { status: "written", path: "Videos/1. What a token is summary.md" } },
	{ videoId: ids[1], title: "2. Attention", outcome: { status: "skipped", reason: "Summarized in an earlier run.", path: "Videos/2. Attention summary.md" } },
	{ videoId: ids[2], title: "3. Members: fine-tuning", outcome: { status: "failed", message: MEMBERS_ONLY } },
	{ videoId: ids[3], outcome: { status: "cancelled" } },
	{ videoId: ids[4], title: "5. Costs in $", outcome: { status: "written", path: "Videos/5. Costs in $ summary.md" } },
];

function splitNote(markdown: string): { frontmatter: string; body: string } {
	expect(markdown.startsWith("---\n")).toBe(true);
	const end = markdown.indexOf("\n---\n", 3);
	return { frontmatter: markdown.slice(4, end), body: markdown.slice(end + 5) };
}

describe("renderIndex", () => {
	it("renders a playlist's index: frontmatter with the notes a re-run reads back, then one line per video in order", () => {
		expect(renderIndex({ title: "Intro to LLMs", source: { playlistId: PLAYLIST }, entries, created: CREATED })).toBe(`---
title: "Intro to LLMs"
playlist_id: "${PLAYLIST}"
playlist_url: "https://www.youtube.com/playlist?list=${PLAYLIST}"
videos: 5
summarized: 3
failed: 1
created: "${CREATED}"
notes:
  - "dQw4w9WgXcQ Videos/1. What a token is summary.md"
  - "M4gD1WSo5mA Videos/2. Attention summary.md"
  - "7PIMiDcwNvc Videos/5. Costs in $ summary.md"
tags:
  - "video-summary-index"
---
# Intro to LLMs

[Playlist on YouTube](https://www.youtube.com/playlist?list=${PLAYLIST})

5 videos: 3 summarized, 1 failed, 1 not summarized yet.

1. [[Videos/1. What a token is summary|1. What a token is]]
2. [[Videos/2. Attention summary|2. Attention]]
3. 3\\. Members: fine-tuning: not summarized. ${MEMBERS_ONLY} ([YouTube](https://www.youtube.com/watch?v=it3OtbTxQk0))
4. Video ud9d5cMDP_0: not summarized yet, as the batch was cancelled. ([YouTube](https://www.youtube.com/watch?v=ud9d5cMDP_0))
5. [5. Costs in $](Videos/5.%20Costs%20in%20%24%20summary.md)

Run the batch again to summarize the videos still missing: the ones summarized are skipped, and this note is updated.
`);
	});

	it("renders the index of videos linked in a note, and says nothing more when all have notes", () => {
		const done = entries.filter((e) => e.outcome.status === "written");
		expect(renderIndex({ title: "Watch later", source: { note: "Inbox/Watch later.md" }, entries: done, created: CREATED })).toBe(`---
title: "Watch later"
source_note: "Inbox/Watch later.md"
videos: 2
summarized: 2
failed: 0
created: "${CREATED}"
notes:
  - "dQw4w9WgXcQ Videos/1. What a token is summary.md"
  - "7PIMiDcwNvc Videos/5. Costs in $ summary.md"
tags:
  - "video-summary-index"
---
# Watch later

Videos linked in [[Inbox/Watch later|Watch later]].

2 videos: 2 summarized.

1. [[Videos/1. What a token is summary|1. What a token is]]
2. [5. Costs in $](Videos/5.%20Costs%20in%20%24%20summary.md)
`);
	});

	it("refuses a playlist id that is not one, rather than build a link from it", () => {
		expect(() => renderIndex({ title: "x", source: { playlistId: "PL1) [x](javascript:alert(1)" }, entries: [], created: CREATED })).toThrow(
			/is not a YouTube playlist id/,
		);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Hostile titles, paths and messages

const HOSTILE = [
	"]]",
	"[[",
	"|",
	"#",
	"#shorts",
	" #tag",
	"^",
	" ^blockid",
	"\n",
	"\n\n",
	"\r\n",
	"\u2028",
	"%%",
	"$$",
	"$x$",
	"x$",
	"`",
	"`= this.file.name`",
	"`$= dv.pages()`",
	"```dataviewjs",
	"<script>",
	"</script>",
	"<img onerror=alert(1)>",
	"{{",
	"{{date}}",
	"}}",
	"<%",
	"<%* tp.system.prompt() %>",
	"%>",
	"::",
	"key:: value",
	"[rating:: 5]",
	"![[secret.md]]",
	"![x](https://evil.example/x.png)",
	"[x](javascript:alert(1))",
	"[1]: javascript:alert(1)",
	"\\",
	"\\]]",
	"---",
	"# ",
	"> [!note]",
	"- ",
	"1. ",
	"\u202E",
	"\u200B",
	"\u0000",
	"&#93;&#93;",
	"&lt;%",
];
const WORDS = ["Intro", "to", "LLMs", "part", "2", "Q&A", "100%", "C#", "$2", "10:30", " "];
const fragment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 2, arbitrary: fc.constantFrom(...WORDS) });
const hostile = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(""));
// Paths as a host makes them (safeFileName keeps `` ` $ { } & ; ``) or as a user may have named a note.
const pathPart = fc
	.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom("`", "$", "{{", "&amp;", ";", "#", "^", "]]", "|", "[", "%", "=", "!", "~", ".", "'", "()")), {
		minLength: 1,
		maxLength: 6,
	})
	.map((parts) => parts.join("").trim() || "x");
const path = fc.tuple(fc.constantFrom("", "Videos/", "Videos/2026 #1/"), pathPart).map(([folder, base]) => `${folder}${base} summary.md`);

const entry: fc.Arbitrary<IndexEntry> = fc.record({
	videoId: fc.constantFrom(...ids),
	title: fc.option(hostile, { nil: undefined }),
	outcome: fc.oneof(
		fc.record({ status: fc.constant("written" as const), path }),
		fc.record({ status: fc.constant("skipped" as const), reason: hostile, path: fc.option(path, { nil: undefined }) }),
		fc.record({ status: fc.constant("failed" as const), message: hostile }),
		fc.constant({ status: "cancelled" as const }),
	),
});
const input: fc.Arbitrary<IndexInput> = fc.record({
	title: hostile,
	source: fc.oneof(fc.constant({ playlistId: PLAYLIST }), fc.record({ note: path })),
	entries: fc.array(entry, { maxLength: 6 }),
	created: fc.constant(CREATED),
});

const FORBIDDEN_TOKENS = ["html_block", "html_inline", "image", "code_inline", "code_block", "fence", "math"];
const LIVE_TAG = /(?:^|[^\p{L}\p{N}\p{M}_])#(?=[^\s!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~]*[^\s\d!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~])/mu;
// What a reader sees of untrusted text: one line, no invisible characters.
const flat = (text: string) =>
	text
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u202E]/g, "")
		.replace(/\s+/g, " ")
		.trim();
// Entities in untrusted text are read as Markdown reads them, in every note (`&#93;` shows as `]`); a backslash
// in a link's text is kept.
const unescapedInLink = (text: string) => markdown.utils.unescapeAll(flat(text).replace(/\\/g, "\\\\"));

function checkIndex(index: IndexInput): void {
	const markdown = renderIndex(index);
	const { frontmatter, body } = splitNote(markdown);

	// Frontmatter: one value per line, and the notes read back exactly as written.
	const values = parse(frontmatter) as Record<string, unknown>;
	expect(values.tags).toEqual(["video-summary-index"]);
	expect(values.videos).toBe(index.entries.length);
	const withNotes = index.entries.filter((e) => (e.outcome.status === "written" || e.outcome.status === "skipped") && e.outcome.path !== undefined);
	expect(readIndexEntries(values).map((e) => [e.videoId, e.outcome.status === "skipped" ? e.outcome.path : undefined])).toEqual(
		withNotes.map((e) => [e.videoId, "path" in e.outcome ? e.outcome.path : undefined]),
	);

	// Anywhere in the file.
	expect(markdown).not.toContain("<%");
	expect(markdown).not.toMatch(/<[A-Za-z/!?%]/);
	expect(markdown).not.toContain("![");
	expect(markdown).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);

	// The body: no HTML, image, code or math; every link either a web address or a note in the vault.
	const parsed = tokens(body);
	expect(parsed.filter((t) => FORBIDDEN_TOKENS.includes(t.type)).map((t) => `${t.type}: ${t.content}`)).toEqual([]);
	expect(body).not.toContain("`");
	expect(body).not.toContain("$$");
	expect(body).not.toContain("::");
	expect(body).not.toContain("%%");
	expect(body).not.toMatch(LIVE_TAG);
	expect(body.split("\n").filter((l) => /(?:^|\s)\^[A-Za-z0-9-]+\s*$/.test(l))).toEqual([]);
	expect(parsed.filter((t) => t.type === "heading_open")).toHaveLength(1);
	expect(parsed.filter((t) => t.type === "blockquote_open")).toHaveLength(0);
	expect(parsed.filter((t) => t.type === "bullet_list_open")).toHaveLength(0);

	// One list item per video, each one line, holding at most one wikilink, whole.
	const lines = body.split("\n").filter((l) => /^\d+\. /.test(l));
	expect(lines).toHaveLength(index.entries.length);
	expect(parsed.filter((t) => t.type === "list_item_open")).toHaveLength(index.entries.length);
	index.entries.forEach((e, i) => {
		const line = lines[i] ?? "";
		const rest = line.slice(`${i + 1}. `.length);
		const notePath = e.outcome.status === "written" || e.outcome.status === "skipped" ? e.outcome.path : undefined;
		if (notePath === undefined) {
			expect(line).not.toContain("[[");
			// Ends with its own link to the video, which no text before it took apart.
			if (e.outcome.status !== "skipped") {
				expect(line.endsWith(` ([YouTube](https://www.youtube.com/watch?v=${e.videoId}))`)).toBe(true);
				expect(
					tokens(rest)
						.filter((t) => t.type === "link_open")
						.at(-1)
						?.attrGet("href"),
				).toBe(`https://www.youtube.com/watch?v=${e.videoId}`);
			}
			return;
		}
		const wiki = /^\[\[([^[\]|]+)\|([^[\]|]+)\]\]$/.exec(rest);
		const shownTitle = e.title !== undefined && flat(e.title) !== "" ? flat(e.title) : undefined;
		if (wiki) {
			// The target is the note's path; the text, once entities are decoded, the title as written.
			expect(`${wiki[1]}.md`).toBe(notePath);
			if (shownTitle !== undefined) expect(shown(`x${wiki[2]}`).slice(1)).toBe(unescapedInLink(shownTitle));
		} else {
			// A path that could break a wikilink: a Markdown link to the same note.
			expect(rest).not.toContain("[[");
			const links = tokens(rest).filter((t) => t.type === "link_open");
			expect(links).toHaveLength(1);
			expect(decodeURIComponent(String(links[0]?.attrGet("href")))).toBe(notePath);
			if (shownTitle !== undefined) expect(shown(rest)).toBe(unescapedInLink(shownTitle));
		}
	});
}

describe("renderIndex with hostile text", () => {
	it("keeps every title, reason and path inert, every wikilink whole, and every note readable back", () => {
		const titles = HOSTILE.map((h, i) => `Part ${i} ${h} end`);
		checkIndex({
			title: HOSTILE.join(" "),
			source: { playlistId: PLAYLIST },
			created: CREATED,
			entries: titles.map((title, i) => ({
				videoId: ids[i % ids.length] as string,
				title,
				outcome:
					i % 3 === 0
						? { status: "written", path: `Videos/Part ${i} summary.md` }
						: i % 3 === 1
							? { status: "failed", message: `${HOSTILE[(i + 7) % HOSTILE.length]} Try again.` }
							: { status: "written", path: `Videos/${safeFileName(title)} summary.md` },
			})),
		});
	});

	it("writes the exact escapes for a title made of everything at once", () => {
		const title = "]] | #shorts ^id %% $$x$$ `code` <script> {{date}} <% x %> key:: v \\";
		const out = renderIndex({
			title,
			source: { playlistId: PLAYLIST },
			created: CREATED,
			entries: [{ videoId: ids[0], title, outcome: { status: "written", path: "Videos/Safe summary.md" } }],
		});
		expect(out).toContain(
			"1. [[Videos/Safe summary|&#93;&#93; &#124; &#35;shorts &#94;id %&#37; &#36;&#36;x&#36;&#36; &#96;code&#96; &lt;script> {{date}} &lt;% x %> key:&#58; v &#92;]]",
		);
		expect(out).toContain("# ]] | &#35;shorts &#94;id %&#37; &#36;&#36;x&#36;&#36; &#96;code&#96; &lt;script> {{date}} &lt;% x %> key:&#58; v \\\n");
	});

	it("holds for random mixes of hostile text", () => {
		fc.assert(fc.property(input, checkIndex), { seed: 20_261_126, numRuns: 300 });
	});
});
