import { beforeEach, describe, expect, it } from "vitest";

import { writeNewNote } from "../../src/obsidian/write-note";
import { createFakeApp, filePaths, fileText, resetFake } from "../support/obsidian-fake";

beforeEach(() => resetFake());

describe("writeNewNote", () => {
	it("never writes two runs into the same file, even when they finish at the same moment", async () => {
		const app = createFakeApp({ files: { "Video summaries/Talk summary.md": "earlier" } });
		const written = await Promise.all(["one", "two", "three"].map((text) => writeNewNote(app, "Video summaries", "Talk summary", text)));
		expect(written.map((f) => f.path).sort()).toEqual([
			"Video summaries/Talk summary 2.md",
			"Video summaries/Talk summary 3.md",
			"Video summaries/Talk summary 4.md",
		]);
		expect(fileText(app, "Video summaries/Talk summary.md")).toBe("earlier");
		expect(written.map((f) => fileText(app, f.path)).sort()).toEqual(["one", "three", "two"]);
	});

	it("creates the output folder, nested, and keeps the note inside it", async () => {
		const app = createFakeApp({});
		const file = await writeNewNote(app, "/Notes//Videos/", "A summary", "x");
		expect(file.path).toBe("Notes/Videos/A summary.md");
		expect(filePaths(app)).toEqual(["Notes/Videos/A summary.md"]);
	});

	it("refuses a folder that leaves the vault", async () => {
		await expect(writeNewNote(createFakeApp({}), "../elsewhere", "A summary", "x")).rejects.toThrow(
			'The output folder "../elsewhere" leaves the vault. Choose a folder inside the vault in settings.',
		);
	});
});
