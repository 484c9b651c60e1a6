import { afterEach, describe, expect, it } from "vitest";

import { memoryTranscriptCache } from "../../../src/core/youtube";
import { chooseTrack, type TrackWish } from "../../../src/core/youtube/choose-track";
import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { type PlayerResponse, readPlayerResponse } from "../../../src/core/youtube/player-response";
import { type FakeYouTube, fakeYouTube, onlyClients, playerJson, status } from "../../support/fake-youtube";

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

function player(path: string, edit: (json: Record<string, unknown>) => void = () => undefined): PlayerResponse {
	const json = playerJson(path);
	edit(json);
	const read = readPlayerResponse(json);
	if (!read) throw new Error("not a player response");
	return read;
}

/** What the choice comes to, in short: `.en`, `a.en>fr` (translated), `none`, `gone`, with `?` for a fallback. */
function choice(p: PlayerResponse, wish: TrackWish): string {
	const d = chooseTrack(p, wish);
	if (d.kind === "none" || d.kind === "gone") return d.kind;
	const id = d.choice.track.id + (d.choice.translateTo ? `>${d.choice.translateTo.code}` : "");
	return d.kind === "fallback" ? `${id}?` : id;
}

const NINE = "jdepoix/youtube.innertube.json"; // zh, cs, en, a.en, de, hi, ja, ko, es
const GB = "newpipe/android_manual_en_engb_asr_ja_Kn56bMZ9OE8.player.json"; // en, en-GB, a.ja
const DE = "newpipe/android_manual_de_ud9d5cMDP_0.player.json"; // .de.CcQ45jRV4-E only; translates to en only
const DE_VISIONOS = "newpipe/visionos_manual_de_ud9d5cMDP_0.player.json"; // same, 156 translation languages
const ASR_EN = "newpipe/android_asr_only_en_7PIMiDcwNvc.player.json"; // a.en only
const ASR_FR = "newpipe/android_asr_fr_cJ9to6EmElQ.player.json"; // a.fr only

const onlyTrack = (code: string) => (json: Record<string, unknown>) => {
	const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: { languageCode: string }[] } }).playerCaptionsTracklistRenderer;
	renderer.captionTracks = renderer.captionTracks.filter((t) => t.languageCode === code);
};

describe("choosing a track", () => {
	it("takes the wanted language, not the first track (zh is listed first)", () => {
		const p = player(NINE);
		expect(p.tracks[0]?.languageCode).toBe("zh");
		expect(choice(p, { languages: ["en"] })).toBe(".en");
		expect(choice(p, { languages: ["de", "en"] })).toBe(".de");
		expect(choice(p, { languages: ["xx", "es"] })).toBe(".es");
	});

	it("prefers manual captions to auto-generated ones in the same language", () => {
		expect(choice(player(NINE), { languages: ["en"] })).toBe(".en");
		expect(choice(player(NINE, onlyTrack("en")), { languages: ["en"] })).toBe(".en");
		const asrFirst = player(NINE, (json) => {
			const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: { kind?: string }[] } }).playerCaptionsTracklistRenderer;
			renderer.captionTracks.sort((a, b) => (b.kind === "asr" ? 1 : 0) - (a.kind === "asr" ? 1 : 0));
		});
		expect(asrFirst.tracks[0]?.id).toBe("a.en");
		expect(choice(asrFirst, { languages: ["en"] })).toBe(".en");
	});

	it("takes auto-generated captions when they are all there is", () => {
		expect(choice(player(ASR_EN), { languages: ["en"] })).toBe("a.en");
		expect(choice(player(ASR_EN), { languages: ["en-US"] })).toBe("a.en");
	});

	it("matches regional and base codes both ways: en-GB for en, en for en-US", () => {
		expect(choice(player(GB), { languages: ["en-GB"] })).toBe(".en-GB");
		expect(choice(player(GB), { languages: ["en"] })).toBe(".en");
		expect(choice(player(GB), { languages: ["en-US"] })).toBe(".en");
		expect(choice(player(GB, onlyTrack("en-GB")), { languages: ["en"] })).toBe(".en-GB");
		// A manual track in any form of a language beats auto-generated captions in a later one.
		expect(choice(player(GB), { languages: ["ja", "en"] })).toBe("a.ja");
		expect(choice(player(GB, onlyTrack("en-GB")), { languages: ["en-US", "ja"] })).toBe(".en-GB");
	});

	it("translates with tlang only into a language YouTube offers, and never into the track's own language", () => {
		expect(choice(player(DE), { languages: ["en"] })).toBe(".de.CcQ45jRV4-E>en?");
		expect(choice(player(DE), { languages: ["fr"] })).toBe("none");
		expect(choice(player(DE_VISIONOS), { languages: ["fr"] })).toBe(".de.CcQ45jRV4-E>fr?");
		expect(choice(player(ASR_FR), { languages: ["en"] })).toBe("a.fr>en?");
		expect(choice(player(ASR_FR), { languages: ["fr-CA", "en"] })).toBe("a.fr");
	});

	it("translates from YouTube's hinted source track, else from the auto-generated one", () => {
		const nine = player(NINE);
		expect(nine.translationSourceIndex).toBe(2);
		expect(choice(nine, { languages: ["fr"] })).toBe(".en>fr?");
		const noHint = player(NINE, (json) => {
			const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: Record<string, unknown> }).playerCaptionsTracklistRenderer;
			delete renderer["defaultTranslationSourceTrackIndices"];
		});
		expect(choice(noHint, { languages: ["fr"] })).toBe("a.en>fr?");
	});

	it("takes the video's own captions only when allowed, or when no language is wanted", () => {
		expect(choice(player(DE), { languages: ["fr"], anyLanguage: true })).toBe(".de.CcQ45jRV4-E?");
		expect(choice(player(DE), { languages: [] })).toBe(".de.CcQ45jRV4-E");
		expect(choice(player(ASR_FR), { languages: [] })).toBe("a.fr");
		expect(choice(player(NINE), { languages: [] })).toBe(".zh");
	});

	it("takes exactly the track the user picked, translated when asked", () => {
		expect(choice(player(NINE), { languages: ["en"], trackId: "a.en" })).toBe("a.en");
		expect(choice(player(NINE), { languages: ["en"], trackId: ".ja", translateTo: "en" })).toBe(".ja>en");
		expect(choice(player(NINE), { languages: ["en"], trackId: ".en", translateTo: "en-GB" })).toBe(".en");
		expect(choice(player(NINE), { languages: ["en"], trackId: ".fr" })).toBe("gone");
	});
});

