import { afterEach, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { descriptionChapters } from "../../../src/core/youtube/description-chapters";
import { fetchTranscript, fetchVideoInfo } from "../../../src/core/youtube/fetch-transcript";
import { readPlayerResponse } from "../../../src/core/youtube/player-response";
import { videoInfoFromPlayer } from "../../../src/core/youtube/video-details";
import { extractPlayerResponse } from "../../../src/core/youtube/watch-page";
import { type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, playerJson, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

const M4 = "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json";

function withDescription(path: string, description: string): Record<string, unknown> {
	const json = playerJson(path);
	return { ...json, videoDetails: { ...(json["videoDetails"] as Record<string, unknown>), shortDescription: description } };
}

describe("video details from the player response", () => {
	it("title, channel, duration, tracks and thumbnail for the source dialog", async () => {
		fake = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4 } }) });
		const info = await fetchVideoInfo(fake.http, "M4gD1WSo5mA");
		expect(info).toEqual({
			id: "M4gD1WSo5mA",
			title: "William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography",
			channel: "The Berkman Klein Center for Internet & Society",
			durationSeconds: 721,
			chapters: [],
			thumbnail: "https://i.ytimg.com/vi/M4gD1WSo5mA/hqdefault.jpg",
			tracks: [
				{ id: ".en", languageCode: "en", name: "English", kind: "manual", translatable: true },
				{ id: "a.en", languageCode: "en", name: "English (auto-generated)", kind: "auto-generated", translatable: true },
			],
			translationLanguages: expect.any(Array),
		});
		expect(info.translationLanguages).toHaveLength(17);
		expect(info.translationLanguages[0]).toEqual({ code: expect.any(String), name: expect.any(String) });
		expect(JSON.stringify(info)).not.toContain("timedtext");
		expect(fake.clients()).toEqual(["IOS"]);
	});

	it("chapters from the description of a recorded video", () => {
		const player = readPlayerResponse(playerJson("newpipe/android_manual_de_ud9d5cMDP_0.player.json"));
		if (!player) throw new Error("fixture");
		const info = videoInfoFromPlayer("ud9d5cMDP_0", player);
		expect(info.title).toBe("Vitamin D wissenschaftlich geprüft");
		expect(info.channel).toBe("MAITHINK X");
		expect(info.durationSeconds).toBe(1010);
		expect(info.chapters).toEqual([
			{ start: 0, title: "Ein erstaunlich kontroverses Thema" },
			{ start: 164, title: "Was ist Vitamin D?" },
			{ start: 364, title: "Die Saisonalitätshypothese" },
			{ start: 498, title: "Klinische Studien zu Vitamin D" },
			{ start: 615, title: "Ab wann hat man Vitamin-D-Mangel?" },
			{ start: 803, title: "Vorsicht vor pauschalen Empfehlungen" },
			{ start: 981, title: "Keksempfehlungen" },
		]);
	});

	it("chapters from a description we wrote: several stamp styles, stray stamps ignored, the list ends where times stop rising", async () => {
		const description = [
			"At 3:16 I mention the old recipe.",
			"",
			"Chapters:",
			"00:00 - Intro",
			"(1:05) Flour and water",
			"▶ 2:30 | Kneading",
			"Proofing – 4:00",
			"1:02:03 Too late for this 12-minute video",
			"",
			"0:00 a second list that must not count",
		].join("\r\n");
		fake = fakeYouTube({
			player: onlyClients({ IOS: { json: withDescription(M4, description) } }),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		const chapters = [
			{ start: 0, title: "Intro" },
			{ start: 65, title: "Flour and water" },
			{ start: 150, title: "Kneading" },
			{ start: 240, title: "Proofing" },
		];
		expect(got.video.chapters).toEqual(chapters);
		// The pipeline gets them with the transcript.
		expect(got.transcript.chapters).toEqual(chapters);
		expect(got.video.durationSeconds).toBe(721);
	});

	it("no chapters from fewer than three stamps, or from a list that does not start at 0:00", () => {
		expect(descriptionChapters("0:00 Intro\n1:00 End")).toEqual([]);
		expect(descriptionChapters("0:10 Intro\n1:00 Middle\n2:00 End")).toEqual([]);
		expect(descriptionChapters(undefined)).toEqual([]);
	});

	it("chapter markers in the response win over the description", () => {
		const json = withDescription(M4, "0:00 A\n1:00 B\n2:00 C");
		const marker = (title: string, ms: number) => ({ chapterRenderer: { title: { simpleText: title }, timeRangeStartMillis: ms } });
		json["playerOverlays"] = {
			playerOverlayRenderer: {
				decoratedPlayerBarRenderer: {
					decoratedPlayerBarRenderer: {
						playerBar: {
							multiMarkersPlayerBarRenderer: {
								markersMap: [{ key: "DESCRIPTION_CHAPTERS", value: { chapters: [marker("Opening", 0), marker("Doctrine", 95500)] } }],
							},
						},
					},
				},
			},
		};
		const player = readPlayerResponse(json);
		if (!player) throw new Error("fixture");
		expect(videoInfoFromPlayer("M4gD1WSo5mA", player).chapters).toEqual([
			{ start: 0, title: "Opening" },
			{ start: 95.5, title: "Doctrine" },
		]);
	});

	it("the publish date and details from the watch page", () => {
		const player = readPlayerResponse(extractPlayerResponse(fixture("jdepoix/youtube.html")));
		if (!player) throw new Error("fixture");
		const info = videoInfoFromPlayer("GJLlxj_dtq8", player);
		expect(info.title).toBe("Surface Go Review - It’s Awesome");
		expect(info.channel).toBe("Dave2D");
		expect(info.durationSeconds).toBe(316);
		expect(info.published).toBe("2018-08-02");
		expect(info.tracks.map((t) => t.id)).toEqual([".zh", ".cs", ".en", "a.en", ".de", ".hi", ".ja", ".ko", ".es"]);
	});

	it("no duration for a live stream, whose lengthSeconds is 0", () => {
		const player = readPlayerResponse(playerJson("newpipe/android_live_no_captions_X4VbdwhkE10.player.json"));
		if (!player) throw new Error("fixture");
		expect(videoInfoFromPlayer("X4VbdwhkE10", player).durationSeconds).toBeUndefined();
	});
});

