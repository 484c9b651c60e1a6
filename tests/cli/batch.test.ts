/**
 * Batches from the command line: several links, or a playlist link, summarized into a note each and an index
 * note, by the built CLI in its own process against the fake OpenAI server and recorded YouTube answers.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseArgs, USAGE } from "../../src/cli/args";
import { linksTitle } from "../../src/cli/batch";
import { readIndexEntries } from "../../src/core/batch/index-entries";
import { readFrontmatter } from "../../src/core/note/read-frontmatter";
import { renderIndex } from "../../src/core/note/render-index";
import { firstPageToken } from "../../src/core/youtube/playlist";
import { type CliHarness, cliHarness, lastLine, type Run, type RunOptions } from "../support/cli-process";
import { type FakeRoutes, fixture, ok, onlyClients, playerJson } from "../support/fake-youtube";

let harness: CliHarness;
let dir: string;

beforeAll(async () => {
	harness = await cliHarness("vsn-cli-batch-");
	dir = harness.dir;
}, 30_000);
afterAll(async () => {
	await harness.close();
});

function runCli(args: string[], options?: RunOptions): Promise<Run> {
	return harness.run(args, options);
}

function chatCalls(): number {
	return harness.server.chatRequests().length;
}

/** The recorded video with captions, as another video: its id and title replaced everywhere in the player answer. */
const RECORDED_ID = "it3OtbTxQk0";
const RECORDED_TITLE = "Introduction to Doodle for Google 2023";

function videoRoutes(id: string, title: string): FakeRoutes {
	const player = fixture("newpipe/android_ok_it3OtbTxQk0.player.json").replaceAll(RECORDED_ID, id).replaceAll(RECORDED_TITLE, title);
	return {
		player: onlyClients({ IOS: ok(player) }),
		captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
	};
}

const MEMBERS_ONLY = "Join this channel to get access to members-only content like this video, and other exclusive perks.";

/** A video every client refuses as members-only, as YouTube answers for one. */
function membersOnlyRoutes(id: string): FakeRoutes {
	const json = playerJson("newpipe/android_region_blocked__PL2HJKxnOM.player.json");
	const answer = JSON.parse(JSON.stringify(json).replaceAll("_PL2HJKxnOM", id)) as Record<string, unknown>;
	return { player: { "*": { json: { ...answer, playabilityStatus: { status: "UNPLAYABLE", reason: MEMBERS_ONLY } } } } };
}

const FIRST = "aaaaaaaaaa1";
const SECOND = "bbbbbbbbbb2";

function indexOf(path: string): { text: string; notes: string[] } {
	const text = readFileSync(path, "utf8");
	const notes = readIndexEntries(readFrontmatter(text)).map((entry) => `${entry.videoId} ${entry.outcome.status === "skipped" ? entry.outcome.path : ""}`);
	return { text, notes };
}

