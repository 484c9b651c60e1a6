import { afterEach, describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { INNERTUBE_CLIENTS, PLAYER_URL, playerRequest, readVisitorData, VISITOR_ID_URL, visitorIdRequest } from "../../../src/core/youtube/innertube-clients";
import {
	type Asked,
	type FakeRoutes,
	type FakeYouTube,
	fakeYouTube,
	fixture,
	ok,
	onlyClients,
	playerJson,
	recordedVisitorData,
	type Reply,
	status,
} from "../../support/fake-youtube";

/** The IOS client's context as every request of that client sends it (innertube-clients.ts). */
const IOS_CLIENT = {
	clientName: "IOS",
	clientVersion: "21.26.4",
	deviceMake: "Apple",
	deviceModel: "iPhone16,2",
	osName: "iPhone",
	osVersion: "18.3.2.22D82",
	hl: "en",
	gl: "US",
};

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

const RWBY = { fixture: "timedtext/srv3_manual_en_rwby.xml" };
const FIRST_RWBY = { start: 3.934, text: "Narrator: Legends." };

describe("the player request", () => {
	it("posts each client's context with a matching user agent and client headers", () => {
		const request = playerRequest(INNERTUBE_CLIENTS[0]!, "M4gD1WSo5mA");
		expect(request.url).toBe(PLAYER_URL);
		expect(request.url).toBe("https://www.youtube.com/youtubei/v1/player?prettyPrint=false");
		expect(request.method).toBe("POST");
		expect(request.headers).toEqual({
			"Content-Type": "application/json",
			"User-Agent": "com.google.ios.youtube/21.26.4 (iPhone16,2; U; CPU iOS 18_3_2 like Mac OS X;)",
			"X-YouTube-Client-Name": "5",
			"X-YouTube-Client-Version": "21.26.4",
		});
		expect(JSON.parse(request.body ?? "")).toEqual({
			context: { client: IOS_CLIENT },
			videoId: "M4gD1WSo5mA",
			contentCheckOk: true,
			racyCheckOk: true,
		});
	});

	it("asks the clients in the order of the table: IOS, ANDROID, VISIONOS, ANDROID_VR, MWEB", () => {
		expect(INNERTUBE_CLIENTS.map((c) => `${c.name} ${c.version}`)).toEqual([
			"IOS 21.26.4",
			"ANDROID 21.26.364",
			"VISIONOS 1.02",
			"ANDROID_VR 1.65.10",
			"MWEB 2.20260708.05.00",
		]);
	});
});

describe("falling through to the next client", () => {
	it("when a client answers for another video", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "jdepoix/youtube.innertube.json" }, // GJLlxj_dtq8, not the video asked for
				ANDROID: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			}),
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(got.video.title).toBe("William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography");
		expect(got.transcript.segments[0]).toEqual(FIRST_RWBY);
		// Only the right video's captions were asked for.
		expect(fake.asked.filter((a) => a.kind === "caption").map((a) => new URL(a.what).searchParams.get("v"))).toEqual(["M4gD1WSo5mA"]);
	});

	it("when a client answers with the bot check (yt-dlp keeps asking the remaining clients)", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "jdepoix/youtube_request_blocked.innertube.json" },
				ANDROID: status(429, "Too Many Requests"),
				VISIONOS: { fixture: "newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			}),
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS"]);
		expect(got.track.id).toBe(".en");
		expect(got.transcript.segments[0]).toEqual(FIRST_RWBY);
	});

	it("when a client's caption body is empty", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json" }, // baseUrls without fmt
				ANDROID: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" }, // baseUrls with fmt=srv3 and ei=wuElaqT…
			}),
			captions: [
				{ lang: "en", kind: "manual", urlIncludes: "ei=wuElaqT", reply: RWBY },
				{ lang: "en", kind: "manual", reply: ok("") },
			],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(fake.asked.filter((a) => a.kind === "caption")).toHaveLength(2);
		expect(got.transcript.segments[0]).toEqual(FIRST_RWBY);
	});

	it("when a client says UNPLAYABLE for itself while the next one plays the video", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "newpipe/visionos_unplayable_same_video_it3OtbTxQk0.player.json" },
				ANDROID: { fixture: "newpipe/android_ok_it3OtbTxQk0.player.json" },
			}),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		});
		const got = await fetchTranscript(fake.http, "it3OtbTxQk0", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(got.track).toEqual({ id: "a.en", languageCode: "en", name: "English (auto-generated)", kind: "auto-generated" });
		expect(got.video.title).toBe("Introduction to Doodle for Google 2023");
		expect(got.transcript.segments[0]).toEqual({ start: 2.399, text: "hey in today's lesson I'm going to help" });
	});

	it("when a client offers only a PO-token-gated track", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "jdepoix/youtube_po_token_required.innertube.json" },
				ANDROID: { fixture: "jdepoix/youtube.innertube.json" },
			}),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(got.track.kind).toBe("manual");
		expect(fake.asked.filter((a) => a.kind === "caption").map((a) => a.what.includes("exp=xpe"))).toEqual([false]);
	});

	it("when a client fails with an HTTP error, unparsable JSON or no answer", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: status(400, '{"error":{"code":400,"message":"Precondition check failed."}}'),
				ANDROID: ok("<html>oops</html>"),
				VISIONOS: new Error("socket hang up"),
				ANDROID_VR: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			}),
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR"]);
		expect(got.transcript.segments[0]).toEqual(FIRST_RWBY);
	});

	it("when a client leaves out the wanted language that the next one lists (ANDROID omitting manual tracks, #609)", async () => {
		const full = playerJson("newpipe/android_manual_en_engb_asr_ja_Kn56bMZ9OE8.player.json");
		const captions = (full["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: { languageCode: string }[] } }).playerCaptionsTracklistRenderer;
		const japaneseOnly = {
			...full,
			captions: { playerCaptionsTracklistRenderer: { ...captions, captionTracks: captions.captionTracks.filter((t) => t.languageCode === "ja") } },
		};
		fake = fakeYouTube({
			player: onlyClients({ IOS: { json: japaneseOnly }, ANDROID: { json: full } }),
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		});
		const got = await fetchTranscript(fake.http, "Kn56bMZ9OE8", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		// Not a translation of the Japanese track, which the first answer would have allowed.
		expect(got.track).toEqual({ id: ".en", languageCode: "en", name: "English", kind: "manual" });
	});

	it("falls to youtube-transcript and then the watch page when every client fails", async () => {
		fake = fakeYouTube({ player: { "*": status(500) }, watch: [status(500)] });
		await expect(fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] })).rejects.toThrow(
			"YouTube's servers answered with an error (HTTP 500). Try again in a few minutes",
		);
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"]);
		// youtube-transcript fetched the watch page; our own step read that answer instead of fetching it again.
		expect(fake.asked.filter((a) => a.kind === "watch")).toHaveLength(1);
	});
});

