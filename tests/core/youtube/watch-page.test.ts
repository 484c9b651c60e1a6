import { afterEach, describe, expect, it } from "vitest";

import { transcriptMessage } from "../../../src/core/prompt/conversation";
import { fetchTranscript, fetchVideoInfo } from "../../../src/core/youtube/fetch-transcript";
import { initialDataChapters } from "../../../src/core/youtube/initial-data-chapters";
import {
	consentValue,
	DESKTOP_USER_AGENT,
	extractInitialData,
	extractPlayerResponse,
	isCaptchaPage,
	isConsentPage,
} from "../../../src/core/youtube/watch-page";
import { type FakeYouTube, fakeYouTube, fixture, ok, onlyClients, playerJson, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

/** A watch page around a player response whose description holds braces, quotes and a fake `}` sequence. */
function watchPage(player: Record<string, unknown>): string {
	const details = player["videoDetails"] as Record<string, unknown>;
	const tricky = { ...player, videoDetails: { ...details, shortDescription: 'Braces } { }} in text, a "quote" and \\ backslash;</script>' } };
	return `<!DOCTYPE html><html><head><script>var ytcfg = {"a": "}"};</script></head><body><script nonce="x">var ytInitialPlayerResponse = ${JSON.stringify(tricky)};var meta = document.createElement('meta');</script></body></html>`;
}

describe("reading the watch page", () => {
	it("finds ytInitialPlayerResponse in the recorded page", () => {
		const json = extractPlayerResponse(fixture("jdepoix/youtube.html")) as { videoDetails?: { videoId?: string } };
		expect(json.videoDetails?.videoId).toBe("GJLlxj_dtq8");
	});

	it("matches braces outside strings only, so braces in a description do not cut it short", () => {
		const json = extractPlayerResponse(watchPage(playerJson("newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json"))) as {
			videoDetails?: { shortDescription?: string };
		};
		expect(json.videoDetails?.shortDescription).toBe('Braces } { }} in text, a "quote" and \\ backslash;</script>');
		expect(extractPlayerResponse("<html>no player</html>")).toBeUndefined();
		expect(extractPlayerResponse('var ytInitialPlayerResponse = {"a": "unterminated')).toBeUndefined();
	});

	it("recognises the consent and captcha pages and reads the consent form", () => {
		expect(isConsentPage(fixture("jdepoix/youtube_consent_page.html"))).toBe(true);
		expect(consentValue(fixture("jdepoix/youtube_consent_page.html"))).toBe("cb.20210328-17-p0.de+FX+119");
		expect(consentValue(fixture("jdepoix/youtube_consent_page_invalid.html"))).toBeUndefined();
		expect(isCaptchaPage(fixture("jdepoix/youtube_too_many_requests.html"))).toBe(true);
		expect(isCaptchaPage(fixture("jdepoix/youtube.html"))).toBe(false);
		expect(isConsentPage(fixture("jdepoix/youtube.html"))).toBe(false);
	});
});

describe("the watch page as the last step", () => {
	it("gets the transcript after the consent page, with the cookie, when every client failed", async () => {
		const page = watchPage(playerJson("newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json"));
		fake = fakeYouTube({
			player: onlyClients({ "youtube-transcript": status(500) }),
			watch: [{ fixture: "jdepoix/youtube_consent_page.html" }],
			watchWithCookie: { "SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119": ok(page) },
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.track).toEqual({ id: ".en", languageCode: "en", name: "English", kind: "manual" });
		expect(got.transcript.segments).toEqual([
			{ start: 0, text: "Hey, this is just a test" },
			{ start: 1.54, text: "this is not the original transcript" },
			{ start: 5.7, text: "just something shorter, I made up for testing" },
		]);
		expect(got.video.title).toBe("William Fisher, CopyrightX: Lecture 3.2, The Subject Matter of Copyright: Drama and choreography");
		expect(fake.asked.filter((a) => a.kind === "watch").map((a) => a.request.headers?.["Cookie"])).toEqual([
			undefined,
			"SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119",
		]);
	});

	it("is asked with the consent cookie SOCS=CAI from the start, as yt-dlp does", async () => {
		fake = fakeYouTube({ player: onlyClients({}), watch: [{ fixture: "jdepoix/youtube.html" }] });
		const info = await fetchVideoInfo(fake.http, "GJLlxj_dtq8");
		expect(info.id).toBe("GJLlxj_dtq8");
		const pages = fake.asked.filter((a) => a.kind === "watch");
		expect(pages.map((a) => a.request.headers?.["Cookie"])).toEqual(["SOCS=CAI"]);
		expect(pages[0]?.request.headers?.["User-Agent"]).toBe(DESKTOP_USER_AGENT);
	});

	it("still answers a consent page that comes despite SOCS=CAI by asking again with the form's CONSENT cookie beside it", async () => {
		fake = fakeYouTube({
			player: onlyClients({}),
			watch: [{ fixture: "jdepoix/youtube_consent_page.html" }],
			watchWithCookie: { "SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119": { fixture: "jdepoix/youtube.html" } },
		});
		const info = await fetchVideoInfo(fake.http, "GJLlxj_dtq8");
		expect(info.chapters).toHaveLength(10);
		expect(fake.asked.filter((a) => a.kind === "watch").map((a) => a.request.headers?.["Cookie"])).toEqual([
			"SOCS=CAI",
			"SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119",
		]);
	});

	it("says consent failed when the page comes back as the consent page even with the cookie", async () => {
		fake = fakeYouTube({
			player: onlyClients({}),
			watch: [{ fixture: "jdepoix/youtube_consent_page.html" }],
			watchWithCookie: { "SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119": { fixture: "jdepoix/youtube_consent_page.html" } },
		});
		await expect(fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] })).rejects.toThrow(
			"YouTube asked for cookie consent, and the plugin couldn't give it. Try again later, or paste the transcript yourself.",
		);
	});
});

