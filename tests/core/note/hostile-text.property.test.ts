/**
 * Property tests: random hostile text, built from the fragments other plugins act on (Templater, Dataview queries
 * and inline fields, MathJax, tags, block ids, HTML, embeds, links, frontmatter, bidi, control and invisible
 * characters, reserved file names), mixed with ordinary words, fed through every untrusted field of a note and
 * through the file-name functions. Notes are judged with real parsers: the frontmatter with `yaml` (as YAML 1.2
 * and 1.1), the body with markdown-it set up as Obsidian reads it (`./obsidian-markdown.ts`). Seeded, so a
 * failure reproduces: fast-check prints the seed and path of the smallest failing case.
 */
import { posix } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

import { SummaryError } from "../../../src/core/errors";
import { availablePath, safeFileName, safeFolder } from "../../../src/core/note/file-name";
import { type NoteInput, renderNote } from "../../../src/core/note/render-note";
import { parseYaml } from "../../support/obsidian-fake-vault";
import { tokens } from "./obsidian-markdown";

// FC_SEED and FC_RUNS (a multiplier) explore further: FC_SEED=$RANDOM FC_RUNS=20 npx vitest run tests/core/note/hostile-text.property.test.ts
const SEED = Number(process.env.FC_SEED ?? 20_261_126);
const SCALE = Number(process.env.FC_RUNS ?? 1);
const NOTE_RUNS = 400 * SCALE;
const NAME_RUNS = 1000 * SCALE;
const PATH_RUNS = 500 * SCALE;

const ID = "dQw4w9WgXcQ";
const CREATED = "2026-11-26T10:00:00.000Z";

// One grapheme of 241 bytes: no file name can hold it.
const HUGE_GRAPHEME = `x${"\u0301".repeat(120)}`;
const HOSTILE = [
	"<%",
	"<%*",
	"%>",
	"<%+ tp.file.title %>",
	"<%_ await tp.system.prompt() _%>",
	"<%- x -%>",
	"<script>",
	"</script>",
	"<iframe src=x>",
	"<img onerror=alert(1)>",
	"<style>",
	"<!--",
	"<?xml",
	"<a href=javascript:alert(1)>",
	"```dataviewjs",
	"```dataview",
	"```",
	"~~~js",
	"~~~",
	"`$= dv.x`",
	"`= this.file`",
	"`",
	"![](https://evil.example/x.png)",
	"![[secret.md]]",
	"![",
	"[[../../etc/passwd]]",
	"[[",
	"]]",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x]( javascript:alert(1))",
	"[x](<javascript:alert(1)>)",
	"[y](data:text/html;base64,PHNjcmlwdD4=)",
	"[1]: javascript:alert(1)",
	"javascript:",
	"java\u0000script:",
	"obsidian://open?vault=x",
	"%%",
	"---",
	"\n---\n",
	"\ntags: [evil]\n",
	"\ncssclasses: x",
	"\n",
	"\r\n",
	"\u2028",
	"\u2029",
	"\n\n",
	'"',
	"'",
	"\\",
	":",
	": ",
	"#",
	"# ",
	"## ",
	">",
	"> [!note]",
	"|",
	"- ",
	"1. ",
	"*",
	"^",
	"[",
	"]",
	"(",
	")",
	"=",
	"$",
	"$$",
	"$x^2$",
	"$\\href{https://evil.example}{click}$",
	"$$\\unicode{x1F600}$$",
	"\n$$\n",
	"x$",
	"$5",
	"::",
	"[rating:: 5]",
	"(hidden:: x)",
	"key:: value",
	"\nkey:: value\n",
	"> quoted:: value",
	"[k:",
	":v]",
	"#evil-tag",
	" #evil-tag",
	"#nested/tag",
	"(#x)",
	"#日本",
	"#1",
	"##",
	" ^blockid",
	"^blockid",
	"^id\n",
	"x^2",
	"&#96;",
	"&lt;%",
	"\u202E",
	"\u2066",
	"\u2069",
	"\u200E",
	"\u061C",
	"\u200B",
	"\u200D",
	"\u2060",
	"\uFEFF",
	"\u3164",
	"\u115F",
	"\uFFA0",
	"\u00AD",
	"\u2063",
	"\u206A",
	"\u180E",
	"\u{E0041}\u{E0042}",
	"\u{E0001}",
	"\u{E007F}",
	"\u{1F3F4}",
	"\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
	"\u0000",
	"\u0001",
	"\u0007",
	"\u001B[31m",
	"\u007F",
	"\u0085",
	"\u009B",
	"\t",
	"\u000B",
	"\u000C",
	"\uD800",
	"\uDC00",
	".",
	"..",
	"../",
	"..\\",
	"/",
	"C:\\",
	"CON",
	"con.txt",
	"NUL ",
	"LPT1",
	"COM¹",
	"AUX.",
	" ",
	"...",
	". ",
	"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
	"👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
	"🏳️‍🌈".repeat(12),
	"e\u0301".repeat(30),
	HUGE_GRAPHEME,
	"a".repeat(120),
	"日本語のタイトル".repeat(6),
	"مرحبا",
];
const WORDS = ["the", "video", "talk", "tokens", "summary", "Intro", "to", "LLMs", "part", "2", "2026", "a", "of", "Q&A", "100%", "C#", "$2", "10:30"];

