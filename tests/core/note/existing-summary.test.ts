import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { findExistingSummary, type NoteProperties } from "../../../src/core/note/existing-summary";
import { readFrontmatter } from "../../../src/core/note/read-frontmatter";
import { renderNote } from "../../../src/core/note/render-note";

const ID = "dQw4w9WgXcQ";
const summary = (created: string, more: Record<string, unknown> = {}) => ({ video_id: ID, created, tags: ["video-summary"], ...more });

describe("findExistingSummary", () => {
	it("finds the summary of the video by its video_id, and nothing for another video", () => {
		const notes: NoteProperties[] = [
			{ path: "Video summaries/Other summary.md", frontmatter: { ...summary("2026-01-01T00:00:00.000Z"), video_id: "aaaaaaaaaaa" } },
			{ path: "Video summaries/Rick summary.md", frontmatter: summary("2026-01-01T00:00:00.000Z") },
			{ path: "Plain.md", frontmatter: undefined },
		];
		expect(findExistingSummary(ID, notes)).toBe("Video summaries/Rick summary.md");
		expect(findExistingSummary("bbbbbbbbbbb", notes)).toBeNull();
		expect(findExistingSummary("", notes)).toBeNull();
		expect(findExistingSummary(ID, [])).toBeNull();
	});

	it("prefers the newest by created, then by the file's change time, then by path, whatever the order given", () => {
		const notes: NoteProperties[] = [
			{ path: "a.md", frontmatter: summary("2026-01-01T00:00:00.000Z"), modified: 9 },
			{ path: "b.md", frontmatter: summary("2026-03-01T00:00:00.000Z"), modified: 1 },
			{ path: "c.md", frontmatter: summary("2026-02-01T00:00:00.000Z"), modified: 5 },
			{ path: "no date.md", frontmatter: { video_id: ID, tags: ["video-summary"] }, modified: 99 },
		];
		expect(findExistingSummary(ID, notes)).toBe("b.md");
		expect(findExistingSummary(ID, [...notes].reverse())).toBe("b.md");
		const sameDay = [
			{ path: "x summary.md", frontmatter: summary("2026-11-26T10:00:00.000Z"), modified: 1 },
			{ path: "x summary 2.md", frontmatter: summary("2026-11-26T10:00:00.000Z"), modified: 2 },
		];
		expect(findExistingSummary(ID, sameDay)).toBe("x summary 2.md");
		expect(findExistingSummary(ID, [...sameDay].reverse())).toBe("x summary 2.md");
		// The change time decides against either order of paths.
		const at = (path: string, modified: number) => ({ path, frontmatter: summary("2026-11-26T10:00:00.000Z"), modified });
		expect(findExistingSummary(ID, [at("a.md", 2), at("b.md", 1)])).toBe("a.md");
		expect(findExistingSummary(ID, [at("a.md", 1), at("b.md", 2)])).toBe("b.md");
		const sameTime = sameDay.map((n) => ({ ...n, modified: 1 }));
		expect(findExistingSummary(ID, sameTime)).toBe(findExistingSummary(ID, [...sameTime].reverse()));
		// A date that does not read counts as oldest, never as newest.
		expect(findExistingSummary(ID, [notes[0] as NoteProperties, { path: "bad.md", frontmatter: summary("yesterday") }])).toBe("a.md");
	});

	it("ignores notes that are not this plugin's summaries: untagged, a batch index, an answer kept unparsed", () => {
		const only = (frontmatter: unknown) => findExistingSummary(ID, [{ path: "n.md", frontmatter }]);
		expect(only({ video_id: ID })).toBeNull();
		expect(only({ video_id: ID, tags: ["youtube"] })).toBeNull();
		expect(only({ video_id: ID, tags: ["video-summary-index"] })).toBeNull();
		expect(only({ video_id: ID, tags: ["video-summary", "video-summary-index"] })).toBeNull();
		expect(only(summary("2026-01-01T00:00:00.000Z", { status: "unparsed" }))).toBeNull();
		expect(only(summary("2026-01-01T00:00:00.000Z", { status: "incomplete" }))).toBe("n.md");
		// A summary kept unparsed does not hide an older one that reads.
		expect(
			findExistingSummary(ID, [
				{ path: "old.md", frontmatter: summary("2026-01-01T00:00:00.000Z") },
				{ path: "new.md", frontmatter: summary("2026-02-01T00:00:00.000Z", { status: "unparsed" }) },
			]),
		).toBe("old.md");
	});

	it("reads tags as Obsidian does: a list or a string, with or without #, in any case", () => {
		const tagged = (tags: unknown) => findExistingSummary(ID, [{ path: "n.md", frontmatter: { video_id: ID, tags } }]);
		expect(tagged("video-summary")).toBe("n.md");
		expect(tagged("#Video-Summary")).toBe("n.md");
		expect(tagged("talks, video-summary")).toBe("n.md");
		expect(tagged(["#video-summary"])).toBe("n.md");
		expect(tagged("video-summaryx")).toBeNull();
		expect(tagged(["video", "summary"])).toBeNull();
		expect(tagged([["video-summary"]])).toBeNull();
		expect(tagged({ 0: "video-summary" })).toBeNull();
		expect(tagged(null)).toBeNull();
	});

	it("matches the id exactly, forgiving spaces around it and an id read as a number, never its case or a link", () => {
		const withId = (id: string, value: unknown) => findExistingSummary(id, [{ path: "n.md", frontmatter: { video_id: value, tags: ["video-summary"] } }]);
		expect(withId(ID, `  ${ID}\t`)).toBe("n.md");
		expect(withId(ID, ID.toLowerCase())).toBeNull();
		expect(withId(ID, ID.slice(0, 10))).toBeNull();
		expect(withId(ID, `https://youtu.be/${ID}`)).toBeNull();
		expect(withId(ID, [ID])).toBeNull();
		expect(withId(ID, { toString: () => ID })).toBeNull();
		expect(withId("12345678901", 12345678901)).toBe("n.md");
		expect(withId("-1234567890", -1234567890)).toBe("n.md");
		// Unquoted, 01234567890 is the number 1234567890 in YAML: no longer the id, so not taken for it.
		expect(withId("01234567890", 1234567890)).toBeNull();
		expect(withId("1e+21", 1e21)).toBeNull();
	});

	it("takes hostile frontmatter in its stride: no prototype lookups, no values' methods called", () => {
		const inherited = Object.create({ video_id: ID, tags: ["video-summary"] }) as object;
		const notes: NoteProperties[] = [
			{ path: "inherited.md", frontmatter: inherited },
			{ path: "array.md", frontmatter: [ID, "video-summary"] },
			{ path: "string.md", frontmatter: `video_id: ${ID}\ntags: video-summary` },
			{ path: "null.md", frontmatter: null },
			{ path: "proto.md", frontmatter: JSON.parse(`{"__proto__": {"video_id": "${ID}", "tags": ["video-summary"]}}`) as unknown },
			{ path: "date.md", frontmatter: { video_id: ID, tags: ["video-summary"], created: { getTime: () => Infinity } } },
		];
		expect(findExistingSummary(ID, notes)).toBe("date.md");
		expect(findExistingSummary(ID, [{ path: 42 as unknown as string, frontmatter: summary("2026-01-01T00:00:00.000Z") }])).toBeNull();
	});
});

