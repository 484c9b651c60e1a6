import type { HttpRequest } from "../http";
import { asString, field } from "./json-fields";
import { DESKTOP_USER_AGENT } from "./watch-page";

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
export const VISITOR_ID_URL = "https://www.youtube.com/youtubei/v1/visitor_id?prettyPrint=false";
export const NEXT_URL = "https://www.youtube.com/youtubei/v1/next?prettyPrint=false";
export const BROWSE_URL = "https://www.youtube.com/youtubei/v1/browse?prettyPrint=false";

/**
 * Order. The rule: clients that need no JavaScript runtime come first. yt-dlp marks IOS, ANDROID,
 * VISIONOS and ANDROID_VR `REQUIRE_JS_PLAYER: False` (and asks only VISIONOS when no runtime is
 * installed, `_DEFAULT_JSLESS_CLIENTS`); MWEB, a web client, needs the player JavaScript for its streams
 * and is the family YouTube gates behind PO tokens first, so it comes last. We never run YouTube's
 * JavaScript, so a client that wants it is our weakest. Among the four without, from the evidence
 * collected in 2026 (notes/youtube.md §1 and its 2026-12-02 update):
 * 1. IOS first: the Obsidian plugin YTranscript moved to it in March 2026 because ANDROID stopped
 *    returning captions ("the IOS client still works"), youtube-caption-extractor asks it first, and it
 *    has none of ANDROID's documented quirks (answering for another video, omitting manual tracks).
 *    The old IOS 20.10.38 answered LOGIN_REQUIRED by March 2026 (YTranscript #87): the current build now.
 * 2. ANDROID: NewPipe recorded 21.03.36 in June 2026 with every track, none PO-token gated; the build
 *    here is yt-dlp's newer one. The older ANDROID 20.10.38 is left to the youtube-transcript step,
 *    which uses exactly that.
 * 3. VISIONOS: yt-dlp's only client without a runtime and NewPipe's, recorded working in June 2026 with
 *    156 translation languages, but it has refused single videos ("This video is not available") that
 *    ANDROID plays, so it comes after the two phone apps.
 * 4. ANDROID_VR: no runtime needed, but yt-dlp dropped it from its defaults on 2026-08-18 (#17461, video
 *    streams 403; nothing said about captions), and we have no caption report of our own.
 * 5. MWEB: see above.
 *
 * Sources of each entry: yt-dlp = yt-dlp/yt-dlp @ 81ecd58b (2026-08-20) `yt_dlp/extractor/youtube/_base.py`
 * INNERTUBE_CLIENTS; NewPipe = TeamNewPipe/NewPipeExtractor @ 43f8e6eb (2026-07-20) `ClientsConstants.java`.
 */
export const INNERTUBE_CLIENTS: readonly InnerTubeClient[] = [
	// yt-dlp `ios`, set 2026-07-09 (#17185). NewPipe has the older 21.03.2 (iOS 18.7.2.22H124, 2026-01-24).
	{
		name: "IOS",
		version: "21.26.4",
		id: 5,
		userAgent: "com.google.ios.youtube/21.26.4 (iPhone16,2; U; CPU iOS 18_3_2 like Mac OS X;)",
		device: { deviceMake: "Apple", deviceModel: "iPhone16,2", osName: "iPhone", osVersion: "18.3.2.22D82" },
	},
	// yt-dlp `android`, set 2026-07-09 (#17185). NewPipe has 21.03.36 (2026-01-24), the build of our recorded answers.
	{
		name: "ANDROID",
		version: "21.26.364",
		id: 3,
		userAgent: "com.google.android.youtube/21.26.364 (Linux; U; Android 11) gzip",
		device: { androidSdkVersion: 30, osName: "Android", osVersion: "11" },
	},
	// yt-dlp `visionos`, added 2026-07-09 (#17184); NewPipe has the same version 1.02 with RealityDevice14,1 / visionOS 25.6.0.
	{
		name: "VISIONOS",
		version: "1.02",
		id: 101,
		userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 15_7_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
		device: { deviceMake: "Apple", deviceModel: "RealityDevice17,1", osName: "visionOS", osVersion: "26.5.23O471" },
	},
	// yt-dlp `android_vr`, set 2026-03-11 (#16168; "a clientVersion>1.65 may return SABR streams only"). Not in NewPipe.
	{
		name: "ANDROID_VR",
		version: "1.65.10",
		id: 28,
		userAgent: "com.google.android.apps.youtube.vr.oculus/1.65.10 (Linux; U; Android 12L; eureka-user Build/SQ3A.220605.009.A1) gzip",
		device: { deviceMake: "Oculus", deviceModel: "Quest 3", androidSdkVersion: 32, osName: "Android", osVersion: "12L" },
	},
	// yt-dlp `mweb`, set 2026-07-09 (#17185). Not in NewPipe.
	{
		name: "MWEB",
		version: "2.20260708.05.00",
		id: 2,
		userAgent: "Mozilla/5.0 (iPad; CPU OS 16_7_10 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1,gzip(gfe)",
		device: {},
	},
];