describe("fetchVideoInfo", () => {
	it("gives the details of a video without captions once two clients agree, with no tracks", async () => {
		fake = fakeYouTube({ player: { "*": { fixture: "jdepoix/youtube_transcripts_disabled.innertube.json" } } });
		const info = await fetchVideoInfo(fake.http, "dsMFmonKDD4");
		expect(info.title).toBe("Angèle - Eels x Richard Cocciante | A Take Away Show");
		expect(info.tracks).toEqual([]);
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("falls back on oEmbed for title and channel when no player answer can be read", async () => {
		fake = fakeYouTube({
			player: { "*": status(403) },
			watch: [ok("<html>nothing</html>")],
			oembed: ok(JSON.stringify({ title: "Surface Go Review - It’s Awesome", author_name: "Dave2D", type: "video" })),
		});
		const info = await fetchVideoInfo(fake.http, "GJLlxj_dtq8");
		expect(info).toEqual({
			id: "GJLlxj_dtq8",
			title: "Surface Go Review - It’s Awesome",
			channel: "Dave2D",
			chapters: [],
			thumbnail: "https://i.ytimg.com/vi/GJLlxj_dtq8/hqdefault.jpg",
			tracks: [],
			translationLanguages: [],
		});
		const oembed = fake.asked.find((a) => a.kind === "oembed");
		expect(oembed?.what).toBe("https://www.youtube.com/oembed?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DGJLlxj_dtq8&format=json");
		// No youtube-transcript step here: it fetches captions, which the dialog does not need.
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB"]);
	});

	it("throws YouTube's verdict when oEmbed does not know the video either", async () => {
		fake = fakeYouTube({ player: { "*": status(403) }, watch: [ok("<html>nothing</html>")], oembed: status(404, "Not Found") });
		await expect(fetchVideoInfo(fake.http, "GJLlxj_dtq8")).rejects.toThrow("YouTube changed something");
	});

	it("throws at once for a private video", async () => {
		fake = fakeYouTube({ player: { "*": { fixture: "newpipe/android_private_8VajtrESJzA.player.json" } } });
		const e = await fetchVideoInfo(fake.http, "8VajtrESJzA").catch((x: unknown) => x);
		expect(e).toBeInstanceOf(SummaryError);
		expect((e as SummaryError).message.startsWith("YouTube says: 'This video is private'.")).toBe(true);
	});
});