const fragment = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
	{ weight: 4, arbitrary: fc.constantFrom(...WORDS) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
	{ weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)) },
);
const text = (maxLength: number) => fc.array(fragment, { maxLength }).map((parts) => parts.join(""));
const hostile = text(24);
const time = fc.option(fc.nat(20_000), { nil: null });
const quote = fc.record({ text: hostile, start: time, verified: fc.boolean() });

const noteInput: fc.Arbitrary<NoteInput> = fc.record({
	title: hostile,
	video: fc.option(
		fc.record({
			id: fc.constant(ID),
			startAt: fc.option(fc.nat(100_000), { nil: undefined }),
			channel: hostile,
			published: hostile,
			durationSeconds: fc.option(fc.nat(100_000), { nil: undefined }),
		}),
		{ nil: undefined },
	),
	captions: fc.option(hostile, { nil: undefined }),
	sections: fc.array(
		fc.record({
			title: hostile,
			start: time,
			end: time,
			// Prose mixes the model's words with the quotations checked inside them.
			summary: fc.array(fc.array(fc.oneof(hostile, quote), { maxLength: 4 }), { maxLength: 3 }),
			quotes: fc.array(quote, { maxLength: 3 }),
			aside: fc.constantFrom(undefined, "overview" as const, "closing" as const),
		}),
		{ maxLength: 4 },
	),
	timed: fc.boolean(),
	created: fc.constant(CREATED),
	model: hostile,
	source: hostile,
	sourceNote: fc.option(hostile, { nil: undefined }),
	language: fc.option(hostile, { nil: undefined }),
	incomplete: fc.boolean(),
	warnings: fc.array(hostile, { maxLength: 3 }),
	transcript: fc.option(
		fc.record({
			segments: fc.array(fc.record({ start: fc.nat(20_000), text: hostile, speaker: fc.option(hostile, { nil: undefined }) }), { maxLength: 5 }),
			timed: fc.boolean(),
			format: fc.constant("plain" as const),
			chapters: fc.constant([]),
		}),
		{ nil: undefined },
	),
	raw: fc.option(fc.record({ text: hostile, reason: hostile }), { nil: undefined }),
	usage: fc.option(
		fc.record({
			promptTokens: fc.nat(),
			completionTokens: fc.nat(),
			estimated: fc.boolean(),
			cost: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
		}),
		{ nil: undefined },
	),
});

// ---------------------------------------------------------------------------------------------------------------
// What must never be in a note

