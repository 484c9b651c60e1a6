import type { Transcript } from "../types";
import type { VideoInfo } from "./video-details";

/** The track a transcript was read from, as the note and the prompt should report it. */
export interface UsedTrack {
	/** The track's id (the source track's, for a translation): pass it back as `trackId`. */
	id: string;
	languageCode: string;
	/** "English", "English (auto-generated)", "English (auto-translated from German)". */
	name: string;
	kind: "manual" | "auto-generated";
	/** The source language, when YouTube translated the track. */
	translatedFrom?: string;
}

/** What is cached per video and track: segments and details, never the signed, expiring caption URLs. */
export interface CachedTranscript {
	transcript: Transcript;
	video: VideoInfo;
	track: UsedTrack;
}

/** Storage for fetched transcripts; the host decides where (memory, a file in the plugin folder). */
export interface TranscriptCache {
	get(key: string): Promise<CachedTranscript | undefined>;
	set(key: string, value: CachedTranscript): Promise<void>;
}

export interface TranscriptKey {
	videoId: string;
	/** The transcript's language: the target language of a translation. */
	languageCode: string;
	kind: "manual" | "auto-generated";
	translated: boolean;
}

/** `videoId|language|kind`, plus `|translated`: one entry per distinct transcript of a video. */
export function transcriptCacheKey(key: TranscriptKey): string {
	return [key.videoId, key.languageCode.toLowerCase(), key.kind, ...(key.translated ? ["translated"] : [])].join("|");
}

export function keyOfUsedTrack(videoId: string, track: UsedTrack): string {
	return transcriptCacheKey({ videoId, languageCode: track.languageCode, kind: track.kind, translated: track.translatedFrom !== undefined });
}

/** An in-memory cache holding the `maxEntries` most recently used transcripts. */
export function memoryTranscriptCache(maxEntries = 20): TranscriptCache {
	// A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
	const entries = new Map<string, CachedTranscript>();
	return {
		get(key) {
			const value = entries.get(key);
			if (value !== undefined) {
				entries.delete(key);
				entries.set(key, value);
			}
			return Promise.resolve(value);
		},
		set(key, value) {
			entries.delete(key);
			entries.set(key, value);
			while (entries.size > Math.max(1, maxEntries)) {
				const oldest = entries.keys().next();
				if (oldest.done) break;
				entries.delete(oldest.value);
			}
			return Promise.resolve();
		},
	};
}
