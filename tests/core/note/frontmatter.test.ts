import { describe, expect, it } from "vitest";

import { toYaml } from "../../../src/core/note/frontmatter";

/**
 * Reads back the only YAML shapes toYaml may write: `key: "json"`, `key: scalar`, `key: []` and `key:` followed
 * by `  - "json"` items. Any other line fails the test, so an injected line cannot go unnoticed.
 */
function readBack(yaml: string): Record<string, unknown> {
	const lines = yaml.split("\n");
	expect(lines[0]).toBe("---");
	expect(lines.at(-2)).toBe("---");
	expect(lines.at(-1)).toBe("");
	const out: Record<string, unknown> = {};
	let list: string[] | undefined;
	for (const line of lines.slice(1, -2)) {
		const item = /^ {2}- (".*")$/.exec(line);
		if (item && list) {
			list.push(JSON.parse(item[1] ?? "") as string);
			continue;
		}
		const m = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (".*"|true|false|-?\d+(?:\.\d+)?|\[\]))?$/.exec(line);
		if (!m) throw new Error(`Unexpected frontmatter line: ${line}`);
		const key = m[1] ?? "";
		expect(out).not.toHaveProperty(key);
		if (m[2] === undefined) {
			list = [];
			out[key] = list;
		} else {
			list = undefined;
			out[key] = m[2] === "[]" ? [] : JSON.parse(m[2]);
		}
	}
	return out;
}

describe("toYaml", () => {
	it("writes keys in order, skips undefined, quotes strings", () => {
		const yaml = toYaml({
			title: "A talk",
			count: 3,
			ratio: 0.5,
			draft: false,
			skipped: undefined,
			tags: ["video-summary", "ai"],
			aliases: [],
		});
		expect(yaml).toBe(
			["---", 'title: "A talk"', "count: 3", "ratio: 0.5", "draft: false", "tags:", '  - "video-summary"', '  - "ai"', "aliases: []", "---", ""].join("\n"),
		);
		expect(readBack(yaml)).toEqual({ title: "A talk", count: 3, ratio: 0.5, draft: false, tags: ["video-summary", "ai"], aliases: [] });
	});

	it("keeps a hostile title one value and breaks Templater commands", () => {
		const title = 'Evil"\nkey: value\n---\n<%* tp.system() %>';
		const yaml = toYaml({ title, tags: ['x"\n- injected'] });
		expect(yaml).not.toContain("<%");
		expect(yaml.split("\n")).toHaveLength(6);
		expect(readBack(yaml)).toEqual({
			title: 'Evil"\nkey: value\n---\n<\u200B%* tp.system() %>',
			tags: ['x"\n- injected'],
		});
	});

	it("escapes every character YAML could read as a line break or marker", () => {
		const yaml = toYaml({ v: "a\tb\rc\\d\u2028e\u2029fg" });
		expect(yaml).toBe('---\nv: "a\\tb\\rc\\\\d\\u2028e\\u2029fg"\n---\n');
		expect(readBack(yaml)).toEqual({ v: "a\tb\rc\\d\u2028e\u2029fg" });
	});

	it("drops control characters, bidi controls and invisible characters, the BOM included", () => {
		expect(toYaml({ v: "a\u0000b\u0085c\u202Ed" })).toBe('---\nv: "abcd"\n---\n');
		expect(toYaml({ v: "a\uFEFFb\u3164c\u00ADd\u200Fe\u{E0041}f" })).toBe('---\nv: "abcdef"\n---\n');
	});

	it("breaks links and embeds, which Obsidian reads in properties", () => {
		expect(readBack(toYaml({ v: "[[../x]] ![[y]]" }))).toEqual({ v: "[\u200B[../x]] !\u200B[\u200B[y]]" });
	});

	it("refuses keys and numbers it cannot write safely", () => {
		expect(() => toYaml({ "a: b": "x" })).toThrow();
		expect(() => toYaml({ "\nx": "x" })).toThrow();
		expect(() => toYaml({ n: Number.NaN })).toThrow();
		expect(() => toYaml({ n: Number.POSITIVE_INFINITY })).toThrow();
	});
});
