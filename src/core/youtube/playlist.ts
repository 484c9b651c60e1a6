import { SummaryError } from "../errors";
import { type Http, type HttpRequest, type HttpResponse, isSuccess } from "../http";
import { BROWSE_URL, browseRequest } from "./innertube-clients";
import { asArray, asNumber, asObject, asString, field, parseJson, readText } from "./json-fields";
import { NO_NETWORK } from "./messages";
import {
	EMPTY_PLAYLIST,
	mixMessage,
	NOT_A_PLAYLIST_LINK,
	noWatchableVideos,
	PLAYLIST_CANCELLED,
	PLAYLIST_TOO_MANY_REQUESTS,
	playlistAlertMessage,
	playlistChanged,
	playlistServerError,
	privateListMessage,
} from "./playlist-messages";

/**
 * Reading a playlist's title and videos, the way NewPipeExtractor's `YoutubePlaylistExtractor` does (@ 43f8e6eb,
 * 2026-07-20): one `/browse` request for the playlist's header, narrowed by `$fields` and with "show
 * unavailable videos" set; then the videos, 100 a page, from continuation requests, the first with a token
 * built here. NewPipe builds that first token since July 2025 (commit 9415e1bb) because the plain `/browse`
 * answer of a Shorts playlist lists 100 videos and no continuation; the token's pages list every playlist as
 * ordinary `playlistVideoRenderer`s with a continuation. yt-dlp (`_tab.py` @ 81ecd58b) reads the first page
 * from the playlist page's `ytInitialData` instead, but follows the continuations the same way, and stops,
 * as here, when YouTube hands back a token it already gave.
 */

/** Mixes (`RD…`) are made up per viewer; "Watch later" and "Liked videos" (`LL`, YouTube Music's `LM`) belong to one account. */
export type PlaylistKind = "playlist" | "mix" | "watch-later" | "liked";

export interface PlaylistVideo {
	id: string;
	/** YouTube's text as given: untrusted, never markup. "" when the entry had none. */
	title: string;
	durationSeconds?: number;
	/** The video's place in the playlist (1 = first), as YouTube numbers it, unwatchable entries counted. */
	index: number;
}

export interface Playlist {
	id: string;
	/** YouTube's text as given (the id when the answer had no title): untrusted, never markup. */
	title: string;
	/** The channel that made the playlist, when YouTube names one. */
	channel?: string;
	videos: PlaylistVideo[];
	/** Entries skipped because they can't be watched: "[Private video]", "[Deleted video]", unplayable ones. */
	unavailable: number;
	/** The playlist has more videos than were read (MAX_PLAYLIST_VIDEOS, MAX_PLAYLIST_PAGES). */
	truncated: boolean;
}

export interface FetchPlaylistOptions {
	signal?: AbortSignal;
}

/** The most videos read from one playlist (50 pages); a longer list is cut there, and `truncated` says so. */
export const MAX_PLAYLIST_VIDEOS = 5000;
/**
 * The most continuation pages asked for. A page holds 100 videos, so a real playlist hits the video cap
 * first (50 pages); this one stops answers that hand out a fresh token with few or no videos each time.
 */
export const MAX_PLAYLIST_PAGES = 100;

/**
 * A playlist id: the short lists of an account (`WL`, `LL`, `LM`, `RDMM`), or 10 or more word characters and
 * dashes, the pattern NewPipe's `YoutubePlaylistLinkHandlerFactory` accepts. Nothing else ever reaches a
 * request; the ids go into request bodies only, never into a URL.
 */
const LIST_ID = /^(?:WL|LL|LM|RDMM|[\w-]{10,100})$/;

const VIDEO_ID = /^[\w-]{11}$/;

/** Continuation tokens are URL-safe base64 with `%3D` padding; an answer's token is followed only in that shape. */
const TOKEN = /^[\w%=-]{1,8192}$/;

export function isPlaylistId(listId: string): boolean {
	return LIST_ID.test(listId);
}

/**
 * `RDCLAK5uy_…` lists are YouTube Music's editorial playlists, which have a playlist page like any other
 * (yt-dlc #150: "they are from Youtube Music and have a playlist url"); every other `RD…` list is a Mix,
 * whose playlist page YouTube refuses ("This playlist type is unviewable.").
 */
export function playlistKind(listId: string): PlaylistKind {
	if (listId === "WL") return "watch-later";
	if (listId === "LM" || listId.startsWith("LL")) return "liked";
	if (listId.startsWith("RD") && !listId.startsWith("RDCLAK5uy_")) return "mix";
	return "playlist";
}

