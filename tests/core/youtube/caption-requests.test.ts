import { afterEach, describe, expect, it } from "vitest";

import { captionUrl } from "../../../src/core/youtube/caption-tracks";
import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import type { CaptionTrack } from "../../../src/core/youtube/player-response";
import { DESKTOP_USER_AGENT } from "../../../src/core/youtube/watch-page";
import { type FakeYouTube, fakeYouTube, onlyClients } from "../../support/fake-youtube";

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
