import { afterEach, describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { initialDataChapters } from "../../../src/core/youtube/initial-data-chapters";
import { NEXT_URL, WEB_CLIENT } from "../../../src/core/youtube/innertube-clients";
import { memoryTranscriptCache } from "../../../src/core/youtube/transcript-cache";
import { type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, playerJson, type Reply, status } from "../../support/fake-youtube";

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
		expect(fake.asked.filter((a) => a.kind === "next")).toHaveLength(1);
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

/** NewPipe's recorded WEB `/next` answer for M4gD1WSo5mA: YouTube's automatic "Key moments", in the panel only. */
const NEXT_M4 = { fixture: "newpipe/web_next_auto_chapters_M4gD1WSo5mA.json" };
const M4_KEY_MOMENTS = [
	{ start: 525.83, title: "Choreography" },
	{ start: 560.99, title: "What Underlies the Fixation Requirement" },
	{ start: 662.76, title: "Conventional Justification of the Fixation Requirement in Copyright Law" },
];
const M4_PLAYER = { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" };

describe("chapters from a WEB /next call", () => {
	it("reads both recorded /next answers: the panel's exact times, and the player bar's AUTO_CHAPTERS where the panel says the same", () => {
		expect(initialDataChapters(JSON.parse(fixture(NEXT_M4.fixture)))).toEqual(M4_KEY_MOMENTS);
		const unboxing = JSON.parse(fixture("newpipe/web_next_auto_chapters_bar_cV5TjZCJkuA.json")) as Record<string, unknown>;
		const expected = [
			{ start: 0, title: "Intro" },
			{ start: 30, title: "Unboxing" },
			{ start: 70, title: "Design" },
			{ start: 170, title: "Facial Recognition" },
			{ start: 210, title: "Other Sensors" },
			{ start: 275, title: "Selfie Test" },
			{ start: 333, title: "Display" },
		];
		expect(initialDataChapters(unboxing)).toEqual(expected);
		expect(initialDataChapters({ engagementPanels: unboxing["engagementPanels"] })).toEqual(expected);
	});

	it("an app's answer without chapters gets YouTube's Key moments from /next, asked once with the WEB client", async () => {
		fake = fakeYouTube({ player: onlyClients({ IOS: M4_PLAYER }), captions: [{ lang: "en", kind: "manual", reply: RWBY }], next: NEXT_M4 });
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.video.chapters).toEqual(M4_KEY_MOMENTS);
		expect(got.transcript.chapters).toEqual(M4_KEY_MOMENTS);
		expect(fake.asked.map((a) => a.kind)).toEqual(["visitor", "player", "caption", "next"]);
		const next = fake.asked.find((a) => a.kind === "next")?.request;
		expect(next?.url).toBe(NEXT_URL);
		expect(next?.headers?.["X-YouTube-Client-Name"]).toBe("1");
		expect(next?.headers?.["X-YouTube-Client-Version"]).toBe(WEB_CLIENT.version);
		expect(JSON.parse(next?.body ?? "{}")).toEqual({
			context: { client: { clientName: "WEB", clientVersion: WEB_CLIENT.version, platform: "DESKTOP", hl: "en", gl: "US" } },
			videoId: "M4gD1WSo5mA",
			contentCheckOk: true,
			racyCheckOk: true,
		});
	});

	it("is not asked when the answer's description has chapters", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: "newpipe/android_manual_de_ud9d5cMDP_0.player.json" } }),
			captions: [{ lang: "de", kind: "manual", reply: RWBY }],
			next: status(500),
		});
		const got = await fetchTranscript(fake.http, "ud9d5cMDP_0", { languages: ["de"] });
		expect(got.video.chapters.map((c) => c.title)).toEqual([
			"Ein erstaunlich kontroverses Thema",
			"Was ist Vitamin D?",
			"Die Saisonalitätshypothese",
			"Klinische Studien zu Vitamin D",
			"Ab wann hat man Vitamin-D-Mangel?",
			"Vorsicht vor pauschalen Empfehlungen",
			"Keksempfehlungen",
		]);
		expect(fake.asked.filter((a) => a.kind === "next")).toEqual([]);
	});

	const failures: [string, Reply][] = [
		["a network failure", new Error("socket hang up")],
		["429", status(429)],
		["500", status(500)],
		["a body that is not JSON", ok("<html>Sorry…</html>")],
		["an empty body", ok("")],
		["JSON of another shape", ok('{"engagementPanels": {"not": "a list"}, "playerOverlays": []}')],
	];
	it.each(failures)("a /next answering with %s leaves the transcript without chapters and the fetch succeeds", async (_, reply) => {
		fake = fakeYouTube({ player: onlyClients({ IOS: M4_PLAYER }), captions: [{ lang: "en", kind: "manual", reply: RWBY }], next: reply });
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.track.kind).toBe("manual");
		expect(got.transcript.segments.length).toBeGreaterThan(0);
		expect(got.video.chapters).toEqual([]);
		expect(fake.asked.filter((a) => a.kind === "next")).toHaveLength(1);
	});

	it("is asked once even when the first track fails and another answer's track is read", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: "newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json" }, ANDROID: M4_PLAYER }),
			captions: [
				{ lang: "en", kind: "manual", urlIncludes: "ei=wuElaqT", reply: RWBY },
				{ lang: "en", kind: "manual", reply: ok("") },
			],
			next: NEXT_M4,
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(got.video.chapters).toEqual(M4_KEY_MOMENTS);
		expect(fake.asked.filter((a) => a.kind === "next")).toHaveLength(1);
	});

	it("a cached transcript keeps the chapters /next gave when it was stored, without asking again", async () => {
		// Only the manual track, relabelled en-GB: "en" cannot guess its cache key offline, so the player is asked again.
		const json = playerJson(M4_PLAYER.fixture);
		const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: Record<string, unknown>[] } }).playerCaptionsTracklistRenderer;
		renderer.captionTracks = renderer.captionTracks.filter((t) => t["kind"] !== "asr").map((t) => ({ ...t, languageCode: "en-GB", vssId: ".en-GB" }));
		const cache = memoryTranscriptCache();
		const first = fakeYouTube({ player: onlyClients({ IOS: { json } }), captions: [{ lang: "en", kind: "manual", reply: RWBY }], next: NEXT_M4 });
		const fetched = await fetchTranscript(first.http, "M4gD1WSo5mA", { languages: ["en"], cache });
		expect(fetched.video.chapters).toEqual(M4_KEY_MOMENTS);
		fake = fakeYouTube({ player: onlyClients({ IOS: { json } }) });
		const again = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"], cache });
		expect(fake.asked.map((a) => a.kind)).toEqual(["visitor", "player"]);
		expect(again.video.chapters).toEqual(M4_KEY_MOMENTS);
		expect(again.transcript.chapters).toEqual(M4_KEY_MOMENTS);
	});
});