/** Refuses, before anything is asked of YouTube, the lists no signed-out request can read. */
export function refuseUnreadablePlaylist(kind: PlaylistKind): void {
	if (kind === "mix") throw new SummaryError("input", mixMessage());
	if (kind === "watch-later") throw new SummaryError("input", privateListMessage("Watch later"));
	if (kind === "liked") throw new SummaryError("input", privateListMessage("Liked videos"));
}

// ---- the requests ----

/** The header request's URL: NewPipe's, whose `$fields` keeps the answer to the parts read here (30 KB, not 700). */
export const PLAYLIST_HEADER_URL = "https://www.youtube.com/youtubei/v1/browse?$fields=sidebar,header,microformat,alerts&prettyPrint=false";

/** `params` of the header request: "show unavailable videos", so private and deleted entries are listed and counted. */
const SHOW_UNAVAILABLE = "wgYCCAA%3D";

/** The first page's continuation properties (NewPipe: "requesting first page and showing unavailable videos"). */
const FIRST_PAGE_PROPERTIES = "CADCBgIIAA%3D%3D";

export function playlistHeaderRequest(listId: string, signal?: AbortSignal): HttpRequest {
	return browseRequest({ browseId: `VL${listId}`, params: SHOW_UNAVAILABLE }, PLAYLIST_HEADER_URL, signal);
}

export function continuationRequest(token: string, signal?: AbortSignal): HttpRequest {
	return browseRequest({ continuation: token }, BROWSE_URL, signal);
}

function varint(value: number): number[] {
	const bytes: number[] = [];
	let rest = value;
	while (rest > 0x7f) {
		bytes.push((rest % 0x80) | 0x80);
		rest = Math.floor(rest / 0x80);
	}
	bytes.push(rest);
	return bytes;
}

/** A protobuf length-delimited field (wire type 2). */
function delimited(fieldNumber: number, bytes: number[]): number[] {
	return [...varint(fieldNumber * 8 + 2), ...varint(bytes.length), ...bytes];
}

/** The bytes of an ASCII string; ids and properties here are nothing else. */
function ascii(text: string): number[] {
	return Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * The token of a playlist's first page, byte for byte as NewPipe builds it (`playlist_continuation_schema.proto`):
 * `PlaylistContinuation { ContinuationParams parameters = 80226972 }` holding `browseId = 2` ("VL" + id),
 * `continuationProperties = 3` and `playlistId = 35`, then URL-safe base64 with its padding URL-encoded.
 */
export function firstPageToken(listId: string): string {
	const params = [...delimited(2, ascii(`VL${listId}`)), ...delimited(3, ascii(FIRST_PAGE_PROPERTIES)), ...delimited(35, ascii(listId))];
	const base64 = btoa(String.fromCharCode(...delimited(80226972, params)));
	return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/[=]/g, "%3D");
}

/** Runs one request: a JSON object, or the SummaryError the user reads. */
async function ask(http: Http, request: HttpRequest, signal: AbortSignal | undefined): Promise<unknown> {
	if (signal?.aborted) throw new SummaryError("cancelled", PLAYLIST_CANCELLED);
	let response: HttpResponse;
	try {
		response = await http(request);
	} catch (error) {
		if (signal?.aborted) throw new SummaryError("cancelled", PLAYLIST_CANCELLED);
		throw new SummaryError("network", NO_NETWORK, error instanceof Error ? error.message : String(error));
	}
	if (response.status === 429) throw new SummaryError("youtube", PLAYLIST_TOO_MANY_REQUESTS);
	if (response.status >= 500) throw new SummaryError("youtube", playlistServerError(response.status));
	if (!isSuccess(response)) throw new SummaryError("youtube", playlistChanged(response.status));
	const json = parseJson(response.text);
	if (!asObject(json)) throw new SummaryError("youtube", playlistChanged(), "not a JSON object");
	return json;
}

// ---- the header ----

/** The text of the first ERROR alert (`alertRenderer` or `alertWithButtonRenderer`), as yt-dlp's `_extract_alerts` reads them. */
export function errorAlert(json: unknown): string | undefined {
	for (const alert of asArray(field(json, "alerts"))) {
		const renderer = field(alert, "alertRenderer") ?? field(alert, "alertWithButtonRenderer");
		if (asString(field(renderer, "type")) !== "ERROR") continue;
		const text = readText(field(renderer, "text"));
		if (text) return text;
	}
	return undefined;
}

function sidebarItem(json: unknown, renderer: string): unknown {
	return asArray(field(json, "sidebar", "playlistSidebarRenderer", "items"))
		.map((item) => field(item, renderer))
		.find((found) => found !== undefined);
}

