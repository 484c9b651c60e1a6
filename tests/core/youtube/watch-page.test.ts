import { afterEach, describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { consentValue, extractPlayerResponse, isCaptchaPage, isConsentPage } from "../../../src/core/youtube/watch-page";
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
			watchWithCookie: { "CONSENT=YES+cb.20210328-17-p0.de+FX+119": ok(page) },
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
			"CONSENT=YES+cb.20210328-17-p0.de+FX+119",
		]);
	});

	it("says consent failed when the page comes back as the consent page even with the cookie", async () => {
		fake = fakeYouTube({
			player: onlyClients({}),
			watch: [{ fixture: "jdepoix/youtube_consent_page.html" }],
			watchWithCookie: { "CONSENT=YES+cb.20210328-17-p0.de+FX+119": { fixture: "jdepoix/youtube_consent_page.html" } },
		});
		await expect(fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] })).rejects.toThrow(
			"YouTube asked for cookie consent, and the plugin couldn't give it. Try again later, or paste the transcript yourself.",
		);
	});
});
