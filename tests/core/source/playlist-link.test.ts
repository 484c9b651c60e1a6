import { describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { isChannelLink, parsePlaylistLink, readPlaylistLink } from "../../../src/core/source/playlist-link";
import { parseYouTubeLink } from "../../../src/core/source/youtube-link";

const PL = "PLW5y1tjAOzI3orQNF1yGGVL5x-pR2K1dC";
const VIDEO = "0JFM3PRZH-k";
const OWN_PLAYLIST = "save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link.";

describe("parsePlaylistLink", () => {
	it.each([
		[`https://www.youtube.com/playlist?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`https://www.youtube.com/playlist?list=${PL}&si=AbCdEf123&pp=iAQB`, { listId: PL, kind: "playlist" }],
		[`youtube.com/playlist?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`www.youtube.com/playlist?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`HTTPS://WWW.youtube.com/playlist?list=${PL}&t=100`, { listId: PL, kind: "playlist" }],
		[`http://m.youtube.com/playlist?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`https://www.youtube.com/playlist?app=desktop&list=${PL}`, { listId: PL, kind: "playlist" }],
		[`https://www.youtube.com/watch?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`https://www.youtube.com/embed/videoseries?list=${PL}`, { listId: PL, kind: "playlist" }],
		[`[My course](https://www.youtube.com/playlist?list=${PL})`, { listId: PL, kind: "playlist" }],
		[`<https://www.youtube.com/playlist?list=${PL}>`, { listId: PL, kind: "playlist" }],
		[`https://www.youtube.com/attribution_link?u=%2Fplaylist%3Flist%3D${PL}%26feature%3Dshare`, { listId: PL, kind: "playlist" }],
		// A video in a playlist: the video, and the playlist beside it.
		[`https://www.youtube.com/watch?v=${VIDEO}&index=8&list=${PL}`, { listId: PL, videoId: VIDEO, kind: "playlist" }],
		[`https://www.youtube.com/watch?v=${VIDEO}&list=${PL}&index=8&pp=iAQB&t=42s`, { listId: PL, videoId: VIDEO, kind: "playlist" }],
		[`https://m.youtube.com/watch?v=${VIDEO}&list=${PL}`, { listId: PL, videoId: VIDEO, kind: "playlist" }],
		[`https://youtu.be/${VIDEO}?list=${PL}&si=x`, { listId: PL, videoId: VIDEO, kind: "playlist" }],
		[`https://www.youtube-nocookie.com/embed/${VIDEO}?list=${PL}`, { listId: PL, videoId: VIDEO, kind: "playlist" }],
		// Albums, uploads, YouTube Music.
		[
			"https://music.youtube.com/playlist?list=OLAK5uy_lEBUW9iTwqf0IlYPxZ8LrzpgqjAHZgZpM",
			{ listId: "OLAK5uy_lEBUW9iTwqf0IlYPxZ8LrzpgqjAHZgZpM", kind: "playlist" },
		],
		[
			"https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=OLAK5uy_lEBUW9iTwqf0IlYPxZ8LrzpgqjAHZgZpM",
			{ listId: "OLAK5uy_lEBUW9iTwqf0IlYPxZ8LrzpgqjAHZgZpM", videoId: "dQw4w9WgXcQ", kind: "playlist" },
		],
		["https://www.youtube.com/playlist?list=UUMOQuLXlFNAeDJMSmuzHU5axw", { listId: "UUMOQuLXlFNAeDJMSmuzHU5axw", kind: "playlist" }],
		[
			"https://www.youtube.com/playlist?list=RDCLAK5uy_ly6s4irLuZAcjEDwJmqcA_UtSipMyGgbQ",
			{ listId: "RDCLAK5uy_ly6s4irLuZAcjEDwJmqcA_UtSipMyGgbQ", kind: "playlist" },
		],
		// Mixes, and an account's own lists.
		["https://www.youtube.com/watch?v=2kZVEUGLgy4&list=RDdoEcQv1wlsI&index=2", { listId: "RDdoEcQv1wlsI", videoId: "2kZVEUGLgy4", kind: "mix" }],
		["https://www.youtube.com/watch?v=MuAGGZNfUkU&list=RDMM", { listId: "RDMM", videoId: "MuAGGZNfUkU", kind: "mix" }],
		["https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVMdQw4w9WgXcQ", { listId: "RDAMVMdQw4w9WgXcQ", videoId: "dQw4w9WgXcQ", kind: "mix" }],
		["https://www.youtube.com/playlist?list=WL", { listId: "WL", kind: "watch-later" }],
		["https://www.youtube.com/playlist?list=LL", { listId: "LL", kind: "liked" }],
		["https://music.youtube.com/playlist?list=LM", { listId: "LM", kind: "liked" }],
	])("reads %s", (input, expected) => {
		expect(parsePlaylistLink(input)).toEqual(expected);
	});

	it.each([
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ?si=x",
		"https://www.youtube.com/playlist?list=PL123",
		"https://www.youtube.com/playlist",
		`https://www.youtube.com/feed/trending?list=${PL}`,
		`https://www.youtube.com/@somechannel?list=${PL}`,
		`https://notyoutube.com/playlist?list=${PL}`,
		`https://youtube.com.evil.example/playlist?list=${PL}`,
		`ftp://www.youtube.com/playlist?list=${PL}`,
		`?list=${PL}`,
		PL,
		"https://www.youtube.com/playlist?list=PL%2F..%2F..%2Fsecret%2Fpath",
		"https://www.youtube.com/playlist?list=PL%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"https://www.youtube.com/playlist?list=PLabcdefghij%26v%3Devil",
		"javascript:alert('https://www.youtube.com/playlist?list=PLW5y1tjAOzI3orQNF1yGGVL5x-pR2K1dC')",
	])("finds no playlist in %s", (input) => {
		expect(parsePlaylistLink(input)).toBeNull();
	});
});

describe("a video in a playlist stays that video", () => {
	it("parseYouTubeLink reads watch?v=…&list=… and youtu.be/…?list=… as the video, as before", () => {
		expect(parseYouTubeLink(`https://www.youtube.com/watch?v=${VIDEO}&index=8&list=${PL}`)).toEqual({ id: VIDEO });
		expect(parseYouTubeLink(`https://youtu.be/${VIDEO}?list=${PL}&t=90`)).toEqual({ id: VIDEO, startAt: 90 });
		expect(parseYouTubeLink(`https://www.youtube.com/playlist?list=${PL}`)).toBeNull();
	});

	it("parseYouTubeLink no longer takes /embed/videoseries for a video named 'videoseries'", () => {
		expect(parseYouTubeLink(`https://www.youtube.com/embed/videoseries?list=${PL}`)).toBeNull();
		expect(parseYouTubeLink(`https://www.youtube.com/embed/${VIDEO}?list=${PL}`)).toEqual({ id: VIDEO });
	});
});

describe("isChannelLink", () => {
	it.each([
		"https://www.youtube.com/@somechannel",
		"https://www.youtube.com/@somechannel/videos",
		"youtube.com/@somechannel?si=x",
		"https://www.youtube.com/channel/UC1234567890abcdefghijkl",
		"https://www.youtube.com/channel/UC1234567890abcdefghijkl/playlists",
		"https://www.youtube.com/c/SomeName",
		"https://www.youtube.com/user/SomeName",
		"https://m.youtube.com/@somechannel",
		"https://music.youtube.com/channel/UC1234567890abcdefghijkl",
		"[A channel](https://www.youtube.com/@somechannel)",
	])("%s is a channel", (input) => {
		expect(isChannelLink(input)).toBe(true);
	});

	it.each([
		`https://www.youtube.com/playlist?list=${PL}`,
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ",
		"https://www.youtube.com/channels",
		"https://www.youtube.com/channel/",
		"https://www.youtube.com/c",
		"https://www.youtube.com/@",
		"https://evil.example/@somechannel",
		"@somechannel",
	])("%s is not", (input) => {
		expect(isChannelLink(input)).toBe(false);
	});
});

describe("readPlaylistLink", () => {
	function refusal(text: string): SummaryError {
		try {
			readPlaylistLink(text);
		} catch (e) {
			if (e instanceof SummaryError) return e;
			throw e;
		}
		throw new Error("readPlaylistLink accepted the link");
	}

	it("returns a playlist that can be read", () => {
		expect(readPlaylistLink(`https://www.youtube.com/watch?v=${VIDEO}&list=${PL}`)).toEqual({ listId: PL, videoId: VIDEO, kind: "playlist" });
	});

	it.each([
		[
			"https://www.youtube.com/@somechannel/videos",
			"That's a link to a YouTube channel, not to a video or a playlist. Open one of the channel's videos or playlists on YouTube and paste that link instead.",
		],
		[
			"https://www.youtube.com/watch?v=2kZVEUGLgy4&list=RDdoEcQv1wlsI",
			`That's a YouTube Mix: YouTube makes it up for each viewer and keeps adding to it, so it can't be read as a list. Summarize one of its videos instead, or ${OWN_PLAYLIST}`,
		],
		[
			"https://www.youtube.com/playlist?list=WL",
			`"Watch later" is private to your YouTube account, and the plugin doesn't sign in to YouTube. To summarize those videos, ${OWN_PLAYLIST}`,
		],
		[
			"https://www.youtube.com/playlist?list=LL",
			`"Liked videos" is private to your YouTube account, and the plugin doesn't sign in to YouTube. To summarize those videos, ${OWN_PLAYLIST}`,
		],
		["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "That doesn't look like a YouTube playlist link. Paste a link like youtube.com/playlist?list=…"],
		["https://vimeo.com/123456", "That doesn't look like a YouTube playlist link. Paste a link like youtube.com/playlist?list=…"],
	])("refuses %s with what to paste instead", (input, message) => {
		const e = refusal(input);
		expect(e.kind).toBe("input");
		expect(e.message).toBe(message);
	});
});