describe("chapters from the watch page's ytInitialData", () => {
	const KEY_MOMENTS = [
		{ start: 39.16, title: "Build Quality" },
		{ start: 66.01, title: "Screen" },
		{ start: 106.72, title: "Pen Support" },
		{ start: 129.19, title: "Webcam" },
		{ start: 155.59, title: "Keyboard" },
		{ start: 188.2, title: "Trackpad" },
		{ start: 199.78, title: "Performance" },
		{ start: 220.3, title: "Battery Life" },
		{ start: 236.5, title: "Gaming Performance" },
		{ start: 254.709, title: "Ports" },
	];

	it("reads the auto-chapters panel (Key moments) of the recorded page", () => {
		expect(initialDataChapters(extractInitialData(fixture("jdepoix/youtube.html")))).toEqual(KEY_MOMENTS);
	});

	it("prefers the player bar's DESCRIPTION_CHAPTERS over the panels, and reads runs, digit strings and untrimmed titles", () => {
		const data = JSON.parse(fixture("handmade/initial_data_chapters.json")) as Record<string, unknown>;
		expect(initialDataChapters(data)).toEqual([
			{ start: 0, title: "Intro" },
			{ start: 95.5, title: 'Braces { and "quotes"' },
			{ start: 3723, title: "Wrap-up" },
		]);
		const panelOnly = { engagementPanels: data["engagementPanels"] };
		expect(initialDataChapters(panelOnly)).toEqual([
			{ start: 0, title: "Panel intro" },
			{ start: 95, title: "Panel middle" },
		]);
	});

	it("finds ytInitialData past braces in strings, and nothing where there is none", () => {
		const data = JSON.parse(fixture("handmade/initial_data_chapters.json")) as unknown;
		const page = `<script>var ytcfg = {"a": "}"};</script><script>var ytInitialData = ${JSON.stringify(data)};window.x = 1;</script>`;
		expect(extractInitialData(page)).toEqual(data);
		expect(extractInitialData("<html>no data</html>")).toBeUndefined();
		expect(initialDataChapters(undefined)).toEqual([]);
		expect(initialDataChapters({ engagementPanels: "odd" })).toEqual([]);
	});

	it("the watch page's chapters reach the transcript and the model's transcript message", async () => {
		// The recorded page's tracks are PO-token gated (exp=xpe); ungated here so the page gives the captions.
		const page = fixture("jdepoix/youtube.html").replaceAll("\\u0026exp=xpe", "");
		fake = fakeYouTube({
			player: onlyClients({}),
			watch: [ok(page)],
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"] });
		expect(got.video.chapters).toEqual(KEY_MOMENTS);
		expect(got.transcript.chapters).toEqual(KEY_MOMENTS);
		const message = transcriptMessage({ title: got.video.title ?? "", outputLanguage: "English" }, got.transcript);
		expect(message.content).toContain("The video's chapters, as hints for where sections begin:\n0:39 Build Quality\n1:06 Screen\n");
	});

	it("the video details for the source dialog carry them too", async () => {
		fake = fakeYouTube({ player: onlyClients({}), watch: [{ fixture: "jdepoix/youtube.html" }] });
		const info = await fetchVideoInfo(fake.http, "GJLlxj_dtq8");
		expect(info.chapters).toEqual(KEY_MOMENTS);
	});
});
