import { describe, expect, it } from "vitest";

import { findYouTubeLink, parseStartTime, parseYouTubeLink, refuseNonVideoLink } from "../../../src/core/source/youtube-link";

const ID = "dQw4w9WgXcQ";

describe("parseYouTubeLink", () => {
	it.each([
		[ID, { id: ID }],
		[`https://www.youtube.com/watch?v=${ID}`, { id: ID }],
		[`https://www.youtube.com/watch?si=abc&feature=share&v=${ID}&list=PL123&pp=xyz`, { id: ID }],
		[`youtube.com/watch?v=${ID}`, { id: ID }],
		[`http://m.youtube.com/watch?v=${ID}`, { id: ID }],
		[`https://music.youtube.com/watch?v=${ID}&t=42`, { id: ID, startAt: 42 }],
		[`https://youtu.be/${ID}?si=x&t=1h2m3s`, { id: ID, startAt: 3723 }],
		[`https://www.youtube.com/shorts/${ID}?feature=share`, { id: ID }],
		[`https://www.youtube.com/live/${ID}?si=abc`, { id: ID }],
		[`https://www.youtube.com/embed/${ID}?start=5`, { id: ID, startAt: 5 }],
		[`https://www.youtube-nocookie.com/embed/${ID}`, { id: ID }],
		[`https://www.youtube.com/v/${ID}`, { id: ID }],
		[`<https://youtu.be/${ID}>`, { id: ID }],
		[`[A talk](https://youtu.be/${ID}?t=90s)`, { id: ID, startAt: 90 }],
		[`https://www.youtube.com/attribution_link?u=%2Fwatch%3Fv%3D${ID}%26feature%3Dshare`, { id: ID }],
	])("reads %s", (input, expected) => {
		expect(parseYouTubeLink(input)).toEqual(expected);
	});

	it.each([
		"https://www.youtube.com/playlist?list=PL123",
		"https://www.youtube.com/@somechannel",
		"https://www.youtube.com/channel/UC1234567890",
		"https://www.youtube.com/watch",
		"https://notyoutube.com/watch?v=dQw4w9WgXcQ",
		"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
		"https://vimeo.com/123456",
		"dQw4w9WgXc",
		"dQw4w9WgXcQQ",
		"javascript:alert(1)",
		"https://www.youtube.com/watch?v=short",
	])("refuses %s", (input) => {
		expect(parseYouTubeLink(input)).toBeNull();
	});
});

describe("parseStartTime", () => {
	it("reads seconds and h/m/s forms", () => {
		expect(["90", "90s", "1h2m3s", "2m", "1h"].map(parseStartTime)).toEqual([90, 90, 3723, 120, 3600]);
		expect([null, "", "abc"].map(parseStartTime)).toEqual([undefined, undefined, undefined]);
	});
});

describe("findYouTubeLink", () => {
	it("finds the first video link in a note, skipping channel links", () => {
		const note = `See https://www.youtube.com/@chan and the talk: [video](https://youtu.be/${ID}?t=10).`;
		expect(findYouTubeLink(note)).toEqual({ id: ID, startAt: 10 });
	});
	it("finds nothing in a note without one", () => {
		expect(findYouTubeLink("0:00 hello there 0:05 general kenobi")).toBeNull();
	});
});

describe("refuseNonVideoLink", () => {
	it.each(["https://www.youtube.com/playlist?list=PL123", "youtube.com/@chan", "<https://vimeo.com/1>", "[x](https://www.youtube.com/channel/UC1)"])(
		"refuses %s with the message that says which links work",
		(text) => {
			expect(() => refuseNonVideoLink(text)).toThrow(
				/^That doesn't look like a YouTube video link\. Paste a link like youtube\.com\/watch\?v=… or youtu\.be\/…/,
			);
		},
	);
	it.each(["https://youtu.be/dQw4w9WgXcQ", "0:00 a transcript line", "notes.txt"])("lets %s through", (text) => {
		expect(() => refuseNonVideoLink(text)).not.toThrow();
	});
});
