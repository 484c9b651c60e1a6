import type { HttpRequest } from "../http";

/**
 * The InnerTube clients asked for a video's player response, in order. YouTube changes which client
 * hands out captions every few months, so this table is the first thing to edit when fetching breaks:
 * versions, user agents and the order are data, nothing else in the module depends on them.
 */
export interface InnerTubeClient {
	/** `clientName` in the request body. */
	name: string;
	version: string;
	/** `X-YouTube-Client-Name`: YouTube's numeric id for the client. */
	id: number;
	userAgent: string;
	/** Device fields the real app sends in `context.client`. */
	device: Record<string, string | number>;
}

export const PLAYER_URL = "https://www.youtube.com/youtubei/v1/player?prettyPrint=false";

/**
 * Order, from the evidence collected in 2026 (notes/youtube.md §1):
 * 1. IOS first: the Obsidian plugin YTranscript moved to it in March 2026 because ANDROID stopped
 *    returning captions ("the IOS client still works"), youtube-caption-extractor asks it first, and it
 *    has none of ANDROID's documented quirks (answering for another video, omitting manual tracks).
 * 2. ANDROID 21.03.36: recorded by NewPipe in June 2026 with every track, none PO-token gated.
 *    The older ANDROID 20.10.38 is left to the youtube-transcript step, which uses exactly that.
 * 3. VISIONOS: recorded working in June 2026 and lists 156 translation languages, but it has refused
 *    single videos ("This video is not available") that ANDROID plays, and is reported to hit the bot
 *    check more often without visitorData, so it comes after the two phone apps.
 * 4. ANDROID_VR and 5. MWEB: used by youtube-caption-extractor and yt-dlp, with no caption-specific
 *    report of our own; MWEB is a web client, the family YouTube gates behind PO tokens first.
 */
export const INNERTUBE_CLIENTS: readonly InnerTubeClient[] = [
	{
		name: "IOS",
		version: "20.10.38",
		id: 5,
		userAgent: "com.google.ios.youtube/20.10.38 (iPhone16,2; U; CPU iOS 17_5_1 like Mac OS X)",
		device: { deviceMake: "Apple", deviceModel: "iPhone16,2", osName: "iPhone", osVersion: "17.5.1.21F90" },
	},
	{
		name: "ANDROID",
		version: "21.03.36",
		id: 3,
		userAgent: "com.google.android.youtube/21.03.36 (Linux; U; Android 16) gzip",
		device: { androidSdkVersion: 36, osName: "Android", osVersion: "16" },
	},
	{
		name: "VISIONOS",
		version: "1.02",
		id: 101,
		userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 15_7_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
		device: { deviceMake: "Apple", deviceModel: "RealityDevice17,1", osName: "visionOS", osVersion: "26.5.23O471" },
	},
	{
		name: "ANDROID_VR",
		version: "1.65.10",
		id: 28,
		userAgent: "com.google.android.apps.youtube.vr.oculus/1.65.10 (Linux; U; Android 12L; eureka-user Build/SQ3A.220605.009.A1) gzip",
		device: { deviceMake: "Oculus", deviceModel: "Quest 3", androidSdkVersion: 32, osName: "Android", osVersion: "12L" },
	},
	{
		name: "MWEB",
		version: "2.20251209.01.00",
		id: 2,
		userAgent: "Mozilla/5.0 (iPad; CPU OS 16_7_10 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1,gzip(gfe)",
		device: {},
	},
];

export function clientLabel(client: InnerTubeClient): string {
	return `${client.name} ${client.version}`;
}

/**
 * The player request for one client. `hl=en` keeps track and language names in English, the language of
 * our messages; `contentCheckOk`/`racyCheckOk` skip the "this video may be disturbing" interstitial that
 * would otherwise stand in for the real answer.
 */
export function playerRequest(client: InnerTubeClient, videoId: string, signal?: AbortSignal): HttpRequest {
	return {
		url: PLAYER_URL,
		method: "POST",
		headers: {
			"Content-Type": "application/json",
			"User-Agent": client.userAgent,
			"X-YouTube-Client-Name": String(client.id),
			"X-YouTube-Client-Version": client.version,
		},
		body: JSON.stringify({
			context: { client: { clientName: client.name, clientVersion: client.version, ...client.device, hl: "en", gl: "US" } },
			videoId,
			contentCheckOk: true,
			racyCheckOk: true,
		}),
		...(signal ? { signal } : {}),
	};
}