describe("fetching the chosen track", () => {
	it("translates German-only captions into English when two clients agree there is no English", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: DE }, ANDROID: { fixture: DE } }),
			captions: [{ lang: "de", tlang: "en", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "ud9d5cMDP_0", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
		expect(got.track).toEqual({
			id: ".de.CcQ45jRV4-E",
			languageCode: "en",
			name: "English (auto-translated from German)",
			kind: "auto-generated",
			translatedFrom: "de",
		});
		const url = new URL(fake.asked.find((a) => a.kind === "caption")?.what ?? "");
		expect(url.searchParams.get("tlang")).toBe("en");
		expect(url.searchParams.get("lang")).toBe("de");
		// The signed query is left as YouTube wrote it; only fmt is pinned to json3 and tlang appended.
		expect(url.href.endsWith("&fmt=json3&tlang=en")).toBe(true);
		expect(url.searchParams.getAll("fmt")).toEqual(["json3"]);
		expect(got.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
	});

	it("asks the translation of the track the user picked", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: NINE } }),
			captions: [{ lang: "ja", tlang: "de", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"], trackId: ".ja", translateTo: "de" });
		expect(got.track).toEqual({ id: ".ja", languageCode: "de", name: "German (auto-translated from Japanese)", kind: "auto-generated", translatedFrom: "ja" });
		expect(fake.clients()).toEqual(["IOS"]);
	});

	it("uses the translation only after youtube-transcript, which cannot translate, has been skipped", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: DE } }),
			watch: [{ fixture: "jdepoix/youtube.html" }], // another video: ours asked for ud9d5cMDP_0
			captions: [{ lang: "de", tlang: "en", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "ud9d5cMDP_0", { languages: ["en"] });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB"]);
		expect(got.track.translatedFrom).toBe("de");
	});

	it("reports auto-generated captions as such", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: ASR_EN } }),
			captions: [{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } }],
		});
		const got = await fetchTranscript(fake.http, "7PIMiDcwNvc", { languages: ["de", "en"] });
		expect(got.track).toEqual({ id: "a.en", languageCode: "en", name: "English (auto-generated)", kind: "auto-generated" });
		expect(got.transcript.format).toBe("youtube");
		expect(got.transcript.timed).toBe(true);
	});

	it("reads the original track, and says so in its label, when YouTube refuses the translation with 429 (yt-dlp #13770, #13831)", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: DE }, ANDROID: { fixture: DE } }),
			captions: [
				{ lang: "de", tlang: "en", reply: status(429, "Too Many Requests") },
				{ lang: "de", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } },
			],
		});
		const cache = memoryTranscriptCache();
		const got = await fetchTranscript(fake.http, "ud9d5cMDP_0", { languages: ["en"], cache });
		expect(got.track).toEqual({ id: ".de.CcQ45jRV4-E", languageCode: "de", name: "German (YouTube refused the translation into English)", kind: "manual" });
		expect(got.transcript.segments[0]).toEqual({ start: 3.934, text: "Narrator: Legends." });
		const urls = fake.asked.filter((a) => a.kind === "caption").map((a) => new URL(a.what).searchParams.get("tlang"));
		expect(urls).toEqual(["en", null]);
		// Not cached as the answer: the next run asks for the translation again.
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: DE }, ANDROID: { fixture: DE } }),
			captions: [{ lang: "de", tlang: "en", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		expect((await fetchTranscript(fake.http, "ud9d5cMDP_0", { languages: ["en"], cache })).track.translatedFrom).toBe("de");
	});

	it("takes the user's next preferred language the video has when a translation is refused", async () => {
		fake = fakeYouTube({
			player: onlyClients({ IOS: { fixture: NINE } }),
			captions: [
				{ lang: "ja", tlang: "fr", reply: status(429) },
				{ lang: "de", reply: { fixture: "timedtext/srv1_classic_jdepoix_edited.xml" } },
			],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["fr", "de"], trackId: ".ja", translateTo: "fr" });
		expect(got.track.id).toBe(".de");
		expect(got.track.languageCode).toBe("de");
		expect(got.track.name).toMatch(/^German.* \(YouTube refused the translation into French\)$/);
		expect(fake.clients()).toEqual(["IOS"]);
	});
});
