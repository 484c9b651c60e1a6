import { fetchTranscript as fetchWithYoutubeTranscript, type TranscriptResponse } from "youtube-transcript";

import { throwIfAborted } from "../abort";
import { fetchAsGlobalFetch, type Http, type HttpRequest, type HttpResponse, isSuccess } from "../http";
import { captionText } from "./caption-text";
import { parseJson } from "./json-fields";
import { type RawCue, sniffCaptionFormat } from "./parse-captions";
import { type PlayerResponse, readPlayerResponse } from "./player-response";
import type { Problem } from "./problems";

/**
 * The `youtube-transcript` package (the product owner's choice) as one step of the chain. It asks the
 * ANDROID 20.10.38 client, falls back to the watch page, picks a track and parses it. Every request goes
 * through our `Http` (its `config.fetch`), so it works inside Obsidian and on mobile, and so we see every
 * answer it got. Its defects never reach the user:
 * - errors: it reports a bot check or a private video as "Transcript is disabled" (Kakulukian#31, #55),
 *   so its errors are ignored; the answers it received are classified by our own rules instead;
 * - language: it takes the first track of a code, or `captionTracks[0]` without one, with no manual
 *   preference; its result is used only when the caption URL it fetched is the track our own choice
 *   picked from the same answer, otherwise that answer goes through our own track choice;
 * - units: its srv3 branch returns milliseconds and its srv1 branch seconds; the body it fetched is
 *   sniffed to convert, and a body in any other format is not trusted to it;
 * - empty: it resolves `[]` on a PO-gated empty body; empty results are never used;
 * - text: it keeps `<i>` from srv1 and knows few entities, so its text goes through our cleaning; its
 *   srv3 branch drops words outside `<s>` spans and cues whose attributes come in another order, so its
 *   reading is used only when it matches ours of the same body (caption-chain.ts);
 * - ids: it does not check `videoDetails.videoId`; its answer goes through our playability check.
 */
export const YOUTUBE_TRANSCRIPT = "youtube-transcript (ANDROID 20.10.38)";

export interface PackageRun {
	/** Its InnerTube answer, as a player response or a problem. */
	answer?: PlayerResponse | Problem;
	/** The watch page it fetched, for our watch-page step to read instead of fetching it again. */
	watchPage?: HttpResponse;
	/** Caption bodies it fetched, by URL. */
	captions: Map<string, HttpResponse>;
	/** Its parsed result, in seconds, with the URL it came from. */
	result?: { url: string; cues: RawCue[] };
}

function kindOf(request: HttpRequest): "player" | "watch" | "caption" | "other" {
	if (request.url.includes("/youtubei/v1/player")) return "player";
	if (request.url.includes("/watch?")) return "watch";
	if (request.url.includes("/api/timedtext")) return "caption";
	return "other";
}

function innerTubeAnswer(response: HttpResponse | Error): PlayerResponse | Problem {
	const source = YOUTUBE_TRANSCRIPT;
	if (response instanceof Error) return { kind: "network", source, note: response.message };
	if (response.status === 429) return { kind: "bot-check", source, signal: "429" };
	if (!isSuccess(response)) return { kind: "http", source, status: response.status };
	return readPlayerResponse(parseJson(response.text)) ?? { kind: "unparsable", source, note: "not JSON" };
}

/** Its items → cues in seconds, or undefined when the body's format does not say which unit it used. */
function normalize(items: readonly TranscriptResponse[], body: string): RawCue[] | undefined {
	const format = sniffCaptionFormat(body);
	const perSecond = format === "srv3" ? 1000 : format === "srv1" ? 1 : undefined;
	if (perSecond === undefined) return undefined;
	return items.map((item) => ({ start: item.offset / perSecond, duration: item.duration / perSecond, text: captionText(item.text) }));
}

/**
 * Runs the package once for `videoId`. `lang` is the language of the track our own choice expects, so
 * that its pick has a chance of being ours. Rejects only when the user cancelled.
 */
export async function runYoutubeTranscript(http: Http, videoId: string, lang: string | undefined, signal?: AbortSignal): Promise<PackageRun> {
	const run: PackageRun = { captions: new Map() };
	let player: HttpResponse | Error | undefined;
	let lastCaptionUrl: string | undefined;
	const watching: Http = async (request) => {
		const kind = kindOf(request);
		try {
			const response = await http({ ...request, ...(signal ? { signal } : {}) });
			if (kind === "player") player = response;
			if (kind === "watch") run.watchPage = response;
			if (kind === "caption") {
				run.captions.set(request.url, response);
				lastCaptionUrl = request.url;
			}
			return response;
		} catch (error) {
			if (kind === "player") player = error instanceof Error ? error : new Error(String(error));
			throw error;
		}
	};
	let items: TranscriptResponse[] | undefined;
	try {
		items = await fetchWithYoutubeTranscript(videoId, { ...(lang ? { lang } : {}), fetch: fetchAsGlobalFetch(watching) });
	} catch {
		// Its error classes misreport (see above); what it received is classified below.
	}
	throwIfAborted(signal);
	if (player !== undefined) run.answer = innerTubeAnswer(player);
	const body = lastCaptionUrl === undefined ? undefined : run.captions.get(lastCaptionUrl)?.text;
	if (items && items.length > 0 && lastCaptionUrl !== undefined && body !== undefined) {
		const cues = normalize(items, body);
		if (cues) run.result = { url: lastCaptionUrl, cues };
	}
	return run;
}
