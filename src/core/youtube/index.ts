/** Fetching a YouTube video's captions and details: what the rest of the plugin needs from this folder. */
export { fetchTranscript, fetchVideoInfo, type FetchTranscriptOptions, type FetchedTranscript } from "./fetch-transcript";
export type { CaptionTrackInfo } from "./caption-tracks";
export type { VideoInfo } from "./video-details";
export { memoryTranscriptCache, transcriptCacheKey, type CachedTranscript, type TranscriptCache, type UsedTrack } from "./transcript-cache";
export { PASTE_INSTEAD } from "./messages";
export { INNERTUBE_CLIENTS, type InnerTubeClient } from "./innertube-clients";
