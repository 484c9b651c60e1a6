import { afterEach, describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { fetchTranscript } from "../../../src/core/youtube/fetch-transcript";
import { PASTE_INSTEAD } from "../../../src/core/youtube/messages";
import { type FakeRoutes, type FakeYouTube, fakeYouTube, ok, onlyClients, playerJson, status } from "../../support/fake-youtube";

const PASTE = `paste the transcript yourself. ${PASTE_INSTEAD}`;
const BLOCKED = `It is temporarily blocking automated requests from your network (common on VPNs and work networks). Wait a few minutes or turn off the VPN and try again, or ${PASTE}`;

let fake: FakeYouTube | undefined;
afterEach(() => {
	expect(fake?.unexpected ?? []).toEqual([]);
	fake = undefined;
});

async function failure(routes: FakeRoutes, videoId: string, languages: string[] = ["en"]): Promise<SummaryError> {
	fake = fakeYouTube(routes);
	try {
		await fetchTranscript(fake.http, videoId, { languages });
	} catch (e) {
		if (e instanceof SummaryError) return e;
		throw e;
	}
	throw new Error("fetchTranscript succeeded");
}

function withReason(reason: string, status = "UNPLAYABLE"): Record<string, unknown> {
	const json = playerJson("newpipe/android_region_blocked__PL2HJKxnOM.player.json");
	return { ...json, playabilityStatus: { status, reason } };
}

describe("the user's link", () => {
	it("refuses anything that is not an 11-character id before asking YouTube", async () => {
		for (const id of ["https://youtu.be/M4gD1WSo5mA", "hello world", "M4gD1WSo5m", "M4gD1WSo5mA?si=x"]) {
			const e = await failure({}, id);
			expect(e.kind).toBe("input");
			expect(e.message).toBe(
				"That doesn't look like a YouTube video link. Paste a link like youtube.com/watch?v=… or youtu.be/…, or a playlist link (each of its videos gets a note); channels aren't supported.",
			);
			expect(fake?.asked).toEqual([]);
		}
	});
});

describe("answers that hold for every client stop at once", () => {
	it("age-restricted", async () => {
		const e = await failure({ player: { "*": { fixture: "jdepoix/youtube_age_restricted.innertube.json" } } }, "Njp5uhTorCo");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(
			`YouTube says: 'This video may be inappropriate for some users.' The video is age-restricted, and YouTube shows its captions only to signed-in users. If you can watch it, ${PASTE}`,
		);
		expect(fake?.clients()).toEqual(["IOS"]);
	});

	it("private", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_private_8VajtrESJzA.player.json" } } }, "8VajtrESJzA");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube says: 'This video is private'. Only public and unlisted videos can be read. If you have access to it, ${PASTE}`);
		expect(fake?.clients()).toEqual(["IOS"]);
	});

	it("blocked in the user's region", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_region_blocked__PL2HJKxnOM.player.json" } } }, "_PL2HJKxnOM");
		expect(e.message).toBe(
			"YouTube says: 'The uploader has not made this video available in your country'. The video is blocked in your region, so its captions can't be fetched from here.",
		);
		expect(fake?.clients()).toEqual(["IOS"]);
	});

	it("members-only", async () => {
		const reason = "Join this channel to get access to members-only content like this video, and other exclusive perks.";
		const e = await failure({ player: { "*": { json: withReason(reason) } } }, "_PL2HJKxnOM");
		expect(e.message).toBe(`YouTube says: '${reason}' The video is for channel members only. If you are a member, ${PASTE}`);
		expect(fake?.clients()).toEqual(["IOS"]);
	});

	it("premium-only", async () => {
		const reason = "This video is only available to Music Premium members";
		const e = await failure({ player: { "*": { json: withReason(reason) } } }, "_PL2HJKxnOM");
		expect(e.message).toBe(`YouTube says: '${reason}'. The video needs YouTube Premium. If you have it, ${PASTE}`);
	});
});