describe("a batch of links", () => {
	it("writes a note per video and the index, prints the index's path last, and exits 0", async () => {
		const out = join(dir, "two");
		const youtube: FakeRoutes = { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: videoRoutes(SECOND, "Second talk") } };
		const run = await runCli([`https://youtu.be/${FIRST}`, `https://www.youtube.com/watch?v=${SECOND}`, "--lang", "en", "--out", out], { youtube });
		expect(run.code).toBe(0);
		const index = join(out, `Videos ${FIRST}, ${SECOND} index.md`);
		expect(lastLine(run.stdout)).toBe(index);
		expect(readdirSync(out).sort()).toEqual(["First talk summary.md", "Second talk summary.md", `Videos ${FIRST}, ${SECOND} index.md`]);
		expect(readFileSync(join(out, "Second talk summary.md"), "utf8")).toContain(`video_id: "${SECOND}"`);
		const { text, notes } = indexOf(index);
		expect(notes).toEqual([`${FIRST} First talk summary.md`, `${SECOND} Second talk summary.md`]);
		expect(text).toContain("1. [[First talk summary|First talk]]\n2. [[Second talk summary|Second talk]]");
		expect(text).toContain("\nVideos given on the command line.\n");
		expect(text).not.toMatch(/source_note|Videos linked in/);
		expect(run.stderr).toMatch(
			/^2 videos, about [\d,]+ tokens, at no cost \(2 of unknown length, counted as 20 minutes each\)\. Going ahead: there is no terminal to ask/m,
		);
		expect(run.stderr).toContain(`${FIRST}: Fetching the captions from YouTube…`);
		expect(lastLine(run.stderr)).toBe("2 of 2 videos have a summary.");
	});

	it("writes the notes it can, lists the failure in the index, exits 1, and a second run summarizes only what is missing", async () => {
		const out = join(dir, "one-fails");
		const args = [FIRST, SECOND, "--lang", "en", "--out", out];
		const index = join(out, `Videos ${FIRST}, ${SECOND} index.md`);

		const first = await runCli(args, { youtube: { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: membersOnlyRoutes(SECOND) } } });
		expect(first.code).toBe(1);
		expect(lastLine(first.stdout)).toBe(index);
		expect(readdirSync(out).sort()).toEqual(["First talk summary.md", `Videos ${FIRST}, ${SECOND} index.md`]);
		const failed = first.stderr.split("\n").filter((line) => line.startsWith("failed: "));
		expect(failed).toHaveLength(1);
		expect(failed[0]?.startsWith(`failed: ${SECOND}: YouTube says: '${MEMBERS_ONLY}' The video is for channel members only. If you are a member, `)).toBe(true);
		expect(failed[0]).toMatch(/run again with --transcript FILE <link>\.$/);
		expect(lastLine(first.stderr)).toBe("1 of 2 videos has a summary, 1 failed; run the same batch again to summarize the videos left.");
		const before = indexOf(index);
		expect(before.notes).toEqual([`${FIRST} First talk summary.md`]);
		expect(before.text).toContain(`2. Video ${SECOND}: not summarized. YouTube says: '${MEMBERS_ONLY}' The video is for channel members only.`);

		// The video can be summarized now: only it is, and the index is rewritten in place.
		const calls = chatCalls();
		const second = await runCli(args, { youtube: { videos: { [SECOND]: videoRoutes(SECOND, "Second talk") } } });
		expect(second.code).toBe(0);
		expect(lastLine(second.stdout)).toBe(index);
		expect(second.stderr).toMatch(/^1 video, about /m);
		expect(second.stderr).not.toContain(`${FIRST}:`);
		expect(chatCalls() - calls).toBeGreaterThan(0);
		expect(readdirSync(out).sort()).toEqual(["First talk summary.md", "Second talk summary.md", `Videos ${FIRST}, ${SECOND} index.md`]);
		expect(indexOf(index).notes).toEqual([`${FIRST} First talk summary.md`, `${SECOND} Second talk summary.md`]);

		// Nothing is left: no YouTube request (none is answered), no model call, and the index written again.
		writeFileSync(index, readFileSync(index, "utf8").replace("Videos given on the command line.", "Edited by hand."));
		const after = chatCalls();
		const third = await runCli(args);
		expect(third.code).toBe(0);
		expect(chatCalls()).toBe(after);
		expect(third.stderr).toBe("2 of 2 videos have a summary (2 made before: --again makes them anew).\n");
		expect(lastLine(third.stdout)).toBe(index);
		expect(readFileSync(index, "utf8")).toContain("Videos given on the command line.");
		expect(readdirSync(out)).toHaveLength(3);
	});

	it("finds a summary --out already holds by its video_id, and summarizes it again only with --again", async () => {
		const out = join(dir, "found");
		const youtube: FakeRoutes = { videos: { [FIRST]: videoRoutes(FIRST, "First talk") } };
		expect((await runCli([FIRST, "--lang", "en", "--out", out], { youtube })).code).toBe(0);
		const run = await runCli([FIRST, SECOND, "--lang", "en", "--out", out], { youtube: { videos: { [SECOND]: videoRoutes(SECOND, "Second talk") } } });
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/^1 video, about /m);
		expect(run.stderr).not.toContain(`${FIRST}:`);
		const calls = chatCalls();
		expect(indexOf(lastLine(run.stdout)).notes).toEqual([`${FIRST} First talk summary.md`, `${SECOND} Second talk summary.md`]);
		const again = await runCli([FIRST, SECOND, "--lang", "en", "--out", out, "--again"], {
			youtube: { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: videoRoutes(SECOND, "Second talk") } },
		});
		expect(again.code).toBe(0);
		expect(again.stderr).toMatch(/^2 videos, about /m);
		expect(chatCalls()).toBeGreaterThan(calls);
		expect(indexOf(lastLine(again.stdout)).notes).toEqual([`${FIRST} First talk summary 2.md`, `${SECOND} Second talk summary 2.md`]);
	});

	it("summarizes again a video whose note the index lists but that is gone", async () => {
		const out = join(dir, "deleted");
		const both: FakeRoutes = { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: videoRoutes(SECOND, "Second talk") } };
		const first = await runCli([FIRST, SECOND, "--lang", "en", "--out", out], { youtube: both });
		expect(first.code).toBe(0);
		rmSync(join(out, "Second talk summary.md"));
		const again = await runCli([FIRST, SECOND, "--lang", "en", "--out", out], { youtube: { videos: { [SECOND]: videoRoutes(SECOND, "Second talk") } } });
		expect(again.code).toBe(0);
		expect(again.stderr).toMatch(/^1 video, about /m);
		expect(existsSync(join(out, "Second talk summary.md"))).toBe(true);
		expect(indexOf(lastLine(again.stdout)).notes).toEqual([`${FIRST} First talk summary.md`, `${SECOND} Second talk summary.md`]);
	});

	it("writes a new numbered index beside a file of the same name that is not an index of its own, and never replaces that file", async () => {
		const out = join(dir, "not-ours");
		const name = `Videos ${FIRST}, ${SECOND} index.md`;
		const youtube: FakeRoutes = { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: videoRoutes(SECOND, "Second talk") } };
		await runCli([FIRST, "--lang", "en", "--out", out], { youtube });
		const mine = `---\ntags: [reading]\nnotes:\n  - "${FIRST} elsewhere.md"\n---\nMy own list.\n`;
		writeFileSync(join(out, name), mine);
		const run = await runCli([FIRST, SECOND, "--lang", "en", "--out", out], { youtube });
		expect(run.code).toBe(0);
		expect(lastLine(run.stdout)).toBe(join(out, `Videos ${FIRST}, ${SECOND} index 2.md`));
		expect(readFileSync(join(out, name), "utf8")).toBe(mine);
	});

	it("stops on Ctrl-C: exits 130, keeps the notes written and writes the index of what was done", async () => {
		const out = join(dir, "cancelled");
		// One video at a time: the first is planned and summarized (two calls), the second's call never answers.
		harness.server.setScenario("batch-hangs-second", {
			kind: "sequence",
			steps: [{ kind: "answer" }, { kind: "answer" }, { kind: "answer", delayMs: Infinity }],
		});
		let killed = false;
		const youtube: FakeRoutes = { videos: { [FIRST]: videoRoutes(FIRST, "First talk"), [SECOND]: videoRoutes(SECOND, "Second talk") } };
		const run = await runCli([FIRST, SECOND, "--lang", "en", "--out", out, "--parallel", "1", "--model", "batch-hangs-second"], {
			youtube,
			onStderr: (text, kill) => {
				if (killed || !text.includes(`${SECOND}: Starting…`)) return;
				killed = true;
				kill();
			},
		});
		expect(run.code).toBe(130);
		const index = join(out, `Videos ${FIRST}, ${SECOND} index.md`);
		expect(lastLine(run.stdout)).toBe(index);
		expect(lastLine(run.stderr)).toBe("error: Batch cancelled: 1 of 2 videos has a summary. The notes written are kept, and the index lists the videos left.");
		expect(readdirSync(out).sort()).toEqual(["First talk summary.md", `Videos ${FIRST}, ${SECOND} index.md`]);
		expect(readFileSync(index, "utf8")).toContain(`2. Video ${SECOND}: not summarized yet, as the batch was cancelled.`);
	});
});