/** The sidebar's title first, as NewPipe reads it; then the headers of both layouts; then the microformat. */
export function playlistTitle(json: unknown): string | undefined {
	const candidates = [
		readText(field(sidebarItem(json, "playlistSidebarPrimaryInfoRenderer"), "title")),
		readText(field(json, "header", "playlistHeaderRenderer", "title")),
		asString(field(json, "header", "pageHeaderRenderer", "pageTitle")),
		asString(field(json, "microformat", "microformatDataRenderer", "title")),
	];
	return candidates.find((title) => title !== undefined && title !== "");
}

/**
 * The sidebar's video owner, else the old header's `ownerText`. The newer `pageHeaderRenderer` names the owner
 * only as "by …", in the interface language, so it is not read.
 */
export function playlistChannel(json: unknown): string | undefined {
	const candidates = [
		readText(field(sidebarItem(json, "playlistSidebarSecondaryInfoRenderer"), "videoOwner", "videoOwnerRenderer", "title")),
		readText(field(json, "header", "playlistHeaderRenderer", "ownerText")),
	];
	return candidates.find((name) => name !== undefined && name !== "");
}

// ---- the pages ----

/** The titles YouTube gives entries it lists but won't play (asked with `hl=en`). */
const UNAVAILABLE_TITLES = new Set(["[Private video]", "[Deleted video]", "[Unavailable video]"]);

/** An entry that takes a place in the playlist, with YouTube's number for it when given. */
type Listed = { video: Omit<PlaylistVideo, "index">; index?: number } | { unavailable: true; index?: number };

/** What one item of a page is: a listed entry, a continuation, something else (a playlist lockup), or a shape we don't know. */
type Entry = Listed | { token: string | null } | { other: true } | { unknown: true };

