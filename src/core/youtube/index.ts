/** Fetching a YouTube video's captions and details: what the rest of the plugin needs from this folder. */
export type { CaptionTrackInfo } from "./caption-tracks";
export { type FetchedTranscript, fetchTranscript, type FetchTranscriptOptions, fetchVideoInfo } from "./fetch-transcript";
export { INNERTUBE_CLIENTS, type InnerTubeClient } from "./innertube-clients";
export { PASTE_INSTEAD } from "./messages";
export { type CachedTranscript, memoryTranscriptCache, type TranscriptCache, transcriptCacheKey, type UsedTrack } from "./transcript-cache";
export type { VideoInfo } from "./video-details";
