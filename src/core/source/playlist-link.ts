import { SummaryError } from "../errors";
import { isPlaylistId, type PlaylistKind, playlistKind, refuseUnreadablePlaylist } from "../youtube/playlist";
import { CHANNEL_LINK, NOT_A_PLAYLIST_LINK } from "../youtube/playlist-messages";
import { hostOf, linkUrl, parseYouTubeLink, VIDEO_HOSTS } from "./youtube-link";

/**
 * The playlist a link names. `videoId` is set when the link opens one video of it (`watch?v=…&list=…`,
 * `youtu.be/…?list=…`): that link still means that one video to parseYouTubeLink, as it always did, and a
 * host can offer the whole playlist beside it.
 */
export interface PlaylistLink {
	listId: string;
	videoId?: string;
	kind: PlaylistKind;
}

/** Where a `list=` names the playlist a page shows or plays; elsewhere (`/feed/trending?list=…`) it is ignored. */
function carriesList(host: string, path: string): boolean {
	return host === "youtu.be" || path === "/playlist" || path === "/watch" || path.startsWith("/embed/");
}

/**
 * One pasted link → the playlist it names, or null when it names none. Same hosts as parseYouTubeLink (an
 * allow-list) and `youtu.be`; `index=`, `pp=`, `si=` and the like are ignored. Mixes, "Watch later" and
 * "Liked videos" are returned too, with their kind, so a host can say why it won't read them.
 */
export function parsePlaylistLink(text: string): PlaylistLink | null {
	const url = linkUrl(text);
	if (!url) return null;
	const host = hostOf(url);
	if (host !== "youtu.be" && !VIDEO_HOSTS.has(host)) return null;
	if (url.pathname === "/attribution_link") {
		const inner = url.searchParams.get("u");
		return inner ? parsePlaylistLink(`https://www.youtube.com${inner.startsWith("/") ? "" : "/"}${inner}`) : null;
	}
	const listId = url.searchParams.get("list");
	if (!listId || !isPlaylistId(listId) || !carriesList(host, url.pathname)) return null;
	const videoId = parseYouTubeLink(url.href)?.id;
	return { listId, kind: playlistKind(listId), ...(videoId ? { videoId } : {}) };
}

const CHANNEL_PATH = /^\/(?:@[^/]+|(?:channel|c|user)\/[^/]+)(?:\/|$)/;

/** `youtube.com/@name`, `/channel/UC…`, `/c/name`, `/user/name`, with or without a tab (`/videos`). */
export function isChannelLink(text: string): boolean {
	const url = linkUrl(text);
	return url !== null && VIDEO_HOSTS.has(hostOf(url)) && CHANNEL_PATH.test(url.pathname);
}

/**
 * The playlist a link the user gave for one, ready for fetchPlaylist; otherwise an "input" SummaryError
 * that says what to paste instead: for a channel, a Mix, "Watch later", "Liked videos", or anything else.
 */
export function readPlaylistLink(text: string): PlaylistLink {
	const link = parsePlaylistLink(text);
	if (link) {
		refuseUnreadablePlaylist(link.kind);
		return link;
	}
	throw new SummaryError("input", isChannelLink(text) ? CHANNEL_LINK : NOT_A_PLAYLIST_LINK);
}
