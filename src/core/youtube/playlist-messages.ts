import { hostWords } from "../errors";
import { youtubeSays } from "./messages";

/**
 * What the user reads when a playlist can't be read, in the words of messages.ts: what happened, then what
 * to do. Built when thrown, so the host's words (`hostWords().app`) are the ones set at that time.
 */

export const NOT_A_PLAYLIST_LINK = "That doesn't look like a YouTube playlist link. Paste a link like youtube.com/playlist?list=…";

export const CHANNEL_LINK =
	"That's a link to a YouTube channel, not to a video or a playlist. Open one of the channel's videos or playlists on YouTube and paste that link instead.";

export const PLAYLIST_CANCELLED = "Fetching the playlist was cancelled.";

/** The way around every playlist YouTube keeps to itself: one the user makes, which anyone with the link can read. */
const OWN_PLAYLIST = "save the videos you want to a playlist of your own, set it to Unlisted or Public, and paste that playlist's link";

export function mixMessage(): string {
	return `That's a YouTube Mix: YouTube makes it up for each viewer and keeps adding to it, so it can't be read as a list. Summarize one of its videos instead, or ${OWN_PLAYLIST}.`;
}

/** "Watch later" and "Liked videos": lists only their owner can open, and the plugin is never signed in. */
export function privateListMessage(name: "Watch later" | "Liked videos"): string {
	return `"${name}" is private to your YouTube account, and ${hostWords().app} doesn't sign in to YouTube. To summarize those videos, ${OWN_PLAYLIST}.`;
}

/**
 * YouTube's ERROR alert for a playlist, in its words (asked with `hl=en`). Signed out, a private playlist
 * reads "The playlist does not exist." too (meeb/tubesync#373, Unrud/video-downloader#188), so that message
 * names both.
 */
export function playlistAlertMessage(reason: string): string {
	if (reason === "The playlist does not exist.") {
		return `${youtubeSays(reason)}The playlist is private or was deleted, or the link is wrong. Only public and unlisted playlists can be read: check the link, or if the playlist is yours, set it to Unlisted on YouTube.`;
	}
	if (reason === "This playlist type is unviewable.") {
		return `${youtubeSays(reason)}Mixes and other playlists YouTube makes up as you watch can't be read as a list. Summarize one of its videos instead, or ${OWN_PLAYLIST}.`;
	}
	return `${youtubeSays(reason)}The playlist can't be read from here. Check the link, or try again later.`;
}

export const EMPTY_PLAYLIST = "This playlist has no videos. Check the link; if the playlist is yours, add videos to it on YouTube.";

export function noWatchableVideos(unavailable: number): string {
	return unavailable === 1
		? "The only video in this playlist is private, deleted or unavailable, so there is nothing to summarize."
		: `All ${count(unavailable)} videos in this playlist are private, deleted or unavailable, so there is nothing to summarize.`;
}

export const PLAYLIST_TOO_MANY_REQUESTS =
	'YouTube answered "Too many requests". It is temporarily blocking automated requests from your network (common on VPNs and work networks). Wait a few minutes or turn off the VPN and try again.';

export function playlistServerError(status: number): string {
	return `YouTube's servers answered with an error (HTTP ${status}). Try again in a few minutes.`;
}

export function playlistChanged(status?: number): string {
	return `YouTube changed something, so the playlist couldn't be read${status === undefined ? "" : ` (HTTP ${status})`}. Update ${hostWords().app} (or report it with the playlist link).`;
}

function count(n: number): string {
	return n.toLocaleString("en-US");
}

/**
 * What a host tells the user beside a playlist that was read, or undefined when nothing was left out:
 * entries skipped as unwatchable, and a list cut at the cap.
 */
export function playlistNotice(playlist: { videos: readonly unknown[]; unavailable: number; truncated: boolean }): string | undefined {
	const notes: string[] = [];
	if (playlist.unavailable === 1) notes.push("1 video of this playlist is private, deleted or unavailable, and was skipped.");
	else if (playlist.unavailable > 1)
		notes.push(`${count(playlist.unavailable)} videos of this playlist are private, deleted or unavailable, and were skipped.`);
	if (playlist.truncated) notes.push(`Only the first ${count(playlist.videos.length)} videos of the playlist were read; the rest were left out.`);
	return notes.length > 0 ? notes.join(" ") : undefined;
}