describe("the bot check ends the chain only once every client has refused", () => {
	const ALL = ["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB"];

	it("the bot check, keeping YouTube's curly apostrophe", async () => {
		const e = await failure({ player: { "*": { fixture: "jdepoix/youtube_request_blocked.innertube.json" } } }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube says: 'Sign in to confirm you’re not a bot'. ${BLOCKED}`);
		// Every client asked once (after the one visitor_id request); neither the package nor the watch page after them.
		expect(fake?.clients()).toEqual(ALL);
		expect(fake?.asked.filter((a) => a.kind !== "player").map((a) => a.kind)).toEqual(["visitor"]);
	});

	it("too many requests (HTTP 429)", async () => {
		const e = await failure({ player: { "*": status(429, "Too Many Requests") } }, "GJLlxj_dtq8");
		expect(e.message).toBe(`YouTube answered "Too many requests". ${BLOCKED}`);
		expect(fake?.clients()).toEqual(ALL);
	});

	it("a bot check on some clients is still what the user hears when the others only fail", async () => {
		const e = await failure(
			{
				player: onlyClients({ IOS: { fixture: "jdepoix/youtube_request_blocked.innertube.json" } }, status(500)),
				watch: [status(500)],
			},
			"GJLlxj_dtq8",
		);
		expect(e.message).toBe(`YouTube says: 'Sign in to confirm you’re not a bot'. ${BLOCKED}`);
		expect(fake?.clients()).toEqual([...ALL, "youtube-transcript"]);
	});
});

describe("problems named right", () => {
	const ALL = ["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB"];
	const RATE_LIMITED = `YouTube is rate-limiting requests from your network, usually for up to an hour. Try again later (an hour is safe), or ${PASTE}`;

	it("YouTube's session rate limit ('try again later') is rate limiting, not a removed video", async () => {
		const e = await failure({ player: { "*": { fixture: "handmade/player_rate_limited_try_again_later.json" } } }, "GJLlxj_dtq8");
		expect(e.message).toBe(`YouTube says: 'This content isn't available, try again later.' ${RATE_LIMITED}`);
		expect(e.message).not.toContain("removed");
		expect(fake?.clients()).toEqual(ALL);
	});

	it("the rate limit in the reason itself, with a curly apostrophe", async () => {
		const reason = "This content isn’t available, try again later.";
		const e = await failure({ player: { "*": { json: withReason(reason, "ERROR") } } }, "_PL2HJKxnOM");
		expect(e.message).toBe(`YouTube says: '${reason}' ${RATE_LIMITED}`);
	});

	it("a captcha in the player response (errorScreen.playerCaptchaViewModel)", async () => {
		const e = await failure({ player: { "*": { fixture: "handmade/player_captcha.json" } } }, "GJLlxj_dtq8");
		expect(e.message).toBe(`YouTube asked for a captcha to prove you're human. ${BLOCKED}`);
		expect(fake?.clients()).toEqual(ALL);
	});

	it("a captcha on one client while the next one serves the captions", async () => {
		fake = fakeYouTube({
			player: onlyClients({
				IOS: { fixture: "handmade/player_captcha.json" },
				ANDROID: { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" },
			}),
			captions: [{ lang: "en", kind: "manual", reply: { fixture: "timedtext/srv3_manual_en_rwby.xml" } }],
		});
		const got = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"] });
		expect(got.track.id).toBe(".en");
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("a live stream that has not begun (LIVE_STREAM_OFFLINE) says when to try again, at once", async () => {
		const e = await failure({ player: { "*": { fixture: "handmade/player_upcoming_live_event.json" } } }, "upcomingVid");
		expect(e.message).toBe(
			"YouTube says: 'This live event will begin in 12 minutes.' The video is a premiere or live stream that hasn't started yet, so it has no captions. Try again once it has aired: YouTube adds captions within a few hours after that.",
		);
		expect(fake?.clients()).toEqual(["IOS"]);
	});

	it("a premiere ('Premieres in…')", async () => {
		const e = await failure({ player: { "*": { json: withReason("Premieres in 5 hours") } } }, "_PL2HJKxnOM");
		expect(e.message).toBe(
			"YouTube says: 'Premieres in 5 hours'. The video is a premiere or live stream that hasn't started yet, so it has no captions. Try again once it has aired: YouTube adds captions within a few hours after that.",
		);
		expect(fake?.clients()).toEqual(["IOS"]);
	});
});

describe("answers one client can be wrong about need two clients to agree", () => {
	it("unavailable (ERROR)", async () => {
		const e = await failure({ player: { "*": { fixture: "jdepoix/youtube_video_unavailable.innertube.json" } } }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe("YouTube says: 'This video is unavailable'. The video was removed or made private, or the link is wrong; check the link.");
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("an id that never existed (`{}`)", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_nonexistent_id.player.json" } } }, "don-t-exist");
		expect(e.message).toBe("This video is unavailable (removed, or the link is wrong); check the link.");
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("unplayable with YouTube's own reason and subreasons", async () => {
		const e = await failure({ player: { "*": { fixture: "jdepoix/youtube_unplayable.innertube.json" } } }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(
			`YouTube says: 'Custom Reason (Sub Reason 1; Sub Reason 2)'. YouTube won't play this video here. If you can watch it on YouTube, ${PASTE}`,
		);
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("captions disabled", async () => {
		const message = `This video has no captions on YouTube (the uploader turned them off or never added any). If YouTube still shows a transcript, ${PASTE}`;
		expect((await failure({ player: { "*": { fixture: "jdepoix/youtube_transcripts_disabled.innertube.json" } } }, "dsMFmonKDD4")).message).toBe(message);
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
		expect((await failure({ player: { "*": { fixture: "jdepoix/youtube_transcripts_disabled2.innertube.json" } } }, "Fjg5lYqvzUs")).message).toBe(message);
	});

	it("a live stream without captions yet", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_live_no_captions_X4VbdwhkE10.player.json" } } }, "X4VbdwhkE10");
		expect(e.message).toBe(`This is a live stream and YouTube has no captions for it yet. Try again after the stream has ended, or ${PASTE}`);
	});

	it("no network: two failed requests, not seven timeouts", async () => {
		const e = await failure({ player: { "*": new Error("getaddrinfo ENOTFOUND www.youtube.com") } }, "GJLlxj_dtq8");
		expect(e.kind).toBe("network");
		expect(e.message).toBe("Couldn't reach YouTube — check your internet connection.");
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
	});
});

describe("no captions in the wanted languages", () => {
	it("lists what the video has when nothing can be translated into the wanted language", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_manual_de_ud9d5cMDP_0.player.json" } } }, "ud9d5cMDP_0", ["fr"]);
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`No captions in French. This video has: German. Add one of these languages to the caption languages in the settings, or ${PASTE}`);
		expect(fake?.clients()).toEqual(["IOS", "ANDROID"]);
	});

	it("names every wanted language and marks auto-generated tracks", async () => {
		const e = await failure({ player: { "*": { fixture: "newpipe/android_manual_en_engb_asr_ja_Kn56bMZ9OE8.player.json" } } }, "Kn56bMZ9OE8", ["pl", "cs"]);
		expect(e.message).toBe(
			`No captions in Polish or Czech. This video has: English, English (United Kingdom), Japanese (auto-generated). Add one of these languages to the caption languages in the settings, or ${PASTE}`,
		);
	});

	it("says so when the track the user picked is gone", async () => {
		fake = fakeYouTube({ player: { "*": { fixture: "newpipe/android_manual_en_plus_asr_M4gD1WSo5mA.player.json" } } });
		const e = await fetchTranscript(fake.http, "M4gD1WSo5mA", { languages: ["en"], trackId: ".fr" }).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(SummaryError);
		expect((e as SummaryError).message).toBe(
			`The caption track you picked (French) isn't offered for this video any more. This video has: English, English (auto-generated). Pick another one, or ${PASTE}`,
		);
		expect(fake.clients()).toEqual(["IOS", "ANDROID"]);
	});
});

describe("captions that exist but cannot be downloaded", () => {
	it("PO-token-gated tracks on every client and on the watch page", async () => {
		const json = playerJson("jdepoix/youtube.innertube.json");
		const renderer = (json["captions"] as { playerCaptionsTracklistRenderer: { captionTracks: { baseUrl: string }[] } }).playerCaptionsTracklistRenderer;
		for (const track of renderer.captionTracks) track.baseUrl += "&exp=xpe";
		const e = await failure(
			{
				player: { "*": { json } },
				// youtube-transcript does not check exp=xpe: it fetches the gated track and gets YouTube's empty 200.
				captions: [{ lang: "en", kind: "manual", reply: ok("") }],
				watch: [{ fixture: "jdepoix/youtube.html" }], // its tracks carry exp=xpe too
			},
			"GJLlxj_dtq8",
		);
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube now requires a browser check to download these captions. Update the plugin, or ${PASTE}`);
		expect(fake?.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"]);
		// Ours never asked for a gated track; only the package did, once.
		expect(fake?.asked.filter((a) => a.kind === "caption")).toHaveLength(1);
		expect(e.detail).toContain("IOS 21.26.4: po-token");
		expect(e.detail).toContain("watch page: po-token");
	});

	it("PO token required for the manual track only (recorded case): the ungated auto-generated one, once no client hands out the manual one", async () => {
		fake = fakeYouTube({
			player: { "*": { fixture: "jdepoix/youtube_po_token_required.innertube.json" } },
			captions: [
				{ lang: "en", kind: "manual", reply: ok("") }, // only youtube-transcript asks for it
				{ lang: "en", kind: "asr", reply: { fixture: "timedtext/json3_asr_en_anderlaw.json" } },
			],
			watch: [{ fixture: "jdepoix/youtube.html" }],
		});
		const got = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"] });
		expect(got.track).toEqual({ id: "a.en", languageCode: "en", name: "English (auto-generated)", kind: "auto-generated" });
		expect(fake.clients()).toEqual(["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"]);
		expect(fake.asked.filter((a) => a.kind === "caption").map((a) => [new URL(a.what).searchParams.get("kind"), a.what.includes("exp=xpe")])).toEqual([
			[null, true], // youtube-transcript
			["asr", false], // ours
		]);
	});

	it("an empty caption body on every client", async () => {
		const e = await failure(
			{
				player: { "*": { fixture: "newpipe/android_asr_only_en_7PIMiDcwNvc.player.json" } },
				captions: [{ lang: "en", kind: "asr", reply: ok("") }],
				watch: [status(500)],
			},
			"7PIMiDcwNvc",
		);
		expect(e.message).toBe(`YouTube now requires a browser check to download these captions. Update the plugin, or ${PASTE}`);
	});
});

describe("the watch page", () => {
	const clientsFail = onlyClients({});

	it("accepts the EU consent page with the CONSENT cookie from its form and asks again", async () => {
		const e = await failure(
			{
				player: clientsFail,
				watch: [{ fixture: "jdepoix/youtube_consent_page.html" }],
				watchWithCookie: { "SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119": { fixture: "jdepoix/youtube.html" } },
			},
			"GJLlxj_dtq8",
		);
		// The real page behind the consent page has only PO-gated tracks.
		expect(e.message).toBe(`YouTube now requires a browser check to download these captions. Update the plugin, or ${PASTE}`);
		const pages = fake?.asked.filter((a) => a.kind === "watch") ?? [];
		// youtube-transcript fetched the consent page; we read that one and asked once more, with the cookie.
		expect(pages.map((p) => p.request.headers?.["Cookie"])).toEqual([undefined, "SOCS=CAI; CONSENT=YES+cb.20210328-17-p0.de+FX+119"]);
	});

	it("a consent page without the value for the cookie", async () => {
		const e = await failure({ player: clientsFail, watch: [{ fixture: "jdepoix/youtube_consent_page_invalid.html" }] }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube asked for cookie consent, and the plugin couldn't give it. Try again later, or ${PASTE}`);
	});

	it("the captcha page", async () => {
		const e = await failure({ player: clientsFail, watch: [{ fixture: "jdepoix/youtube_too_many_requests.html" }] }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube asked for a captcha to prove you're human. ${BLOCKED}`);
		expect(fake?.asked.filter((a) => a.kind === "watch")).toHaveLength(1);
	});
});

describe("YouTube changed something", () => {
	it("when no client and no page answers in a form we can read, with a debug line per attempt", async () => {
		const e = await failure({ player: { "*": ok("<html>Not JSON</html>") }, watch: [ok("<html>no player here</html>")] }, "GJLlxj_dtq8");
		expect(e.kind).toBe("youtube");
		expect(e.message).toBe(`YouTube changed something, so the captions couldn't be read. Update the plugin (or report it with the video link), or ${PASTE}`);
		expect(e.detail?.split("\n")).toEqual([
			"YouTube video GJLlxj_dtq8",
			"IOS 21.26.4: unparsable not JSON",
			"ANDROID 21.26.364: unparsable not JSON",
			"VISIONOS 1.02: unparsable not JSON",
			"ANDROID_VR 1.65.10: unparsable not JSON",
			"MWEB 2.20260708.05.00: unparsable not JSON",
			"youtube-transcript (ANDROID 20.10.38): unparsable not JSON",
			"watch page: unparsable no ytInitialPlayerResponse",
		]);
	});
});

describe("cancelling", () => {
	it("stops with a cancelled error, not a network one", async () => {
		fake = fakeYouTube({});
		const controller = new AbortController();
		controller.abort();
		const e = await fetchTranscript(fake.http, "GJLlxj_dtq8", { languages: ["en"], signal: controller.signal }).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(SummaryError);
		expect((e as SummaryError).kind).toBe("cancelled");
		expect((e as SummaryError).message).toBe("Fetching the captions was cancelled.");
		expect(fake.asked).toEqual([]);
	});
});
