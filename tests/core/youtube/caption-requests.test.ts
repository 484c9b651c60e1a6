import { afterEach, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { captionUrl } from "../../../src/core/youtube/caption-tracks";
import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { PASTE_INSTEAD } from "../../../src/core/youtube/messages";
import type { CaptionTrack } from "../../../src/core/youtube/player-response";
import { DESKTOP_USER_AGENT } from "../../../src/core/youtube/watch-page";
import { type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, type Reply, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

const M4_ANDROID = "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json"; // baseUrls end fmt=srv3
const M4_VISIONOS = "newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json"; // baseUrls without fmt
const JSON3 = { fixture: "timedtext/json3_asr_en_anderlaw.json" };

function captionRequests(f: FakeYouTube) {
	return f.asked.filter((a) => a.kind === "caption");
}

function track(baseUrl: string): CaptionTrack {
	return { id: ".en", languageCode: "en", name: "English", kind: "manual", translatable: true, baseUrl };
}

describe("the caption format is pinned to json3", () => {
	it("replaces the fmt a track URL carries, keeps the rest of the signed query as written, and appends tlang after it", () => {
		const signed = "https://www.youtube.com/api/timedtext?v=x&sparams=ip,ipbits,expire&signature=AB.CD&key=yt8&lang=en&fmt=srv3";
		expect(captionUrl(track(signed))).toBe("https://www.youtube.com/api/timedtext?v=x&sparams=ip,ipbits,expire&signature=AB.CD&key=yt8&lang=en&fmt=json3");
		expect(captionUrl(track("https://www.youtube.com/api/timedtext?fmt=vtt&v=x&lang=en"), "de")).toBe(
			"https://www.youtube.com/api/timedtext?v=x&lang=en&fmt=json3&tlang=de",
		);
		expect(captionUrl(track("https://www.youtube.com/api/timedtext?v=x&lang=en"))).toBe("https://www.youtube.com/api/timedtext?v=x&lang=en&fmt=json3");
		expect(captionUrl(track("https://www.youtube.com/api/timedtext"))).toBe("https://www.youtube.com/api/timedtext?fmt=json3");
	});

	it("a track URL without fmt is asked with fmt=json3, and the json3 answer is read", async () => {
		fake = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4_VISIONOS } }), captions: [{ lang: "en", kind: "manual", reply: JSON3 }] });
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		const asked = captionRequests(fake);
		expect(asked).toHaveLength(1);
		expect(new URL(asked[0]!.what).searchParams.getAll("fmt")).toEqual(["json3"]);
		expect(got.transcript.segments.length).toBeGreaterThan(0);
	});

	it("a track URL that carried fmt=srv3 is asked with fmt=json3; a body in another format is still read by what it is", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: M4_ANDROID } }),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		const [asked] = captionRequests(fake);
		expect(asked?.what).toContain("&fmt=json3");
		expect(asked?.what).not.toContain("fmt=srv3");
		expect(new URL(asked!.what).searchParams.getAll("fmt")).toEqual(["json3"]);
		expect(got.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
	});
});

describe("caption requests look like a browser's", () => {
	it("carry a desktop Chrome user agent", async () => {
		fake = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4_ANDROID } }), captions: [{ lang: "en", kind: "manual", reply: JSON3 }] });
		await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		const [asked] = captionRequests(fake);
		expect(asked?.request.headers?.["User-Agent"]).toBe(DESKTOP_USER_AGENT);
		expect(DESKTOP_USER_AGENT).toMatch(
			/^Mozilla\/5\.0 \(Windows NT 10\.0; Win64; x64\) AppleWebKit\/537\.36 \(KHTML, like Gecko\) Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/,
		);
	});
});

/**
 * Every way the download of a chosen track can fail, each twice: on the first client only (the next
 * client's captions are used), and on every attempt (the message the user gets, and one debug line per
 * attempt). The 429 body is YouTube's recorded "Sorry…" page (jdepoix); the bodies without text are the
 * recorded json3 and srv3 answers with their cues taken out.
 */
