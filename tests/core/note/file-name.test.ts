import { describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { availablePath, safeFileName, safeFolder } from "../../../src/core/note/file-name";

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe("safeFileName", () => {
	it("removes characters file systems forbid", () => {
		expect(safeFileName('AC/DC: "Live" <at> Wembley? *yes* | no\\maybe')).toBe("AC DC Live at Wembley yes no maybe");
	});

	it("removes characters that break Obsidian links", () => {
		expect(safeFileName("C# [part 1] ^block #tag 100% [[x]]")).toBe("C part 1 block tag 100 x");
	});

	it("suffixes Windows reserved names, also with an extension", () => {
		expect(safeFileName("CON")).toBe("CON_");
		expect(safeFileName("aux")).toBe("aux_");
		expect(safeFileName("con.txt")).toBe("con_.txt");
		expect(safeFileName("nul .tar.gz")).toBe("nul_ .tar.gz");
		expect(safeFileName("Lpt9")).toBe("Lpt9_");
		expect(safeFileName("com1")).toBe("com1_");
		expect(safeFileName("COM1 notes")).toBe("COM1 notes");
		expect(safeFileName("console")).toBe("console");
		expect(safeFileName("Auxiliary.txt")).toBe("Auxiliary.txt");
	});

	it("drops leading dots and trailing dots and spaces", () => {
		expect(safeFileName("Wait for it... ")).toBe("Wait for it");
		expect(safeFileName("...hidden")).toBe("hidden");
		expect(safeFileName(".obsidian")).toBe("obsidian");
		expect(safeFileName("  spaced   out \n title ")).toBe("spaced out title");
	});

	it("falls back for names with nothing left", () => {
		for (const t of ["", "   ", ".", "..", "...", "???", "\u202E\u200B", "/.."]) {
			expect(safeFileName(t)).toBe("Untitled");
		}
	});

	it("removes bidi, zero-width and control characters", () => {
		expect(safeFileName("evil\u202Etxt.exe")).toBe("eviltxt.exe");
		expect(safeFileName("a\u200Bb\uFEFFc\u2066d\u200Fe")).toBe("abcde");
		expect(safeFileName("a\nb\tc\u0000d\u007F")).toBe("a b cd");
	});

	it("removes invisible characters: Hangul fillers, soft hyphens, tag characters, bidi marks, joiners", () => {
		expect(safeFileName("\u3164")).toBe("Untitled");
		expect(safeFileName("\u3164 \u115F\u1160\uFFA0 \u00AD")).toBe("Untitled");
		expect(safeFileName("Intro\u00AD to LLMs\u3164")).toBe("Intro to LLMs");
		expect(safeFileName("notes\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F}")).toBe("notes");
		expect(safeFileName("a\u061Cb\u2063c\u206Ad\u180Ee")).toBe("abcde");
		// Joiners and a subdivision flag stay whole.
		const scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
		expect(safeFileName(`Rugby ${scotland} 👨‍👩‍👧 می‌خواهم`)).toBe(`Rugby ${scotland} 👨‍👩‍👧 می‌خواهم`);
	});

	it("caps at 100 characters", () => {
		expect(safeFileName("a".repeat(150))).toBe("a".repeat(100));
		// The cut leaves a trailing space, which is trimmed.
		expect(safeFileName(`${"a".repeat(99)} bcd`)).toBe("a".repeat(99));
	});

	it("caps at 200 UTF-8 bytes on a grapheme boundary", () => {
		expect(safeFileName("😀".repeat(60))).toBe("😀".repeat(50));
		const family = "👨‍👩‍👧‍👦"; // 7 code points, 25 bytes
		const capped = safeFileName(family.repeat(10));
		expect(capped).toBe(family.repeat(8));
		expect(utf8(capped)).toBeLessThanOrEqual(200);
		// 2 code points each: the character cap ends the name between graphemes, never inside one.
		expect(safeFileName("e\u0301".repeat(80))).toBe("e\u0301".repeat(50));
		expect(utf8(safeFileName("日本語".repeat(40)))).toBe(198);
	});
});

describe("safeFolder", () => {
	it("normalises slashes and empty parts", () => {
		expect(safeFolder("Summaries/Videos")).toBe("Summaries/Videos");
		expect(safeFolder("\\Summaries\\Videos\\")).toBe("Summaries/Videos");
		expect(safeFolder("/Summaries/")).toBe("Summaries");
		expect(safeFolder("./a//b/.")).toBe("a/b");
		expect(safeFolder(" Video notes / 2026 ")).toBe("Video notes/2026");
		expect(safeFolder("")).toBe("");
		expect(safeFolder("/")).toBe("");
	});

	it("makes each part safe", () => {
		expect(safeFolder(".obsidian/plugins")).toBe("obsidian/plugins");
		expect(safeFolder("con/aux.x")).toBe("con_/aux_.x");
		expect(safeFolder("ab:c/d?/e.")).toBe("ab c/d/e");
	});

	it("refuses folders that leave the vault", () => {
		for (const f of ["..", "../outside", "a/../../b", "a\\..\\b", " .. /x", "C:\\Users\\me", "c:/x", "D:", "C:relative"]) {
			expect(() => safeFolder(f)).toThrow(SummaryError);
		}
		expect(() => safeFolder("../x")).toThrow('The output folder "../x" leaves the vault. Choose a folder inside the vault in settings.');
		try {
			safeFolder("..");
		} catch (e) {
			expect(e).toMatchObject({ kind: "config" });
		}
	});
});

describe("availablePath", () => {
	it("uses the plain name when free", () => {
		expect(availablePath("Sum", "Talk", () => false)).toBe("Sum/Talk.md");
		expect(availablePath("", "Talk", () => false)).toBe("Talk.md");
	});

	it("numbers from 2 and never returns an existing path", () => {
		const taken = new Set(["Sum/Talk.md", "Sum/Talk 2.md", "Talk.md"]);
		const asked: string[] = [];
		const exists = (p: string) => {
			asked.push(p);
			return taken.has(p);
		};
		expect(availablePath("Sum", "Talk", exists)).toBe("Sum/Talk 3.md");
		expect(asked).toEqual(["Sum/Talk.md", "Sum/Talk 2.md", "Sum/Talk 3.md"]);
		expect(availablePath("", "Talk", exists)).toBe("Talk 2.md");
	});

	it("gives up with a write error rather than looping forever", () => {
		expect(() => availablePath("Sum", "Talk", () => true)).toThrow(SummaryError);
	});
});
