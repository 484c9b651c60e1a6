import { describe, expect, it } from "vitest";

import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { type CachedTranscript, memoryTranscriptCache, type TranscriptCache, transcriptCacheKey } from "../../../src/core/youtube/transcript-cache";
import { fakeYouTube, onlyClients, playerJson } from "../../support/fake-youtube";

const M4 = "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json";
const RWBY = { fixture: "timedtext/srv3_manual_en_rwby.xml" };

/** A cache that also shows what was stored. */
function recordingCache(): TranscriptCache & { stored: Map<string, CachedTranscript> } {
	const inner = memoryTranscriptCache(10);
	const stored = new Map<string, CachedTranscript>();
	return {
		stored,
		get: (key) => inner.get(key),
		set: async (key, value) => {
			stored.set(key, value);
			await inner.set(key, value);
		},
	};
}

function entry(id: string): CachedTranscript {
	return {
		transcript: { segments: [{ start: 0, text: id }], timed: true, format: "youtube", chapters: [] },
		video: { id, chapters: [], thumbnail: "", tracks: [], translationLanguages: [] },
		track: { id: ".en", languageCode: "en", name: "English", kind: "manual" },
	};
}

describe("the cache key", () => {
	it("is video id, language, kind, and whether YouTube translated", () => {
		expect(transcriptCacheKey({ videoId: "M4gD1WSo5mA", languageCode: "en-GB", kind: "manual", translated: false })).toBe("M4gD1WSo5mA|en-gb|manual");
		expect(transcriptCacheKey({ videoId: "ud9d5cMDP_0", languageCode: "en", kind: "auto-generated", translated: true })).toBe(
			"ud9d5cMDP_0|en|auto-generated|translated",
		);
	});
});

describe("the in-memory cache", () => {
	it("keeps the most recently used entries up to its bound", async () => {
		const cache = memoryTranscriptCache(2);
		await cache.set("a", entry("a"));
		await cache.set("b", entry("b"));
		expect((await cache.get("a"))?.video.id).toBe("a"); // a is now the most recent
		await cache.set("c", entry("c"));
		expect(await cache.get("b")).toBeUndefined();
		expect((await cache.get("a"))?.video.id).toBe("a");
		expect((await cache.get("c"))?.video.id).toBe("c");
	});
});

describe("fetchTranscript with a cache", () => {
	it("answers a second time without any request, and stores no caption URL", async () => {
		const cache = recordingCache();
		const first = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4 } }), captions: [{ lang: "en", kind: "manual", reply: RWBY }] });
		const fetched = await fetchTranscript(first.http, "M4gD1WSo5mA", { languages: ["en"], cache });
		expect([...cache.stored.keys()]).toEqual(["M4gD1WSo5mA|en|manual"]);
		const stored = JSON.stringify([...cache.stored.values()]);
		expect(stored).not.toContain("timedtext");
		expect(stored).not.toContain("signature");
		expect(stored).not.toContain("baseUrl");

		const offline = fakeYouTube({});
		const again = await fetchTranscript(offline.http, "M4gD1WSo5mA", { languages: ["en"], cache });
		expect(offline.asked).toEqual([]);
		expect(again).toEqual(fetched);
	});

	it("does not answer from a cached track the wish would not choose", async () => {
		const cache = recordingCache();
		const first = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4 } }), captions: [{ lang: "en", kind: "asr", reply: RWBY }] });
		await fetchTranscript(first.http, "M4gD1WSo5mA", { languages: ["en"], trackId: "a.en", cache });
		expect([...cache.stored.keys()]).toEqual(["M4gD1WSo5mA|en|auto-generated"]);
		// The cached entry shows the video has manual English, which "en" prefers: go and get it.
		const second = fakeYouTube({ player: onlyClients({ IOS: { fixture: M4 } }), captions: [{ lang: "en", kind: "manual", reply: RWBY }] });
		const got = await fetchTranscript(second.http, "M4gD1WSo5mA", { languages: ["en"], cache });
		expect(got.track.kind).toBe("manual");
		expect(second.asked.map((a) => a.kind)).toEqual(["visitor", "player", "caption", "next"]);
	});

	it("answers a translation from the cache", async () => {
		const cache = recordingCache();
		const de = { fixture: "newpipe/android_manual_de_ud9d5cMDP_0.player.json" };
		const first = fakeYouTube({ player: onlyClients({ IOS: de, ANDROID: de }), captions: [{ lang: "de", tlang: "en", reply: RWBY }] });
		await fetchTranscript(first.http, "ud9d5cMDP_0", { languages: ["en"], cache });
		expect([...cache.stored.keys()]).toEqual(["ud9d5cMDP_0|en|auto-generated|translated"]);
		const offline = fakeYouTube({});
		const got = await fetchTranscript(offline.http, "ud9d5cMDP_0", { languages: ["en"], cache });
		expect(offline.asked).toEqual([]);
		expect(got.track.translatedFrom).toBe("de");
	});

	it("skips the caption request once the player answer shows the track is cached", async () => {
		const cache = recordingCache();
		const json = playerJson("newpipe/android_manual_en_engb_asr_ja_Kn56bMZ9OE8.player.json");
		const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: { languageCode: string }[] } }).playerCaptionsTracklistRenderer;
		renderer.captionTracks = renderer.captionTracks.filter((t) => t.languageCode === "en-GB");
		const first = fakeYouTube({ player: onlyClients({ IOS: { json } }), captions: [{ lang: "en-GB", reply: RWBY }] });
		const fetched = await fetchTranscript(first.http, "Kn56bMZ9OE8", { languages: ["en"], cache });
		expect([...cache.stored.keys()]).toEqual(["Kn56bMZ9OE8|en-gb|manual"]);
		// "en" cannot guess the key "en-gb" before asking YouTube; once the tracks are known it can.
		const second = fakeYouTube({ player: onlyClients({ IOS: { json } }) });
		const again = await fetchTranscript(second.http, "Kn56bMZ9OE8", { languages: ["en"], cache });
		expect(second.asked.map((a) => a.kind)).toEqual(["visitor", "player"]);
		expect(again.transcript).toEqual(fetched.transcript);
		expect(second.unexpected).toEqual([]);
	});
});
