/** The only URLs a note links to are built here, from a checked video id, never from text the model wrote. */

import { SummaryError } from "../errors";

const VIDEO_ID = /^[\w-]{11}$/;
// PL…, UU…, OLAK5uy_…, RD…, WL: letters, digits, `_` and `-`, as many as the playlist reader accepts.
const PLAYLIST_ID = /^[\w-]{2,100}$/;

export function isVideoId(id: string): boolean {
	return VIDEO_ID.test(id);
}

// The id ends up inside a Markdown link destination: a `)` or a space in it would end the link early and let
// the rest of the id become Markdown of its own, so anything but a real id is refused.
function checkedId(id: string): string {
	if (!VIDEO_ID.test(id)) {
		throw new SummaryError("input", `"${id}" is not a YouTube video id. Use the link of a YouTube video.`);
	}
	return id;
}

export function videoUrl(id: string): string {
	return `https://www.youtube.com/watch?v=${checkedId(id)}`;
}

export function timeUrl(id: string, seconds: number): string {
	const whole = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
	return `${videoUrl(id)}&t=${whole}s`;
}

export function playlistUrl(id: string): string {
	if (!PLAYLIST_ID.test(id)) {
		throw new SummaryError("input", `"${id}" is not a YouTube playlist id. Use the link of a YouTube playlist.`);
	}
	return `https://www.youtube.com/playlist?list=${id}`;
}
