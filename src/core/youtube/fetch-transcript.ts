import { SummaryError } from "../errors";
import type { Http } from "../http";
import type { Transcript } from "../types";
import { type Answer, fetchCaptions, lookUpVideo } from "./caption-chain";
import { parseTrackId } from "./caption-tracks";
import { chooseTrack, type TrackChoice, type TrackDecision, type TrackWish } from "./choose-track";
import { trackLabel, trackLanguage } from "./language-names";
import { INVALID_LINK } from "./messages";
import { fetchOembed } from "./oembed";
import type { PlayerResponse } from "./player-response";
import { type CachedTranscript, keyOfUsedTrack, type TranscriptCache, transcriptCacheKey, type UsedTrack } from "./transcript-cache";
import { bareVideoInfo, type VideoInfo, videoInfoFromPlayer } from "./video-details";

export interface FetchTranscriptOptions {
	/** Preferred caption languages, best first (`["de", "en"]`); empty takes whatever the video has. */
	languages: readonly string[];
	/** A track the user picked from `fetchVideoInfo`'s list: that one or an error. */
	trackId?: string;
	/** With `trackId`: have YouTube translate the picked track into this language. */
	translateTo?: string;
	/** Rather than fail when no wanted language exists (nor a translation into one), take the video's own captions. */
	anyLanguage?: boolean;
	signal?: AbortSignal;
	cache?: TranscriptCache;
}

export interface FetchedTranscript {
	transcript: Transcript;
	video: VideoInfo;
	track: UsedTrack;
}

const VIDEO_ID = /^[\w-]{11}$/;

function checkId(videoId: string): void {
	// A pasted URL passed as the id (jdepoix#589) is a bad link, not a video YouTube lacks.
	if (!VIDEO_ID.test(videoId)) throw new SummaryError("input", INVALID_LINK);
}

function cleanWish(options: FetchTranscriptOptions): TrackWish {
	const languages = [...new Set(options.languages.map((l) => l.trim()).filter((l) => l !== ""))];
	return {
		languages,
		...(options.trackId ? { trackId: options.trackId } : {}),
		...(options.translateTo ? { translateTo: options.translateTo } : {}),
		...(options.anyLanguage ? { anyLanguage: true } : {}),
	};
}

export function usedTrack(choice: TrackChoice): UsedTrack {
	const { track, translateTo, refusedTranslation } = choice;
	if (refusedTranslation) {
		// Said in the label the note shows: the user asked for another language than the one they get.
		const name = `${trackLabel(track)} (YouTube refused the translation into ${refusedTranslation.name})`;
		return { id: track.id, languageCode: track.languageCode, name, kind: track.kind };
	}
	if (!translateTo) return { id: track.id, languageCode: track.languageCode, name: track.name, kind: track.kind };
	return {
		id: track.id,
		languageCode: translateTo.code,
		name: `${translateTo.name} (auto-translated from ${trackLanguage(track)})`,
		kind: "auto-generated",
		translatedFrom: track.languageCode,
	};
}

function transcriptOf(segments: Transcript["segments"], video: VideoInfo): Transcript {
	return { segments, timed: true, format: "youtube", chapters: video.chapters };
}

/** The video's details for the source dialog: title, channel, chapters and the caption tracks to pick from. */
export async function fetchVideoInfo(http: Http, videoId: string, options: { signal?: AbortSignal } = {}): Promise<VideoInfo> {
	checkId(videoId);
	const { signal } = options;
	return lookUpVideo<VideoInfo>(
		http,
		videoId,
		{
			found: ({ player }) => videoInfoFromPlayer(videoId, player),
			whenNothingPlays: async () => {
				const oembed = await fetchOembed(http, videoId, signal);
				return oembed ? { ...bareVideoInfo(videoId), ...oembed } : undefined;
			},
		},
		signal,
	);
}

// ---- cache ----

/** A player response rebuilt from cached details, enough to run the track choice offline. */
function playerFromInfo(video: VideoInfo): PlayerResponse {
	return {
		empty: false,
		isLive: false,
		tracks: video.tracks.map((t) => ({ ...t, baseUrl: "" })),
		translationLanguages: video.translationLanguages,
		chapters: video.chapters,
	};
}