/** The course playlist of the recorded fixtures: 14 videos on one page, of which the first two are kept. */
const COURSE = "PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh";
const COURSE_FIRST = ["VBI6TSo8Zog", "Intro to Template Metaprogramming - Template Metaprogramming in C++ - E1"] as const;
const COURSE_SECOND = ["_yqIdYBdyPo", "Writing MetaFunctions - Template Metaprogramming in C++ - E2"] as const;

function coursePage(keep: readonly string[]): unknown {
	const page = JSON.parse(fixture("newpipe/web_browse_playlist_page1_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json")) as {
		onResponseReceivedActions: { reloadContinuationItemsCommand: { continuationItems: { playlistVideoRenderer?: { videoId?: string } }[] } }[];
	};
	const command = page.onResponseReceivedActions[0]?.reloadContinuationItemsCommand;
	if (command) command.continuationItems = command.continuationItems.filter((item) => keep.includes(item.playlistVideoRenderer?.videoId ?? ""));
	return page;
}

describe("a playlist link", () => {
	it("summarizes each video of the playlist into its own note, and the index links the playlist", async () => {
		const out = join(dir, "playlist");
		const youtube: FakeRoutes = {
			browse: {
				[`VL${COURSE}`]: { fixture: "newpipe/web_browse_playlist_meta_course_PLWxziGKTUvQFIsbbFcTZz7jOT4TMGnZBh.json" },
				[firstPageToken(COURSE)]: { json: coursePage([COURSE_FIRST[0], COURSE_SECOND[0]]) },
			},
			videos: { [COURSE_FIRST[0]]: videoRoutes(...COURSE_FIRST), [COURSE_SECOND[0]]: videoRoutes(...COURSE_SECOND) },
		};
		const run = await runCli([`https://www.youtube.com/playlist?list=${COURSE}`, "--lang", "en", "--out", out], { youtube });
		expect(run.code).toBe(0);
		const index = join(out, "C++ Template Metaprogramming index.md");
		expect(lastLine(run.stdout)).toBe(index);
		expect(readdirSync(out).sort()).toEqual(
			[`${COURSE_FIRST[1]} summary.md`, `${COURSE_SECOND[1]} summary.md`, "C++ Template Metaprogramming index.md"].sort(),
		);
		const { text, notes } = indexOf(index);
		expect(notes).toEqual([`${COURSE_FIRST[0]} ${COURSE_FIRST[1]} summary.md`, `${COURSE_SECOND[0]} ${COURSE_SECOND[1]} summary.md`]);
		expect(text).toContain(`playlist_url: "https://www.youtube.com/playlist?list=${COURSE}"`);
		expect(text).toContain(`1. [[${COURSE_FIRST[1]} summary|${COURSE_FIRST[1]}]]`);
		// The playlist gave the lengths: nothing is counted as of unknown length.
		expect(run.stderr).toMatch(/^2 videos, about [\d,]+ tokens, at no cost\. Going ahead/m);
	});

	it("reads a video's link that names a playlist as that one video, and says which link means the playlist", async () => {
		const out = join(dir, "in-playlist");
		const run = await runCli([`https://www.youtube.com/watch?v=${FIRST}&list=${COURSE}&index=3`, "--lang", "en", "--out", out], {
			youtube: { videos: { [FIRST]: videoRoutes(FIRST, "First talk") } },
		});
		expect(run.code).toBe(0);
		expect(lastLine(run.stdout)).toBe(join(out, "First talk summary.md"));
		expect(run.stderr.split("\n")[0]).toBe(
			`hint: the link opens one video of a playlist, and that video is summarized; to summarize the whole playlist, run with https://www.youtube.com/playlist?list=${COURSE}`,
		);
	});

	it("refuses a Mix or a channel before anything is fetched, and a playlist among other sources", async () => {
		const mix = await runCli(["https://www.youtube.com/playlist?list=RDdQw4w9WgXcQ"]);
		expect(mix.code).toBe(1);
		expect(lastLine(mix.stderr)).toMatch(/^error: That's a YouTube Mix/);
		const channel = await runCli(["https://www.youtube.com/@BitsOfQ/videos"]);
		expect(lastLine(channel.stderr)).toMatch(/^error: That's a link to a YouTube channel, not to a video or a playlist\./);
		const mixed = await runCli([FIRST, `https://www.youtube.com/playlist?list=${COURSE}`]);
		expect(mixed.code).toBe(1);
		expect(lastLine(mixed.stderr)).toBe(
			`error: "https://www.youtube.com/playlist?list=${COURSE}" is a playlist: give a playlist's link alone, not among other sources. ${USAGE}`,
		);
		expect(existsSync(join(dir, `Videos ${FIRST} index.md`))).toBe(false);
	});
});

describe("the batch's command line", () => {
	it("keeps every source in order, and reads --parallel", () => {
		expect(parseArgs(["a", "b", "--parallel", "3"])).toEqual({ out: ".", source: "a", sources: ["a", "b"], parallel: 3 });
		expect(parseArgs(["a"])).toEqual({ out: ".", source: "a" });
	});

	it.each([
		[["a", "--parallel", "0"], `--parallel needs a whole number of videos from 1 to 8, not "0". ${USAGE}`],
		[["a", "--parallel=9"], `--parallel needs a whole number of videos from 1 to 8, not "9". ${USAGE}`],
		[["a", "--parallel", "1.5"], `--parallel needs a whole number of videos from 1 to 8, not "1.5". ${USAGE}`],
		[["a", ""], `One of the sources is empty. ${USAGE}`],
	])("refuses %j", (argv, message) => {
		expect(() => parseArgs(argv)).toThrow(message);
	});

	it("refuses a transcript file or --transcript in a batch, before anything is fetched", async () => {
		writeFileSync(join(dir, "talk.txt"), "0:00 hello");
		const file = await runCli([FIRST, "talk.txt"]);
		expect(lastLine(file.stderr)).toBe(
			`error: "talk.txt" is not a YouTube video's link or id: several sources make a batch of videos, and a transcript is summarized alone. ${USAGE}`,
		);
		const transcript = await runCli([FIRST, SECOND, "--transcript", "talk.txt"]);
		expect(lastLine(transcript.stderr)).toBe(`error: --transcript goes with one video's link: give the links of a batch without it. ${USAGE}`);
	});

	it("names a batch of links by their ids, the same for the same links, and a long one by a digest", () => {
		expect(linksTitle([{ id: FIRST }, { id: SECOND }])).toBe(`Videos ${FIRST}, ${SECOND}`);
		const many = ["a", "b", "c", "d", "e"].map((c) => ({ id: c.repeat(11) }));
		expect(linksTitle(many)).toMatch(/^Videos a{11}, b{11} and 3 more \([0-9a-f]{8}\)$/);
		expect(linksTitle(many)).toBe(linksTitle([...many]));
		expect(linksTitle(many)).not.toBe(linksTitle([...many].reverse()));
	});

	it("says a batch of links came from the command line, in the index's text, with no source note", () => {
		const markdown = renderIndex({ title: "x", source: { commandLine: true }, entries: [], created: "2026-12-02T10:00:00.000Z" });
		expect(markdown).toContain("\n# x\n\nVideos given on the command line.\n");
		expect(markdown).not.toContain("source_note");
	});
});
