import { describe, expect, it } from "vitest";

import { batchSourceOf } from "../../../src/core/batch/batch-source";
import type { IndexEntry } from "../../../src/core/batch/index-entries";
import { type BatchHost, type BatchList, indexFileBase, linkedVideos, summarizeBatch } from "../../../src/core/batch/summarize-batch";
import { SummaryError } from "../../../src/core/errors";

const LIST: BatchList = {
	title: "Course: week 1",
	source: { playlistId: "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr" },
	videos: [
		{ videoId: "aaaaaaaaaaa", title: "One" },
		{ videoId: "bbbbbbbbbbb", title: "Two" },
		{ videoId: "ccccccccccc" },
		{ videoId: "ddddddddddd", title: "Four" },
	],
};

function host(extra: Partial<BatchHost> = {}): BatchHost & { ran: string[]; confirmed: string[][]; index: string[] } {
	const h = {
		ran: [] as string[],
		confirmed: [] as string[][],
		index: [] as string[],
		existing: (id: string) => Promise.resolve(id === "bbbbbbbbbbb" ? "Notes/Two summary.md" : undefined),
		previous: [] as IndexEntry[],
		confirm: (videos: readonly { videoId: string }[]) => {
			h.confirmed.push(videos.map((v) => v.videoId));
			return Promise.resolve(true);
		},
		summarize: (video: { videoId: string }) => {
			h.ran.push(video.videoId);
			if (video.videoId === "ddddddddddd") return Promise.reject(new SummaryError("youtube", "The video is for channel members only."));
			return Promise.resolve({ path: `Out/${video.videoId}.md`, title: `Title of ${video.videoId}` });
		},
		writeIndex: (markdown: string) => {
			h.index.push(markdown);
			return Promise.resolve("Out/Course week 1 index.md");
		},
		concurrency: 2,
		now: new Date("2026-12-02T10:00:00.000Z"),
		...extra,
	};
	return h;
}

describe("summarizeBatch", () => {
	it("skips what has a note, asks about the rest, summarizes them with one failure kept apart, and writes the index", async () => {
		const h = host({ previous: [{ videoId: "aaaaaaaaaaa", outcome: { status: "skipped", reason: "Summarized in an earlier run.", path: "Out/One.md" } }] });
		const result = await summarizeBatch(LIST, h);
		expect(h.confirmed).toEqual([["ccccccccccc", "ddddddddddd"]]);
		expect(h.ran.sort()).toEqual(["ccccccccccc", "ddddddddddd"]);
		expect(result.entries.map((e) => [e.videoId, e.title, e.outcome.status])).toEqual([
			["aaaaaaaaaaa", "One", "skipped"],
			["bbbbbbbbbbb", "Two", "skipped"],
			["ccccccccccc", "Title of ccccccccccc", "written"],
			["ddddddddddd", "Four", "failed"],
		]);
		expect(result.complete).toBe(false);
		expect(result.indexPath).toBe("Out/Course week 1 index.md");
		expect(h.index).toHaveLength(1);
		expect(h.index[0]).toContain("\n3. [[Out/ccccccccccc|Title of ccccccccccc]]\n4. Four: not summarized. The video is for channel members only.");
	});

	it("a batch whose videos all have notes asks nothing, runs nothing, and is complete", async () => {
		const h = host({ existing: () => Promise.resolve("Out/x.md") });
		const result = await summarizeBatch(LIST, h);
		expect([h.confirmed, h.ran, result.complete]).toEqual([[], [], true]);
	});

	it("declined, it runs nothing and writes no index", async () => {
		const h = host({ confirm: () => Promise.resolve(false) });
		await expect(summarizeBatch(LIST, h)).rejects.toThrow("you chose not to start this batch");
		expect([h.ran, h.index]).toEqual([[], []]);
	});

	it("again: every video is summarized anew, and a video the earlier index had but the batch no longer has stays listed", async () => {
		const gone: IndexEntry = {
			videoId: "eeeeeeeeeee",
			title: "Gone",
			outcome: { status: "skipped", reason: "Summarized in an earlier run.", path: "Out/Gone.md" },
		};
		const h = host({ again: true, previous: [gone] });
		const result = await summarizeBatch(LIST, h);
		expect(h.ran.sort()).toEqual(["aaaaaaaaaaa", "bbbbbbbbbbb", "ccccccccccc", "ddddddddddd"]);
		expect(result.entries.map((e) => [e.videoId, e.outcome.status])).toEqual([
			["aaaaaaaaaaa", "written"],
			["bbbbbbbbbbb", "written"],
			["ccccccccccc", "written"],
			["ddddddddddd", "failed"],
			["eeeeeeeeeee", "skipped"],
		]);
	});

	it("names the index after the batch, the same each run", () => {
		expect(indexFileBase(LIST)).toBe("Course week 1 index");
	});
});

describe("what is a batch", () => {
	it("a playlist link alone; a link to one video of a playlist is that video", () => {
		expect(batchSourceOf("https://www.youtube.com/playlist?list=PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr")).toEqual({ listId: "PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr" });
		expect(batchSourceOf("https://www.youtube.com/watch?v=aaaaaaaaaaa&list=PLoumn5BIsUDeGF1vy5Nylf_RJKn5aL_nr")).toBeNull();
	});

	it("two or more distinct videos linked in any form, in order of first link; one video, or a transcript, is not", () => {
		const note = "Watch:\n- https://youtu.be/aaaaaaaaaaa\n- [Two](https://www.youtube.com/watch?v=bbbbbbbbbbb&t=5)\n- <https://youtu.be/aaaaaaaaaaa?t=9>\n";
		expect(linkedVideos(note)).toEqual([{ videoId: "aaaaaaaaaaa" }, { videoId: "bbbbbbbbbbb" }]);
		expect(batchSourceOf(note)).toEqual({ videos: [{ videoId: "aaaaaaaaaaa" }, { videoId: "bbbbbbbbbbb" }] });
		expect(batchSourceOf("https://youtu.be/aaaaaaaaaaa and again https://youtu.be/aaaaaaaaaaa?t=3")).toBeNull();
		const transcript = "https://youtu.be/aaaaaaaaaaa\n0:00 hello\n0:05 see also https://youtu.be/bbbbbbbbbbb\n0:09 bye\n";
		expect(batchSourceOf(transcript)).toBeNull();
	});
});
