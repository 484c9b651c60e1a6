import { parsePlaylistLink } from "../source/playlist-link";
import { type BatchVideo, linkedVideos } from "./summarize-batch";

/** What a note, a selection or a pasted text asks to be summarized as a batch: a playlist, or the videos it links. */
export type BatchSource = { listId: string } | { videos: BatchVideo[] };

// A line that starts with a time, as transcripts' lines do: `0:00`, `[00:01:02]`, `(1:02)`, an SRT `00:00:01,000`.
const TIMED_LINE = /^[[(]?\d{1,2}:\d{2}/gm;

/**
 * A playlist link alone is a batch of its videos (a link that opens one video of a playlist stays that one
 * video, as it always was); so is a text linking two or more videos that is not itself a transcript: a reading
 * list, a note of talks. A transcript that mentions two videos has timed lines, and stays one summary.
 */
export function batchSourceOf(text: string): BatchSource | null {
	const trimmed = text.trim();
	if (!/\s/.test(trimmed)) {
		const playlist = parsePlaylistLink(trimmed);
		if (playlist && !playlist.videoId) return { listId: playlist.listId };
	}
	const videos = linkedVideos(text);
	if (videos.length < 2) return null;
	return (text.match(TIMED_LINE)?.length ?? 0) >= 3 ? null : { videos };
}