/**
 * The desktop site's client, asked only for `/next` (the watch page's `ytInitialData` as JSON, where
 * chapters live), never for a player response: its streams need YouTube's JavaScript and PO tokens.
 * yt-dlp `web` @ 81ecd58b (set 2026-07-08); NewPipe recorded its `/next` answers with 2.20260603.05.00.
 */
export const WEB_CLIENT: InnerTubeClient = {
	name: "WEB",
	version: "2.20260708.00.00",
	id: 1,
	userAgent: DESKTOP_USER_AGENT,
	device: { platform: "DESKTOP" },
};

export function clientLabel(client: InnerTubeClient): string {
	return `${client.name} ${client.version}`;
}

/** The `context.client` a client sends: its name, version and device, in English and the US. */
function clientContext(client: InnerTubeClient): Record<string, string | number> {
	return { clientName: client.name, clientVersion: client.version, ...client.device, hl: "en", gl: "US" };
}

function clientHeaders(client: InnerTubeClient): Record<string, string> {
	return {
		"Content-Type": "application/json",
		"User-Agent": client.userAgent,
		"X-YouTube-Client-Name": String(client.id),
		"X-YouTube-Client-Version": client.version,
	};
}

/**
 * The player request for one client. `hl=en` keeps track and language names in English, the language of
 * our messages; `contentCheckOk`/`racyCheckOk` skip the "this video may be disturbing" interstitial that
 * would otherwise stand in for the real answer. `visitorData`, when we have one, goes both ways yt-dlp
 * sends it: the `X-Goog-Visitor-Id` header and `context.client.visitorData` (NewPipe's only way).
 */
export function playerRequest(client: InnerTubeClient, videoId: string, signal?: AbortSignal, visitorData?: string): HttpRequest {
	return {
		url: PLAYER_URL,
		method: "POST",
		headers: { ...clientHeaders(client), ...(visitorData ? { "X-Goog-Visitor-Id": visitorData } : {}) },
		body: JSON.stringify({
			context: { client: { ...clientContext(client), ...(visitorData ? { visitorData } : {}) } },
			videoId,
			contentCheckOk: true,
			racyCheckOk: true,
		}),
		...(signal ? { signal } : {}),
	};
}

/**
 * The `/next` request for a video, as NewPipe's `YoutubeStreamExtractor` sends it with the WEB client
 * (its recorded requests got the chapter panels): the context, the video and the two checks, nothing else.
 */
export function nextRequest(videoId: string, signal?: AbortSignal): HttpRequest {
	return {
		url: NEXT_URL,
		method: "POST",
		headers: clientHeaders(WEB_CLIENT),
		body: JSON.stringify({ context: { client: clientContext(WEB_CLIENT) }, videoId, contentCheckOk: true, racyCheckOk: true }),
		...(signal ? { signal } : {}),
	};
}

/**
 * A `/browse` request of the desktop site's client, as NewPipe's `YoutubePlaylistExtractor` sends them: the
 * context and `fields` (a `browseId` and its `params`, or a `continuation`), nothing else. `url` is
 * BROWSE_URL or a variant of it that narrows the answer (`$fields=`).
 */
export function browseRequest(fields: Record<string, string>, url: string = BROWSE_URL, signal?: AbortSignal): HttpRequest {
	return {
		url,
		method: "POST",
		headers: clientHeaders(WEB_CLIENT),
		body: JSON.stringify({ context: { client: clientContext(WEB_CLIENT) }, ...fields }),
		...(signal ? { signal } : {}),
	};
}

/**
 * The request for a visitorData ("We must always pass a valid visitorData to get valid player responses",
 * NewPipe's `YoutubeStreamHelper`): a POST to `/youtubei/v1/visitor_id` with the client's context and
 * nothing else, as NewPipe's `getVisitorDataFromInnertube` sends it.
 */
export function visitorIdRequest(client: InnerTubeClient, signal?: AbortSignal): HttpRequest {
	return {
		url: VISITOR_ID_URL,
		method: "POST",
		headers: clientHeaders(client),
		body: JSON.stringify({ context: { client: clientContext(client) } }),
		...(signal ? { signal } : {}),
	};
}

/** `responseContext.visitorData` of a visitor_id answer, or undefined. */
export function readVisitorData(json: unknown): string | undefined {
	const value = asString(field(json, "responseContext", "visitorData"));
	return value === "" ? undefined : value;
}