describe('visitorData (NewPipe: "We must always pass a valid visitorData")', () => {
	const M4_ANDROID = { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" };
	/** IOS and ANDROID fail, VISIONOS gives the captions: three player requests after one visitor_id request. */
	const routes = (visitorId?: Reply): FakeRoutes => ({
		player: onlyClients({ IOS: status(500), ANDROID: { fixture: "jdepoix/youtube_request_blocked.innertube.json" }, VISIONOS: M4_ANDROID }),
		captions: [{ lang: "en", kind: "manual", reply: RWBY }],
		...(visitorId ? { visitorId } : {}),
	});
	const sent = (a: Asked) => ({
		header: a.request.headers?.["X-Goog-Visitor-Id"],
		body: (JSON.parse(a.request.body ?? "{}") as { context: { client: { visitorData?: string } } }).context.client.visitorData,
	});

	it("reads responseContext.visitorData from NewPipe's recorded visitor_id answer", () => {
		expect(readVisitorData(JSON.parse(fixture("newpipe/visionos_visitor_id.json")))).toMatch(/^Cgt[\w%-]+%3D%3D$/);
		expect(readVisitorData({ responseContext: {} })).toBeUndefined();
		expect(readVisitorData({ responseContext: { visitorData: "" } })).toBeUndefined();
		expect(readVisitorData(undefined)).toBeUndefined();
	});

	it("asks for it as NewPipe does: one POST to /youtubei/v1/visitor_id with the client's context", () => {
		const request = visitorIdRequest(INNERTUBE_CLIENTS[0]!);
		expect(request.url).toBe(VISITOR_ID_URL);
		expect(request.url).toBe("https://www.youtube.com/youtubei/v1/visitor_id?prettyPrint=false");
		expect(request.method).toBe("POST");
		expect(request.headers?.["X-YouTube-Client-Name"]).toBe("5");
		expect(JSON.parse(request.body ?? "")).toEqual({
			context: { client: IOS_CLIENT },
		});
		const player = playerRequest(INNERTUBE_CLIENTS[0]!, "M4gD1WSo5mA", undefined, "abc%3D%3D");
		expect(player.headers?.["X-Goog-Visitor-Id"]).toBe("abc%3D%3D");
		expect((JSON.parse(player.body ?? "") as { context: { client: Record<string, string> } }).context.client["visitorData"]).toBe("abc%3D%3D");
	});

	it("is fetched once per video and sent both ways (X-Goog-Visitor-Id, context.client.visitorData) with every player request", async () => {
		fake = fakeYouTube(routes());
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.transcript.segments[0]).toEqual(FIRST_RWBY);
		expect(fake.asked.map((a) => a.kind)).toEqual(["visitor", "player", "player", "player", "caption", "next"]);
		const visitorData = recordedVisitorData();
		expect(fake.asked.filter((a) => a.kind === "player").map(sent)).toEqual([
			{ header: visitorData, body: visitorData },
			{ header: visitorData, body: visitorData },
			{ header: visitorData, body: visitorData },
		]);
	});

	it.each<[string, Reply]>([
		["an HTTP error", status(500)],
		["the bot check", status(429, "Too Many Requests")],
		["no answer", new Error("socket hang up")],
		["an answer without visitorData", ok('{"responseContext":{}}')],
		["not JSON", ok("<html>oops</html>")],
	])("a failing visitor_id request (%s) changes nothing else: the player requests go without it", async (_, reply) => {
		const withIt = fakeYouTube(routes());
		const expected = await fetchTranscript(withIt.http, "M4gD1WSo5mA", { languages: ["en"] });
		fake = fakeYouTube(routes(reply));
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got).toEqual(expected);
		expect(fake.asked.map((a) => a.kind)).toEqual(withIt.asked.map((a) => a.kind));
		expect(fake.asked.filter((a) => a.kind === "player").map(sent)).toEqual([
			{ header: undefined, body: undefined },
			{ header: undefined, body: undefined },
			{ header: undefined, body: undefined },
		]);
	});

	it("a failing visitor_id request leaves the error as it was", async () => {
		const everyoneFails: FakeRoutes = { player: { "*": status(500) }, watch: [status(500)] };
		const withIt = fakeYouTube(everyoneFails);
		const expected = await fetchTranscript(withIt.http, "M4gD1WSo5mA", { languages: ["en"] }).catch((e: unknown) => e);
		fake = fakeYouTube({ ...everyoneFails, visitorId: new Error("socket hang up") });
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] }).catch((e: unknown) => e);
		expect(got).toBeInstanceOf(Error);
		expect((got as Error).message).toBe((expected as Error).message);
		expect(fake.clients()).toEqual(withIt.clients());
	});
});
