import { afterEach, describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, playerJson, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

const RWBY = { fixture: "timedtext/srv3_manual_en_rwby.xml" };

/** A player response with the player bar's chapter markers, as the watch page's player response sometimes has them. */
function withMarkers(path: string, chapters: [string, number][]): Record<string, unknown> {
	const json = playerJson(path);
	const markers = chapters.map(([title, ms]) => ({ chapterRenderer: { title: { simpleText: title }, timeRangeStartMillis: ms } }));
	json["playerOverlays"] = {
		playerOverlayRenderer: {
			decoratedPlayerBarRenderer: {
				decoratedPlayerBarRenderer: {
					playerBar: { multiMarkersPlayerBarRenderer: { markersMap: [{ key: "DESCRIPTION_CHAPTERS", value: { chapters: markers } }] } },
				},
			},
		},
	};
	return json;
}

describe("chapters when the transcript comes from an answer without any", () => {
	it("a fallback client's transcript gets the chapters of the first answer that had any", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				// IOS has chapters but its caption body is empty; ANDROID, without chapters, gives the captions.
				IOS: {
					json: withMarkers("newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json", [
						["Opening", 0],
						["Doctrine", 95500],
					]),
				},
				ANDROID: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			}),
			captions: [
				{ lang: "en", kind: "manual", urlIncludes: "ei=wuElaqT", reply: RWBY },
				{ lang: "en", kind: "manual", reply: ok("") },
			],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		const chapters = [
			{ start: 0, title: "Opening" },
			{ start: 95.5, title: "Doctrine" },
		];
		expect(got.video.chapters).toEqual(chapters);
		expect(got.transcript.chapters).toEqual(chapters);
	});

	it("without chapters anywhere, the transcript has none", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" } }),
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.transcript.chapters).toEqual([]);
	});

	it("an InnerTube answer's transcript gets the chapters of the watch page the youtube-transcript step fetched", async () => {
		// The page's own player response is the bot check, so the page gives no answer, only its ytInitialData.
		const blocked = fixture("jdepoix/youtube_request_blocked.innertube.json");
		const initialData = fixture("handmade/initial_data_chapters.json");
		const page = `<html><script>var ytInitialPlayerResponse = ${blocked};</script><script>var ytInitialData = ${initialData};</script></html>`;
		fake = fakeYouTube({
			player: onlyClients({
				// The manual en track is PO-token gated: the auto-generated one waits among the fallbacks.
				IOS: { fixture: "jdepoix/youtube_po_token_required.innertube.json" },
				"youtube-transcript": status(500),
			}),
			watch: [ok(page)],
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"]);
		expect(fake.asked.filter((a) => a.kind === "watch")).toHaveLength(1);
		expect(got.track.kind).toBe("auto-generated");
		const chapters = [
			{ start: 0, title: "Intro" },
			{ start: 95.5, title: 'Braces { and "quotes"' },
			{ start: 3723, title: "Wrap-up" },
		];
		expect(got.video.chapters).toEqual(chapters);
		expect(got.transcript.chapters).toEqual(chapters);
	});
});