const FORBIDDEN_TOKENS = ["html_block", "html_inline", "image", "code_inline", "code_block", "fence", "math"];
// `#` at a word start followed by tag characters (anything but whitespace and ASCII punctuation other than
// `_ - /`), one of them not a digit: what Obsidian reads as a tag.
const LIVE_TAG = /(?:^|[^\p{L}\p{N}\p{M}_])#(?=[^\s!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~]*[^\s\d!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~])/mu;
const HIDDEN = /[\u17B4\u17B5\u00AD\u061C\u1160\u115F\u180E\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/;
const FLAGS = /\u{1F3F4}\u{E0067}\u{E0062}(?:\u{E0065}\u{E006E}\u{E0067}|\u{E0073}\u{E0063}\u{E0074}|\u{E0077}\u{E006C}\u{E0073})\u{E007F}/gu;

const KNOWN_KEYS = [
	"title",
	"video_url",
	"video_id",
	"channel",
	"published",
	"duration",
	"captions",
	"created",
	"model",
	"source",
	"source_note",
	"language",
	"status",
	"tokens_in",
	"tokens_out",
	"tokens_estimated",
	"cost_usd",
	"tags",
];

/** The frontmatter's keys and values, read by a real YAML parser, as YAML 1.2 and as YAML 1.1 (which reads more line breaks). */
function readFrontmatter(block: string): { keys: string[]; values: Record<string, unknown> } {
	const read = (version: "1.1" | "1.2") => {
		const doc = parseDocument(block, { version, uniqueKeys: true, strict: true });
		expect(doc.errors.map((e) => e.message)).toEqual([]);
		expect(doc.warnings.map((e) => e.message)).toEqual([]);
		return doc.toJS() as unknown;
	};
	const values = read("1.2");
	expect(read("1.1")).toEqual(values);
	expect(values).toBeTypeOf("object");
	expect(Array.isArray(values)).toBe(false);
	const record = values as Record<string, unknown>;
	// One line per scalar value or list item: no value spreads over lines or hides another.
	const items = Object.values(record).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
	expect(block.split("\n")).toHaveLength(Object.keys(record).length + items);
	return { keys: Object.keys(record), values: record };
}

function splitNote(markdown: string): { frontmatter: string; body: string } {
	expect(markdown.startsWith("---\n")).toBe(true);
	const end = markdown.indexOf("\n---\n", 3);
	expect(end).toBeGreaterThan(0);
	return { frontmatter: markdown.slice(4, end), body: markdown.slice(end + 5) };
}

/** The same note with each frontmatter text replaced by a harmless one, keeping which of them are blank. */
function harmless(note: NoteInput): NoteInput {
	const h = (s: string | undefined) => (s === undefined || /^\s*$/.test(s) ? s : "x");
	return {
		...note,
		title: h(note.title) ?? "",
		model: h(note.model) ?? "",
		source: h(note.source) ?? "",
		...(note.video ? { video: { ...note.video, channel: h(note.video.channel), published: h(note.video.published) } } : {}),
		captions: h(note.captions),
		sourceNote: h(note.sourceNote),
		language: h(note.language),
	};
}

function checkNote(note: NoteInput): void {
	const markdown = renderNote(note);
	const { frontmatter, body } = splitNote(markdown);

	// Frontmatter: exactly the keys the same note would have with harmless text, each value one parseable line.
	const { keys, values } = readFrontmatter(frontmatter);
	expect(keys).toEqual(readFrontmatter(splitNote(renderNote(harmless(note))).frontmatter).keys);
	expect(keys.every((k) => KNOWN_KEYS.includes(k))).toBe(true);
	expect(parseYaml(frontmatter)).toEqual(values);
	expect(values.tags).toEqual(["video-summary"]);
	expect(values.video_id).toBe(note.video ? ID : undefined);

	// Anywhere in the file (Templater scans the frontmatter too).
	expect(markdown).not.toContain("<%");
	expect(markdown).not.toMatch(/<[A-Za-z/!?%]/);
	expect(markdown).not.toMatch(/^[ \t]*(?:`{3}|~{3})/m);
	expect(markdown).not.toMatch(/`\s*\$?=/);
	expect(markdown).not.toContain("![");
	expect(markdown).not.toContain("[[");
	expect(markdown).not.toMatch(/(?:javascript|vbscript):/i);
	expect(markdown).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
	expect(markdown).not.toMatch(/[\uD800-\uDFFF]/u);
	// YAML 1.1 parsers read these as line breaks (or a BOM): in the frontmatter they must be escaped.
	expect(markdown).not.toMatch(/[\u2028\u2029\uFEFF]/);
	// Invisible characters (the zero-width space inertPlain puts into frontmatter values aside), tag characters
	// outside the three subdivision flags.
	expect(markdown).not.toMatch(HIDDEN);
	expect(body).not.toContain("\u200B");
	expect(markdown.replace(FLAGS, "")).not.toMatch(/[\u{E0000}-\u{E007F}]/u);

	// The body as a CommonMark parser with Obsidian's math delimiters reads it: no raw HTML, images, code or
	// math, and links only to web addresses.
	const parsed = tokens(body);
	expect(parsed.filter((t) => FORBIDDEN_TOKENS.includes(t.type)).map((t) => `${t.type}: ${t.content}`)).toEqual([]);
	for (const link of parsed.filter((t) => t.type === "link_open")) expect(link.attrGet("href")).toMatch(/^https?:\/\//i);
	expect(parsed.filter((t) => t.type === "heading_open" && t.tag === "h1")).toHaveLength(1);
	expect(parsed.filter((t) => t.type === "heading_open" && t.tag === "h2")).toHaveLength(note.sections.filter((s) => s.aside === undefined).length);
	expect(parsed.filter((t) => t.type === "heading_open")).toHaveLength(1 + note.sections.filter((s) => s.aside === undefined).length);
	// What Obsidian and Dataview read from the raw text (there is no code in which it could be quoted): tags,
	// inline fields, block ids, display math.
	expect(body).not.toMatch(LIVE_TAG);
	expect(body).not.toContain("::");
	expect(body.split("\n").filter((l) => /(?:^|\s)\^[A-Za-z0-9-]+\s*$/.test(l))).toEqual([]);
	expect(body).not.toContain("$$");

	// In the body: no backticks or tildes fences at all, and links only to web addresses.
	expect(body).not.toContain("`");
	expect(body).not.toContain("~~~");
	for (const link of body.matchAll(/\]\(/g)) expect(body.slice((link.index ?? 0) + 2)).toMatch(/^https?:\/\//);
	// Untrusted text opens no heading of its own: one title, one `##` per section.
	const lines = body.split("\n");
	expect(lines.filter((l) => /^#\s/.test(l))).toHaveLength(1);
	expect(lines.filter((l) => /^##\s/.test(l))).toHaveLength(note.sections.filter((s) => s.aside === undefined).length);
	// Overview and takeaways are one callout each, and nothing inside one opens a heading or a callout of its own.
	expect(lines.filter((l) => /^> \[!abstract\] /.test(l))).toHaveLength(note.sections.filter((s) => s.aside !== undefined).length);
	expect(lines.filter((l) => /^>\s*(?:#|>|\[!)/.test(l) && !/^> \[!(?:warning|abstract|quote)\][- ]/.test(l))).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// What a file or folder name must be

const utf8 = (s: string) => new TextEncoder().encode(s).length;
const RESERVED = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

function checkName(name: string): void {
	expect(name).not.toBe("");
	expect(name).not.toMatch(/[\\/:*?"<>|#^[\]]/);
	expect(name).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	expect(name).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
	expect(name).not.toMatch(/[\u200B\u2060\uFEFF]/);
	expect(name).not.toMatch(HIDDEN);
	expect(name.replace(FLAGS, "")).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
	expect(name).not.toMatch(/[\uD800-\uDFFF]/u);
	expect(name.startsWith(".")).toBe(false);
	expect(name).not.toMatch(/[. ]$/);
	expect(RESERVED.test((name.split(".")[0] ?? "").replace(/ +$/, ""))).toBe(false);
	expect(utf8(name)).toBeLessThanOrEqual(200);
}

/** What safeFolder must refuse: a `..` part or a drive letter. */
function leavesVault(folder: string): boolean {
	const slashed = folder.replace(/\\/g, "/").trim();
	return /^[A-Za-z]:/.test(slashed) || slashed.split("/").some((part) => part.trim() === "..");
}

// Titles that start with a Windows reserved name, so that what follows it decides whether it is still one.
const nameInput = fc.oneof(
	{ weight: 3, arbitrary: text(80) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(
				fc.constantFrom("CON", "con", "Prn", "AUX", "nul", "COM1", "com¹", "LPT9", "CONIN$"),
				fc.constantFrom("", " ", ".", " .", ". ", "\u200B", ` ${HUGE_GRAPHEME}`, ` ${"a".repeat(100)}`),
				text(4),
			)
			.map((parts) => parts.join("")),
	},
);

const folderInput = fc
	.array(fc.oneof({ weight: 3, arbitrary: text(6) }, { weight: 1, arbitrary: fc.constantFrom("..", ".", "", " .. ", "C:", "CON", ".obsidian") }), {
		maxLength: 4,
	})
	.chain((parts) => fc.constantFrom("/", "\\").map((sep) => parts.join(sep)));

describe("hostile text through renderNote", () => {
	it(`leaves nothing any plugin would run, load or read as frontmatter (${NOTE_RUNS} notes, seed ${SEED})`, () => {
		fc.assert(
			fc.property(noteInput, (note) => {
				checkNote(note);
			}),
			{ seed: SEED, numRuns: NOTE_RUNS },
		);
	});
});

describe("hostile text through the file-name functions", () => {
	it(`safeFileName always gives a name valid everywhere (${NAME_RUNS} titles, seed ${SEED})`, () => {
		fc.assert(
			fc.property(nameInput, (title) => {
				checkName(safeFileName(title));
			}),
			{ seed: SEED, numRuns: NAME_RUNS },
		);
	});

	it(`safeFolder refuses exactly the folders outside the vault; availablePath stays inside the folder (${PATH_RUNS} cases, seed ${SEED})`, () => {
		fc.assert(
			fc.property(folderInput, hostile, fc.nat(4), (rawFolder, title, taken) => {
				let folder: string;
				try {
					folder = safeFolder(rawFolder);
				} catch (e) {
					expect(e).toBeInstanceOf(SummaryError);
					expect((e as SummaryError).message).toBe(`The output folder "${rawFolder}" leaves the vault. Choose a folder inside the vault in settings.`);
					expect(leavesVault(rawFolder)).toBe(true);
					return;
				}
				expect(leavesVault(rawFolder)).toBe(false);
				if (folder !== "") folder.split("/").forEach(checkName);

				const base = safeFileName(title);
				const prefix = folder === "" ? "" : `${folder}/`;
				const takenPaths = new Set(Array.from({ length: taken }, (_, i) => `${prefix}${base}${i === 0 ? "" : ` ${i + 1}`}.md`));
				const path = availablePath(folder, base, (p) => takenPaths.has(p));
				expect(path).toBe(`${prefix}${base}${taken === 0 ? "" : ` ${taken + 1}`}.md`);
				expect(posix.normalize(path)).toBe(path);
				expect(posix.dirname(path)).toBe(folder === "" ? "." : folder);
				expect(path.split("/").every((part) => part !== ".." && part !== "." && part !== "")).toBe(true);
				expect(utf8(posix.basename(path))).toBeLessThanOrEqual(255);
			}),
			{ seed: SEED, numRuns: PATH_RUNS },
		);
	});
});
