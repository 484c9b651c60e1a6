import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { type IndexEntry, mergeIndex, readIndexEntries, SUMMARIZED_BEFORE } from "../../../src/core/batch/index-entries";
import { renderIndex } from "../../../src/core/note/render-index";

const PLAYLIST = "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr";
const [A, B, C, D, E] = ["dQw4w9WgXcQ", "M4gD1WSo5mA", "it3OtbTxQk0", "ud9d5cMDP_0", "7PIMiDcwNvc"] as const;

/** The frontmatter of a note, as the host's YAML parser (Obsidian's metadata cache) reads it. */
function frontmatterOf(markdown: string): unknown {
	return parse(markdown.slice(4, markdown.indexOf("\n---\n", 3)));
}

const before = (videoId: string, path: string): IndexEntry => ({ videoId, outcome: { status: "skipped", reason: SUMMARIZED_BEFORE, path } });

describe("re-running a batch", () => {
	it("reads the notes back from the index it wrote, and from nothing else", () => {
		const first = renderIndex({
			title: "Course",
			source: { playlistId: PLAYLIST },
			created: "2026-11-26T10:00:00.000Z",
			entries: [
				{ videoId: A, title: "One", outcome: { status: "written", path: "Videos/One `x` <y> [[z summary.md" } },
				{ videoId: B, title: "Two", outcome: { status: "failed", message: "No captions." } },
				{ videoId: C, title: "Three", outcome: { status: "skipped", reason: "Summarized before.", path: "Old/Three summary.md" } },
				{ videoId: D, title: "Four", outcome: { status: "cancelled" } },
			],
		});
		// The frontmatter breaks `` ` ``, `<` and `[[` with a zero-width space; the paths come back as they were.
		expect(first).toContain('  - "dQw4w9WgXcQ Videos/One `\u200Bx`\u200B <\u200By> [\u200B[z summary.md"');
		expect(readIndexEntries(frontmatterOf(first))).toEqual([before(A, "Videos/One `x` <y> [[z summary.md"), before(C, "Old/Three summary.md")]);
	});

	it("leaves out what it cannot read, so that video is summarized again rather than linked wrongly", () => {
		const notes = [`${A} Videos/One summary.md`, "not-an-id Videos/x.md", `${B}`, `${C} `, `${D}  `, 42, null, ["x"], `${E}\tVideos/tab.md`];
		expect(readIndexEntries({ notes })).toEqual([before(A, "Videos/One summary.md")]);
		for (const frontmatter of [undefined, null, "notes", [], { notes: "x" }, { other: [] }]) expect(readIndexEntries(frontmatter)).toEqual([]);
	});

	it("fills in what is missing: this run's outcomes in the playlist's order, earlier notes kept", () => {
		const previous = [before(A, "Videos/One summary.md"), before(C, "Videos/Three summary.md"), before(E, "Videos/Gone summary.md")];
		// The playlist now: A (skipped by the host: it has a note), B (failed last time, written now), C (its note
		// is still there, but this run was cancelled before the host could skip it), D (new, members only).
		// E left the playlist.
		const latest: IndexEntry[] = [
			{ videoId: A, title: "One", outcome: { status: "skipped", reason: SUMMARIZED_BEFORE } },
			{ videoId: B, title: "Two", outcome: { status: "written", path: "Videos/Two summary.md" } },
			{ videoId: C, title: "Three", outcome: { status: "cancelled" } },
			{ videoId: D, title: "Four", outcome: { status: "failed", message: "The video is for channel members only." } },
		];
		expect(mergeIndex(previous, latest)).toEqual([
			{ videoId: A, title: "One", outcome: { status: "skipped", reason: SUMMARIZED_BEFORE, path: "Videos/One summary.md" } },
			{ videoId: B, title: "Two", outcome: { status: "written", path: "Videos/Two summary.md" } },
			{ videoId: C, title: "Three", outcome: { status: "skipped", reason: SUMMARIZED_BEFORE, path: "Videos/Three summary.md" } },
			{ videoId: D, title: "Four", outcome: { status: "failed", message: "The video is for channel members only." } },
			before(E, "Videos/Gone summary.md"),
		]);
	});

	it("takes this run's note over an earlier one, and an earlier index with nothing in it changes nothing", () => {
		const latest: IndexEntry[] = [{ videoId: A, title: "One", outcome: { status: "written", path: "Videos/One summary 2.md" } }];
		expect(mergeIndex([before(A, "Videos/One summary.md")], latest)).toEqual(latest);
		expect(mergeIndex([], latest)).toEqual(latest);
		// An earlier entry without a note (a host that kept failures) neither fills a gap nor stays listed.
		expect(mergeIndex([{ videoId: B, outcome: { status: "failed", message: "x" } }], [{ videoId: B, outcome: { status: "cancelled" } }])).toEqual([
			{ videoId: B, outcome: { status: "cancelled" } },
		]);
	});

	it("renders the merged index with every note linked and the rest explained", () => {
		const merged = mergeIndex(
			[before(A, "Videos/One summary.md"), before(E, "Videos/Gone summary.md")],
			[
				{ videoId: A, title: "One", outcome: { status: "skipped", reason: SUMMARIZED_BEFORE } },
				{ videoId: B, title: "Two", outcome: { status: "failed", message: "No captions in English. Paste the transcript." } },
			],
		);
		const body = renderIndex({ title: "Course", source: { playlistId: PLAYLIST }, created: "2026-11-26T10:00:00.000Z", entries: merged });
		expect(body.slice(body.indexOf("\n---\n") + 5)).toBe(`# Course

[Playlist on YouTube](https://www.youtube.com/playlist?list=${PLAYLIST})

3 videos: 2 summarized, 1 failed.

1. [[Videos/One summary|One]]
2. Two: not summarized. No captions in English. Paste the transcript. ([YouTube](https://www.youtube.com/watch?v=${B}))
3. [[Videos/Gone summary|Gone summary]]

Run the batch again to summarize the videos still missing: the ones summarized are skipped, and this note is updated.
`);
		expect(readIndexEntries(frontmatterOf(body))).toEqual([before(A, "Videos/One summary.md"), before(E, "Videos/Gone summary.md")]);
	});
});
