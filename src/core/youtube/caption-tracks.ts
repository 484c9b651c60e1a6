import type { CaptionTrack } from "./player-response";

/** A caption track as the host may show it; no URL, so it can be kept and passed back as `trackId`. */
export interface CaptionTrackInfo {
	/** Stable across clients and requests: pass it back as `trackId`. */
	id: string;
	languageCode: string;
	/** "English", "English (auto-generated)". */
	name: string;
	kind: "manual" | "auto-generated";
	translatable: boolean;
}

/** What a track id (a `vssId`: `.en`, `a.en`, `.de.CcQ45jRV4-E`) says by itself. */
export function parseTrackId(id: string): { languageCode: string; kind: "manual" | "auto-generated" } {
	return { languageCode: id.replace(/^a?\./, "").split(".")[0] ?? "", kind: id.startsWith("a.") ? "auto-generated" : "manual" };
}

export function trackInfo(track: CaptionTrack): CaptionTrackInfo {
	return { id: track.id, languageCode: track.languageCode, name: track.name, kind: track.kind, translatable: track.translatable };
}

function query(url: string): URLSearchParams | undefined {
	try {
		return new URL(url).searchParams;
	} catch {
		return undefined;
	}
}

/**
 * A track that needs a proof-of-origin token: `exp` lists `xpe` or `xpv` (yt-dlp's test). Without the
 * token YouTube answers 200 with an empty body, which BotGuard alone could mint: not for a plugin.
 */
export function isPoTokenGated(track: CaptionTrack): boolean {
	const exp = query(track.baseUrl)?.get("exp") ?? "";
	return exp.split(",").some((flag) => flag === "xpe" || flag === "xpv");
}

/**
 * Caption URLs must stay on YouTube: a player response is data from the network, and a `baseUrl`
 * pointing elsewhere must not make us fetch an arbitrary host.
 */
export function isYouTubeCaptionUrl(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === "https:" && (parsed.hostname === "youtube.com" || parsed.hostname.endsWith(".youtube.com"));
	} catch {
		return false;
	}
}

/** The track's URL as the client gave it, with `tlang=` appended when `translateTo` is set. */
export function trackUrl(track: CaptionTrack, translateTo?: string): string {
	if (!translateTo) return track.baseUrl;
	return `${track.baseUrl}${track.baseUrl.includes("?") ? "&" : "?"}tlang=${encodeURIComponent(translateTo)}`;
}

/** The caption format we ask for: pinned, so a changed YouTube default cannot make captions unreadable. */
export const CAPTION_FORMAT = "json3";

/**
 * The URL we download a track from: its URL with `fmt=json3` in place of any `fmt` it carried (clients
 * disagree: ANDROID gives srv3, VISIONOS and the web none, which YouTube answers with srv1), and `tlang=`
 * appended when `translateTo` is set. `fmt` is not among the signed `sparams`, so it may change; the rest
 * of the signed query is kept as text rather than rebuilt through URLSearchParams, which would re-encode it.
 * The parser still reads srv1, srv3 and json3, by the body.
 */
export function captionUrl(track: CaptionTrack, translateTo?: string): string {
	const mark = track.baseUrl.indexOf("?");
	const base = mark < 0 ? track.baseUrl : track.baseUrl.slice(0, mark);
	const query = mark < 0 ? "" : track.baseUrl.slice(mark + 1);
	const params = query.split("&").filter((part) => part !== "" && part !== "fmt" && !part.startsWith("fmt="));
	params.push(`fmt=${CAPTION_FORMAT}`);
	if (translateTo) params.push(`tlang=${encodeURIComponent(translateTo)}`);
	return `${base}?${params.join("&")}`;
}