describe("every way a caption request can fail", () => {
	const json3 = JSON.parse(fixture(JSON3.fixture)) as { events: { segs?: unknown }[] };
	const withoutCues = JSON.stringify({ ...json3, events: json3.events.filter((e) => e.segs === undefined) });
	const srv3WithoutText = fixture("timedtext/srv3_manual_en_rwby.xml").replace(/<p ([^>]*)>[^<]*<\/p>/g, "<p $1></p>");
	const sorry = fixture("jdepoix/youtube_too_many_requests.html");
	const CHANGED = `YouTube changed something, so the captions couldn't be read`;
	const PASTE = `paste the transcript yourself. ${PASTE_INSTEAD}`;
	const EVERY_STEP = [
		"IOS 21.26.4",
		"ANDROID 21.26.364",
		"VISIONOS 1.02",
		"ANDROID_VR 1.65.10",
		"MWEB 2.20260708.05.00",
		"youtube-transcript (ANDROID 20.10.38)",
	];
	const CLIENTS = EVERY_STEP.slice(0, 5);
	const everyStep = (line: string): string[] => [...EVERY_STEP.map((s) => `${s}: ${line}`), "watch page: http HTTP 500"];

	const cases: { name: string; reply: Reply; message: string; attempts: string[] }[] = [
		{
			name: "a network failure",
			reply: new Error("socket hang up"),
			message: "Couldn't reach YouTube — check your internet connection.",
			attempts: CLIENTS.slice(0, 2).map((s) => `${s}: network socket hang up`),
		},
		{
			name: "429 with YouTube's Sorry page",
			reply: { status: 429, headers: { "content-type": "text/html; charset=utf-8" }, text: sorry },
			message: `YouTube answered "Too many requests". It is temporarily blocking automated requests from your network (common on VPNs and work networks). Wait a few minutes or turn off the VPN and try again, or ${PASTE}`,
			attempts: CLIENTS.map((s) => `${s}: bot-check`),
		},
		{
			name: "403",
			reply: status(403),
			message: `${CHANGED} (HTTP 403). Update the plugin (or report it with the video link), or ${PASTE}`,
			attempts: everyStep("http HTTP 403 caption request"),
		},
		{
			name: "404",
			reply: status(404),
			message: `${CHANGED} (HTTP 404). Update the plugin (or report it with the video link), or ${PASTE}`,
			attempts: everyStep("http HTTP 404 caption request"),
		},
		{
			name: "500",
			reply: status(500),
			message: `YouTube's servers answered with an error (HTTP 500). Try again in a few minutes, or ${PASTE}`,
			attempts: everyStep("http HTTP 500 caption request"),
		},
		{
			name: "503",
			reply: status(503),
			message: `YouTube's servers answered with an error (HTTP 503). Try again in a few minutes, or ${PASTE}`,
			attempts: everyStep("http HTTP 503 caption request"),
		},
		{
			name: "an empty 200 (no PO token, FreeTube#7484)",
			reply: ok(""),
			message: `YouTube now requires a browser check to download these captions. Update the plugin, or ${PASTE}`,
			attempts: everyStep("empty-captions .en body empty"),
		},
		{
			name: "a 200 of white space",
			reply: ok(" \n\t"),
			message: `YouTube now requires a browser check to download these captions. Update the plugin, or ${PASTE}`,
			attempts: everyStep("empty-captions .en body empty"),
		},
		{
			name: "an HTML page with 200",
			reply: ok(sorry),
			message: `${CHANGED}. Update the plugin (or report it with the video link), or ${PASTE}`,
			attempts: everyStep("unparsable caption body in no known format"),
		},
		{
			name: "json3 without cues",
			reply: ok(withoutCues),
			message: `YouTube sent these captions without any text: the track may be empty, or YouTube may be holding captions back from the plugin. Try another caption language, update the plugin, or ${PASTE}`,
			attempts: everyStep("blank-captions .en has no text"),
		},
		{
			name: "srv3 whose cues have no text",
			reply: ok(srv3WithoutText),
			message: `YouTube sent these captions without any text: the track may be empty, or YouTube may be holding captions back from the plugin. Try another caption language, update the plugin, or ${PASTE}`,
			attempts: everyStep("blank-captions .en has no text"),
		},
	];

	it.each(cases)("$name on the first client: the next client's captions", async ({ reply }) => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: M4_VISIONOS }, ANDROID: { fixture: M4_ANDROID } }),
			captions: [
				{ lang: "en", kind: "manual", urlIncludes: "ei=wuElaqT", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } },
				{ lang: "en", kind: "manual", reply },
			],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(captionRequests(fake)).toHaveLength(2);
		expect(got.track).toEqual({ id: ".en", languageCode: "en", name: "English", kind: "manual" });
		expect(got.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
	});

	it.each(cases)("$name on every attempt: what the user is told, and a debug line per attempt", async ({ reply, message, attempts }) => {
		fake = fakeYouTube({ player: { "*": { fixture: M4_ANDROID } }, captions: [{ lang: "en", kind: "manual", reply }], watch: [status(500)] });
		const error = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] }).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(SummaryError);
		const { message: said, detail } = error as SummaryError;
		expect(said).toBe(message);
		expect(detail?.split("\n")).toEqual(["YouTube video M4gD1WSo5mA", ...attempts]);
	});
});
