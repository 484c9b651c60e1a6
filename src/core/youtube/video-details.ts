import type { Chapter } from "../types";
import { type CaptionTrackInfo, trackInfo } from "./caption-tracks";
import { descriptionChapters } from "./description-chapters";
import type { PlayerResponse, TranslationLanguage } from "./player-response";

/** What a note and the source dialog need to know about a video. Holds no signed URL, so it can be cached. */
export interface VideoInfo {
	id: string;
	title?: string;
	channel?: string;
	durationSeconds?: number;
	/** `YYYY-MM-DD`, when YouTube said (only web answers carry it). */
	published?: string;
	chapters: Chapter[];
	thumbnail: string;
	tracks: CaptionTrackInfo[];
	translationLanguages: TranslationLanguage[];
}

/** Built from the id: every video has it, and the URLs in player responses are signed and sized per client. */
export function thumbnailUrl(videoId: string): string {
	return `https://i.ytimg.com/vi/${videoId}/hqdefault.jpg`;
}

function publishedDate(value: string | undefined): string | undefined {
	const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
	return m?.[1];
}

export function bareVideoInfo(videoId: string): VideoInfo {
	return { id: videoId, chapters: [], thumbnail: thumbnailUrl(videoId), tracks: [], translationLanguages: [] };
}

export function videoInfoFromPlayer(videoId: string, player: PlayerResponse): VideoInfo {
	// A live stream reports lengthSeconds "0": no length is known, not a length of zero.
	const duration = player.lengthSeconds !== undefined && player.lengthSeconds > 0 ? player.lengthSeconds : undefined;
	const published = publishedDate(player.published);
	return {
		...bareVideoInfo(videoId),
		...(player.title ? { title: player.title } : {}),
		...(player.author ? { channel: player.author } : {}),
		...(duration !== undefined ? { durationSeconds: duration } : {}),
		...(published ? { published } : {}),
		chapters: player.chapters.length > 0 ? player.chapters : descriptionChapters(player.description, duration),
		tracks: player.tracks.map(trackInfo),
		translationLanguages: player.translationLanguages,
	};
}