describe("readFrontmatter", () => {
	const note = (yaml: string) => `---\n${yaml}\n---\n# Body\n\nvideo_id: "fake"\n`;

	it("reads a note this plugin wrote back into the properties it was given", () => {
		const markdown = renderNote({
			title: 'Talk: "quotes", \\back\\slashes, #hash and ---',
			video: { id: ID, channel: "Channel: one", durationSeconds: 61 },
			sections: [],
			timed: true,
			created: "2026-11-26T10:00:00.000Z",
			model: "gpt-4o-mini",
			source: "YouTube captions",
			usage: { promptTokens: 10, completionTokens: 2, estimated: false, cost: 0.0001 },
		});
		const read = readFrontmatter(markdown);
		expect(read && { ...read }).toEqual({
			title: 'Talk: "quotes", \\back\\slashes, #hash and ---',
			video_url: `https://www.youtube.com/watch?v=${ID}`,
			video_id: ID,
			channel: "Channel: one",
			duration: "1:01",
			created: "2026-11-26T10:00:00.000Z",
			model: "gpt-4o-mini",
			source: "YouTube captions",
			tokens_in: "10",
			tokens_out: "2",
			cost_usd: "0.0001",
			tags: ["video-summary"],
		});
	});

	it("reads YAML's scalar and list forms as text, as the yaml package reads them", () => {
		const yaml = [
			`video_id: ${ID} # a comment`,
			`plain: a#b`,
			`single: 'it''s'`,
			`double: "tab\\there"`,
			`"quoted key": x`,
			`url: https://example.com/a:b`,
			`flow: [a, "b, c", 'd']`,
			`empty flow: []`,
			`tags:`,
			`  - one`,
			`  - "two"`,
			`compact:`,
			`- three`,
		].join("\n");
		const read = readFrontmatter(note(yaml));
		const expected = {
			video_id: ID,
			plain: "a#b",
			single: "it's",
			double: "tab\there",
			"quoted key": "x",
			url: "https://example.com/a:b",
			flow: ["a", "b, c", "d"],
			"empty flow": [],
			tags: ["one", "two"],
			compact: ["three"],
		};
		expect(read && { ...read }).toEqual(expected);
		expect(parse(yaml)).toEqual(expected);
	});

	it("skips what it does not read (nested mappings, block and folded scalars, anchors), keeping the rest", () => {
		const yaml = [
			"nested:",
			"  a: 1",
			"block: |",
			"  line one",
			"  line two",
			"folded: a long",
			"  title",
			"anchor: &x value",
			"alias: *x",
			"mixed:",
			"  - a",
			"  - [b]",
			"empty:",
			`video_id: "${ID}"`,
		].join("\n");
		const read = readFrontmatter(note(yaml));
		expect(read && { ...read }).toEqual({ video_id: ID });
	});

	it("reads no frontmatter from text that has none, or whose block is not a mapping or never ends", () => {
		expect(readFrontmatter(`# Title\n\nvideo_id: "${ID}"\n`)).toBeNull();
		expect(readFrontmatter(`\n---\nvideo_id: "${ID}"\n---\n`)).toBeNull();
		expect(readFrontmatter(`---\nvideo_id: "${ID}"\n`)).toBeNull();
		expect(readFrontmatter(`---\nvideo_id: "${ID}"\nvideo_id: "other"\n---\n`)).toBeNull();
		expect(readFrontmatter(`---\njust words\n---\n`)).toBeNull();
		expect(readFrontmatter(`---\n  indented: x\n---\n`)).toBeNull();
		expect({ ...readFrontmatter(`\uFEFF---\r\nvideo_id: "${ID}"\r\n...\r\n`) }).toEqual({ video_id: ID });
		expect({ ...readFrontmatter("---\n---\n") }).toEqual({});
	});

	it("keeps hostile keys as plain properties and bad quoting unread", () => {
		const read = readFrontmatter(note(`__proto__: x\nconstructor: "y"\nvideo_id: "${ID}\nbad: "\\q"\nok: 'unclosed`));
		expect(read).not.toBeNull();
		expect(Object.getPrototypeOf(read)).toBeNull();
		expect(read && { ...read }).toEqual({ ["__proto__"]: "x", constructor: "y" });
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	it("never throws and stays fast on random or pathological text", () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom("-", ":", " ", "\t", "\n", "#", '"', "'", "[", "]", ",", "\\", "a", "-", "|", "&") }), (body) => {
				readFrontmatter(`---\n${body}\n---\n`);
			}),
			{ seed: 20_261_126, numRuns: 2000 },
		);
		const long = `---\nkey: ${"a:".repeat(50_000)} ${"[".repeat(50_000)}\n${"- ".repeat(50_000)}\n${` ${"#".repeat(50_000)}`}\n---\n`;
		const started = performance.now();
		readFrontmatter(long);
		expect(performance.now() - started).toBeLessThan(500);
	});
});