/** A positive whole number, or undefined. */
function position(value: unknown): number | undefined {
	const n = asNumber(value);
	return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `1:03:43`, `50:53`, `0:07`: the duration badge of a lockup. */
function clockSeconds(text: string | undefined): number | undefined {
	const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/.exec(text?.trim() ?? "");
	if (!m) return undefined;
	return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function videoOrUnavailable(id: string | undefined, title: string, playable: boolean, durationSeconds: number | undefined, index: number | undefined): Listed {
	if (!id || !VIDEO_ID.test(id) || !playable || UNAVAILABLE_TITLES.has(title)) return { unavailable: true, ...(index ? { index } : {}) };
	return { video: { id, title, ...(durationSeconds ? { durationSeconds } : {}) }, ...(index ? { index } : {}) };
}

function playlistVideoEntry(renderer: unknown): Entry {
	const index = position(readText(field(renderer, "index")));
	const title = readText(field(renderer, "title")) ?? "";
	const playable = field(renderer, "isPlayable") !== false;
	return videoOrUnavailable(asString(field(renderer, "videoId")), title, playable, position(field(renderer, "lengthSeconds")), index);
}

/**
 * The newer item shape (NewPipe reads it in playlists since June 2026, `YoutubeStreamInfoItemLockupExtractor`):
 * the id in `contentId`, the title in `lockupMetadataViewModel`, the duration only as a thumbnail badge.
 */
function lockupEntry(lockup: unknown): Entry {
	if (asString(field(lockup, "contentType")) !== "LOCKUP_CONTENT_TYPE_VIDEO") return { other: true };
	const id =
		asString(field(lockup, "contentId")) ??
		asString(field(lockup, "rendererContext", "commandContext", "onTap", "innertubeCommand", "watchEndpoint", "videoId"));
	const title = asString(field(lockup, "metadata", "lockupMetadataViewModel", "title", "content")) ?? "";
	const badges = asArray(field(lockup, "contentImage", "thumbnailViewModel", "overlays")).flatMap((overlay) => [
		...asArray(field(overlay, "thumbnailBottomOverlayViewModel", "badges")),
		...asArray(field(overlay, "thumbnailOverlayBadgeViewModel", "thumbnailBadges")),
	]);
	const duration = badges.map((badge) => clockSeconds(asString(field(badge, "thumbnailBadgeViewModel", "text")))).find((s) => s !== undefined);
	return videoOrUnavailable(id, title, true, duration || undefined, undefined);
}

/** A continuation item's token: null when it has one in no shape we follow. */
function continuationToken(item: unknown): string | null {
	const endpoint = field(item, "continuationItemRenderer", "continuationEndpoint");
	// Initial pages wrap the token in a commandExecutorCommand beside a playlistVotingRefreshPopupCommand (NewPipe).
	const commands = [endpoint, ...asArray(field(endpoint, "commandExecutorCommand", "commands"))];
	const token =
		commands.map((command) => asString(field(command, "continuationCommand", "token"))).find((t) => t !== undefined) ??
		asString(field(item, "continuationItemViewModel", "continuationCommand", "innertubeCommand", "continuationCommand", "token"));
	return token !== undefined && TOKEN.test(token) ? token : null;
}

function entryOf(item: unknown): Entry {
	const renderer = field(item, "playlistVideoRenderer");
	if (renderer !== undefined) return playlistVideoEntry(renderer);
	const lockup = field(item, "lockupViewModel") ?? field(item, "richItemRenderer", "content", "lockupViewModel");
	if (lockup !== undefined) return lockupEntry(lockup);
	if (field(item, "continuationItemRenderer") !== undefined || field(item, "continuationItemViewModel") !== undefined)
		return { token: continuationToken(item) };
	return { unknown: true };
}

/** Every item a continuation answer brings: the first page reloads the list, later pages append to it. */
function pageItems(json: unknown): unknown[] {
	return ["onResponseReceivedActions", "onResponseReceivedEndpoints"].flatMap((key) =>
		asArray(field(json, key)).flatMap((action) => [
			...asArray(field(action, "reloadContinuationItemsCommand", "continuationItems")),
			...asArray(field(action, "appendContinuationItemsAction", "continuationItems")),
		]),
	);
}

/** The videos of the pages read so far. */
class Pages {
	readonly videos: PlaylistVideo[] = [];
	unavailable = 0;
	unknown = 0;
	private entries = 0;
	/** `index:id` of the entries kept: a page YouTube sends twice adds nothing the second time. */
	private readonly seen = new Set<string>();

	/** Reads one page; its continuation token, null for one we won't follow, undefined at the end. */
	read(json: unknown): string | null | undefined {
		let next: string | null | undefined;
		for (const item of pageItems(json)) {
			const entry = entryOf(item);
			if ("token" in entry) next = entry.token;
			else if ("unknown" in entry) this.unknown++;
			else if ("video" in entry || "unavailable" in entry) this.add(entry);
		}
		return next;
	}

	private add(entry: Listed): void {
		const key = entry.index === undefined ? undefined : `${entry.index}:${"video" in entry ? entry.video.id : ""}`;
		if (key !== undefined && this.seen.has(key)) return;
		if (key !== undefined) this.seen.add(key);
		this.entries++;
		if ("unavailable" in entry) this.unavailable++;
		else this.videos.push({ ...entry.video, index: entry.index ?? this.entries });
	}
}

/**
 * A playlist's title, channel and videos, every page followed. Refuses Mixes, "Watch later" and "Liked
 * videos" before asking anything; a playlist YouTube won't show, one without a watchable video, and every
 * failed request end in a SummaryError whose message says what to do. Stops at MAX_PLAYLIST_VIDEOS or
 * MAX_PLAYLIST_PAGES (`truncated`) and when a continuation token comes back a second time.
 */
export async function fetchPlaylist(http: Http, listId: string, options: FetchPlaylistOptions = {}): Promise<Playlist> {
	const { signal } = options;
	if (!isPlaylistId(listId)) throw new SummaryError("input", NOT_A_PLAYLIST_LINK);
	refuseUnreadablePlaylist(playlistKind(listId));

	const header = await ask(http, playlistHeaderRequest(listId, signal), signal);
	const alert = errorAlert(header);
	if (alert) throw new SummaryError("youtube", playlistAlertMessage(alert));

	const pages = new Pages();
	const asked = new Set<string>();
	let token: string | null | undefined = firstPageToken(listId);
	let requests = 0;
	let truncated = false;
	while (token !== undefined) {
		// YouTube handing back a token it already gave has nothing more to list (yt-dlp: "assuming end of feed").
		if (token !== null && asked.has(token)) break;
		// Requests, not tokens, are counted: the cap holds even if a loop of tokens got past the check above.
		if (token === null || requests >= MAX_PLAYLIST_PAGES || pages.videos.length >= MAX_PLAYLIST_VIDEOS) {
			truncated = true;
			break;
		}
		asked.add(token);
		requests++;
		token = pages.read(await ask(http, continuationRequest(token, signal), signal));
	}

	const videos = pages.videos.slice(0, MAX_PLAYLIST_VIDEOS);
	truncated ||= pages.videos.length > MAX_PLAYLIST_VIDEOS;
	if (videos.length === 0) {
		if (pages.unavailable > 0) throw new SummaryError("youtube", noWatchableVideos(pages.unavailable));
		if (pages.unknown > 0) throw new SummaryError("youtube", playlistChanged(), `${pages.unknown} entries of no known shape`);
		throw new SummaryError("youtube", EMPTY_PLAYLIST);
	}
	const channel = playlistChannel(header);
	return { id: listId, title: playlistTitle(header) ?? listId, ...(channel ? { channel } : {}), videos, unavailable: pages.unavailable, truncated };
}