function decisionKey(videoId: string, decision: TrackDecision): string | undefined {
	if (decision.kind !== "native" && decision.kind !== "fallback") return undefined;
	return keyOfUsedTrack(videoId, usedTrack(decision.choice));
}

/** The same transcript the choice would fetch now: the same track, or a translation into the same language. */
function sameTranscript(entry: CachedTranscript, choice: TrackChoice): boolean {
	if (choice.translateTo) return entry.track.translatedFrom !== undefined && entry.track.languageCode === choice.translateTo.code;
	return entry.track.translatedFrom === undefined && entry.track.id === choice.track.id;
}

/**
 * A cached transcript for this wish without asking YouTube: probe the keys the wish most likely leads to;
 * the first entry found brings the video's track list, on which the track choice runs as it would online.
 */
async function cachedWithoutFetching(cache: TranscriptCache, videoId: string, wish: TrackWish): Promise<CachedTranscript | undefined> {
	const probes: string[] = [];
	if (wish.trackId) {
		const { languageCode, kind } = parseTrackId(wish.trackId);
		probes.push(
			wish.translateTo
				? transcriptCacheKey({ videoId, languageCode: wish.translateTo, kind: "auto-generated", translated: true })
				: transcriptCacheKey({ videoId, languageCode, kind, translated: false }),
		);
	} else {
		for (const languageCode of wish.languages) {
			probes.push(
				transcriptCacheKey({ videoId, languageCode, kind: "manual", translated: false }),
				transcriptCacheKey({ videoId, languageCode, kind: "auto-generated", translated: false }),
				transcriptCacheKey({ videoId, languageCode, kind: "auto-generated", translated: true }),
			);
		}
	}
	for (const probe of probes) {
		const found = await cache.get(probe);
		if (!found) continue;
		const decision = chooseTrack(playerFromInfo(found.video), wish);
		if (decision.kind !== "native" && decision.kind !== "fallback") return undefined;
		const key = decisionKey(videoId, decision);
		const entry = key === probe ? found : key ? await cache.get(key) : undefined;
		return entry && sameTranscript(entry, decision.choice) ? entry : undefined;
	}
	return undefined;
}

/**
 * Fetches the captions of a video as a transcript, in the first of `languages` it has (manual captions
 * before auto-generated ones, a translation when none exists), and says which track was used.
 * Throws a SummaryError whose message says what happened and what the user can do.
 */
export async function fetchTranscript(http: Http, videoId: string, options: FetchTranscriptOptions): Promise<FetchedTranscript> {
	checkId(videoId);
	const wish = cleanWish(options);
	const { cache, signal } = options;
	if (cache) {
		const hit = await cachedWithoutFetching(cache, videoId, wish);
		if (hit) return hit;
	}
	const details = async (answer: Answer): Promise<VideoInfo> => {
		const video = videoInfoFromPlayer(videoId, answer.player);
		if (video.title) return video;
		const oembed = await fetchOembed(http, videoId, signal);
		return { ...video, ...oembed };
	};
	return fetchCaptions<FetchedTranscript>(
		http,
		videoId,
		wish,
		{
			cached: async (answer, choice) => {
				const entry = cache ? await cache.get(keyOfUsedTrack(videoId, usedTrack(choice))) : undefined;
				if (!entry || !sameTranscript(entry, choice)) return undefined;
				const video = await details(answer);
				// Chapters the answer lacks were found when the entry was stored: no second lookup for them.
				const chapters = video.chapters.length > 0 ? video.chapters : entry.video.chapters;
				return { ...entry, video: { ...video, chapters }, track: usedTrack(choice) };
			},
			done: async (success) => {
				const video = await details(success);
				const track = usedTrack(success.choice);
				const result = { transcript: transcriptOf(success.segments, video), video, track };
				// A refused translation is not cached: the next run asks for the translation again.
				if (!success.choice.refusedTranslation) await cache?.set(keyOfUsedTrack(videoId, track), result);
				return result;
			},
		},
		signal,
	);
}
