import { type Http, type HttpRequest, type HttpResponse, isSuccess } from "../http";
import { decodeEntities } from "./caption-text";
import { initialDataChapters } from "./initial-data-chapters";
import { parseJson } from "./json-fields";
import { type PlayerResponse, readPlayerResponse } from "./player-response";
import type { Problem } from "./problems";

export const WATCH_PAGE = "watch page";

export function watchUrl(videoId: string): string {
	return `https://www.youtube.com/watch?v=${videoId}`;
}

/**
 * Desktop Chrome on Windows, in Chrome's reduced form (minor versions zeroed), for the requests a browser
 * makes: the watch page and the caption (timedtext) downloads; YouTube treats requests without a browser
 * user agent as bots. Chrome 138, stable since 2025-06-24; set 2025, checked 2026-12-02: bump when outdated.
 */
export const DESKTOP_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36";

/**
 * The consent cookie sent with every watch page request, as yt-dlp does (`_initialize_consent` sets
 * `SOCS=CAI` when no consent cookie is present): it declines the optional cookies, and YouTube serves the
 * page instead of the EU consent interstitial. Should the interstitial come anyway, the consent form's
 * `CONSENT=YES+…` is added and the page asked once more (`readWatchPage`).
 */
export const CONSENT_COOKIE = "SOCS=CAI";

/** The watch page request; `consent`, from the consent form, is sent beside `SOCS=CAI`. */
export function watchRequest(videoId: string, consent?: string, signal?: AbortSignal): HttpRequest {
	const cookie = consent ? `${CONSENT_COOKIE}; ${consent}` : CONSENT_COOKIE;
	return {
		url: watchUrl(videoId),
		method: "GET",
		headers: { "User-Agent": DESKTOP_USER_AGENT, "Accept-Language": "en-US,en;q=0.9", Cookie: cookie },
		...(signal ? { signal } : {}),
	};
}

/** Google's "unusual traffic" page: a captcha instead of the video. */
export function isCaptchaPage(html: string): boolean {
	return html.includes('class="g-recaptcha"') || html.includes('id="captcha-form"');
}

/** The EU cookie-consent interstitial, which stands in for the watch page until consent is given. */
export function isConsentPage(html: string): boolean {
	return html.includes('action="https://consent.youtube.com/s"');
}

/** The hidden `v` input of the consent form, whose value makes the `CONSENT=YES+…` cookie (jdepoix's recipe). */
export function consentValue(html: string): string | undefined {
	for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
		const tag = m[0];
		if (!/\bname="v"/.test(tag)) continue;
		const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
		if (value) return decodeEntities(value);
	}
	return undefined;
}

/**
 * The object literal that follows `marker` (which ends at its opening brace), found by matching braces
 * outside strings: titles and descriptions contain braces, so counting every `{` and `}` (as
 * youtube-transcript does) cuts the JSON short on some videos. One pass, no backtracking.
 */
function assignedObject(html: string, marker: RegExp): unknown {
	const found = marker.exec(html);
	if (!found) return undefined;
	const start = found.index + found[0].length - 1;
	let depth = 0;
	let inString = false;
	for (let i = start; i < html.length; i++) {
		const c = html[i];
		if (inString) {
			if (c === "\\") i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === "{") depth++;
		else if (c === "}") {
			depth--;
			if (depth === 0) return parseJson(html.slice(start, i + 1));
		}
	}
	return undefined;
}

/** The object literal assigned to `ytInitialPlayerResponse`. */
export function extractPlayerResponse(html: string): unknown {
	return assignedObject(html, /ytInitialPlayerResponse"?\]?\s*=\s*\{/);
}

/** The object literal assigned to `ytInitialData`: the page around the player, where the chapters are. */
export function extractInitialData(html: string): unknown {
	return assignedObject(html, /ytInitialData"?\]?\s*=\s*\{/);
}

export type PageResult = { player: PlayerResponse } | { problem: Problem };

function pageProblem(response: HttpResponse): Problem | undefined {
	if (response.status === 429) return { kind: "bot-check", source: WATCH_PAGE, signal: "429" };
	if (isCaptchaPage(response.text)) return { kind: "bot-check", source: WATCH_PAGE, signal: "captcha" };
	if (!isSuccess(response)) return { kind: "http", source: WATCH_PAGE, status: response.status };
	return undefined;
}

/**
 * The watch page's player response: the last resort, since its tracks are PO-token gated more and more.
 * Asked with `SOCS=CAI` from the start; should the EU consent page come anyway, sets the consent cookie
 * from the form and asks once more. `first` is a page
 * already fetched (by the youtube-transcript step), so the same page is not fetched twice.
 */
export async function readWatchPage(http: Http, videoId: string, signal?: AbortSignal, first?: HttpResponse): Promise<PageResult> {
	let response = first ?? (await http(watchRequest(videoId, undefined, signal)));
	const problem = pageProblem(response);
	if (problem) return { problem };
	if (isConsentPage(response.text)) {
		const value = consentValue(response.text);
		if (!value) return { problem: { kind: "consent", source: WATCH_PAGE, note: "consent page without a v value" } };
		response = await http(watchRequest(videoId, `CONSENT=YES+${value}`, signal));
		const again = pageProblem(response);
		if (again) return { problem: again };
		if (isConsentPage(response.text)) return { problem: { kind: "consent", source: WATCH_PAGE, note: "consent page again after setting the cookie" } };
	}
	const player = readPlayerResponse(extractPlayerResponse(response.text));
	if (!player) return { problem: { kind: "unparsable", source: WATCH_PAGE, note: "no ytInitialPlayerResponse" } };
	// The player response rarely carries chapters; the page's ytInitialData does (player bar, chapter panels).
	if (player.chapters.length > 0) return { player };
	return { player: { ...player, chapters: initialDataChapters(extractInitialData(response.text)) } };
}
