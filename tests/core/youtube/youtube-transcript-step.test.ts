import { afterEach, describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { runYoutubeTranscript } from "../../../src/core/youtube/youtube-transcript-step";
import { type FakeYouTube, fakeYouTube, ok, onlyClients, playerJson, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

const M4_ANDROID = "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json"; // .en, a.en; baseUrls end fmt=srv3
const M4_VISIONOS = "newpipe/visionos_manual_en_plus_asr_M4gD1WSo5mA.player.json"; // baseUrls without fmt → srv1
const RWBY = { fixture: "timedtext/srv3_manual_en_rwby.xml" };

/** Every one of our clients fails, so the chain reaches the youtube-transcript step. */
const ourClientsFail = (packageAnswer: Parameters<typeof onlyClients>[0][string]) => onlyClients({ "youtube-transcript": packageAnswer });

describe("youtube-transcript as one step, its defects contained", () => {
	it("asks through our Http (its config.fetch) and converts its srv3 milliseconds to seconds", async () => {
		fake = fakeYouTube({ player: { "youtube-transcript": { fixture: M4_ANDROID } }, captions: [{ lang: "en", reply: RWBY }] });
		const run = await runYoutubeTranscript(fake.http, "M4gD1WSo5mA", "en");
		expect(fake.clients()).toEqual(["youtube-transcript"]);
		expect(fake.asked[0]?.request.headers?.["user-agent"]).toBe("com.google.android.youtube/20.10.38 (Linux; U; Android 14)");
		expect(run.result?.cues.slice(0, 2)).toEqual([
			{ start: 3.934, duration: 1.466, text: "Narrator: Legends." },
			{ start: 5.4, duration: 2.3, text: "Stories scattered through time." },
		]);
		expect(run.answer).toMatchObject({ videoId: "M4gD1WSo5mA", status: "OK" });
	});

	it("keeps its srv1 seconds as they are and strips the tags it leaves in", async () => {
		const page = `<html><script>var ytInitialPlayerResponse = ${JSON.stringify(playerJson(M4_VISIONOS))};</script></html>`;
		fake = fakeYouTube({
			player: { "youtube-transcript": status(500) },
			watch: [ok(page)],
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const run = await runYoutubeTranscript(fake.http, "M4gD1WSo5mA", "en");
		expect(run.result?.cues.map((c) => [c.start, c.text])).toEqual([
			[0, "Hey, this is just a test"],
			[1.54, "this is not the original transcript"],
			[5, ""],
			[5.7, "just something shorter, I made up for testing"],
		]);
		expect(run.answer).toEqual({ kind: "http", source: "youtube-transcript (ANDROID 20.10.38)", status: 500 });
		expect(run.watchPage?.text).toBe(page);
	});

	it("gives the same transcript as our own parser, which it replaces for that track", async () => {
		fake = fakeYouTube({ player: ourClientsFail({ fixture: M4_ANDROID }), captions: [{ lang: "en", kind: "manual", reply: RWBY }] });
		const viaPackage = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"]);
		// One caption request: the package's; we did not fetch the body again.
		expect(fake.asked.filter((a) => a.kind === "caption")).toHaveLength(1);
		expect(fake.asked.some((a) => a.kind === "watch")).toBe(false);
		const direct = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4_ANDROID } }), captions: [{ lang: "en", kind: "manual", reply: RWBY }] });
		const viaUs = await fetchTranscript(direct.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(viaPackage).toEqual(viaUs);
		expect(viaPackage.transcript.segments).toHaveLength(198);
		expect(viaPackage.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
	});

	it("is not trusted with the text: where its srv3 reading drops words, ours of the same body is used", async () => {
		const body =
			'<?xml version="1.0" encoding="utf-8" ?><timedtext format="3"><body><p t="0" d="1000">Hello <s>world</s></p><p d="500" t="2000">reordered</p></body></timedtext>';
		fake = fakeYouTube({ player: ourClientsFail({ fixture: M4_ANDROID }), captions: [{ lang: "en", kind: "manual", reply: ok(body) }] });
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.transcript.segments).toEqual([
			{ start: 0, text: "Hello world" },
			{ start: 2, text: "reordered" },
		]);
		expect(fake.asked.filter((a) => a.kind === "caption")).toHaveLength(1);
		// Its own reading, for the record: the words outside the span and the reordered cue are gone.
		const run = await runYoutubeTranscript(
			fakeYouTube({ player: { "youtube-transcript": { fixture: M4_ANDROID } }, captions: [{ lang: "en", reply: ok(body) }] }).http,
			"M4gD1WSo5mA",
			"en",
		);
		expect(run.result?.cues).toEqual([{ start: 0, duration: 1, text: "world" }]);
	});

	it("is not trusted with the track: when it takes auto-generated captions listed first, we fetch the manual ones", async () => {
		const json = playerJson(M4_ANDROID);
		const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: unknown[] } }).playerCaptionsTracklistRenderer;
		renderer.captionTracks.reverse();
		fake = fakeYouTube({
			player: ourClientsFail({ json }),
			captions: [
				{ lang: "en", kind: "asr", reply: { fixture: "handmade/srv3_asr_words.xml" } },
				{ lang: "en", kind: "manual", reply: RWBY },
			],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(fake.asked.filter((a) => a.kind === "caption").map((a) => new URL(a.what).searchParams.get("kind"))).toEqual(["asr", null]);
		expect(got.track).toEqual({ id: ".en", languageCode: "en", name: "English", kind: "manual" });
		expect(got.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
	});

	it("does not pass on an answer about another video", async () => {
		fake = fakeYouTube({
			player: ourClientsFail({ fixture: "jdepoix/youtube.innertube.json" }), // GJLlxj_dtq8
			captions: [{ lang: "en", kind: "manual", reply: RWBY }],
			watch: [status(500)],
		});
		await expect(fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] })).rejects.toThrow("YouTube changed something");
		// It fetched the other video's captions; they were not used.
		expect(fake.asked.filter((a) => a.kind === "caption")).toHaveLength(1);
	});

	it("does not pass on its own error: a private video is private, not 'Transcript is disabled'", async () => {
		fake = fakeYouTube({
			player: ourClientsFail({ fixture: "newpipe/android_private_8VajtrESJzA.player.json" }),
			watch: [ok("<html><body>Private video</body></html>")],
		});
		await expect(fetchTranscript(fake.http, "8VajtrESJzA", { languages: ["en"] })).rejects.toThrow("YouTube says: 'This video is private'.");
	});

	it("does not pass on its silent empty result", async () => {
		fake = fakeYouTube({
			player: ourClientsFail({ fixture: M4_ANDROID }),
			captions: [{ lang: "en", kind: "manual", reply: ok("") }],
			watch: [status(500)],
		});
		await expect(fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] })).rejects.toThrow(
			"YouTube now requires a browser check to download these captions.",
		);
	});
});
