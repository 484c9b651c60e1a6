import { baseLanguage, languageName } from "./language-names";
import type { CaptionTrack, PlayerResponse, TranslationLanguage } from "./player-response";

export interface TrackWish {
	/** Preferred languages, best first (`["de", "en"]`). Empty: whatever the video has. */
	languages: readonly string[];
	/** A track the user picked (`CaptionTrackInfo.id`): exactly that one, or nothing. */
	trackId?: string;
	/** With `trackId`: have YouTube translate the picked track into this language. */
	translateTo?: string;
	/** When no wanted language exists and none can be translated to, take the video's own captions instead of failing. */
	anyLanguage?: boolean;
}

export interface TrackChoice {
	track: CaptionTrack;
	translateTo?: TranslationLanguage;
	/** YouTube refused to translate into this language (429 on `tlang=`), so the track is read as it is. */
	refusedTranslation?: TranslationLanguage;
}

/**
 * - native: a wanted language as the video has it, or the picked track: nothing better exists elsewhere.
 * - fallback: a translation or another language; used only once other clients had no native track either.
 * - none: no wanted language, nothing to translate to. gone: the picked track is not offered.
 */
export type TrackDecision = { kind: "native" | "fallback"; choice: TrackChoice } | { kind: "none" } | { kind: "gone" };

const sameCode = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameBase = (a: string, b: string) => baseLanguage(a) === baseLanguage(b);

/**
 * For each wanted language in order: manual in exactly that code, manual in a regional or base form of
 * it (`en-GB` for `en`, `en` for `en-US`), then auto-generated in either. Manual captions first because
 * people wrote them; a listed order of tracks means nothing (YouTube lists them alphabetically by code).
 */
export function nativeTrack(tracks: readonly CaptionTrack[], languages: readonly string[]): CaptionTrack | undefined {
	const tests: ((t: CaptionTrack, lang: string) => boolean)[] = [
		(t, lang) => t.kind === "manual" && sameCode(t.languageCode, lang),
		(t, lang) => t.kind === "manual" && sameBase(t.languageCode, lang),
		(t, lang) => t.kind === "auto-generated" && sameCode(t.languageCode, lang),
		(t, lang) => t.kind === "auto-generated" && sameBase(t.languageCode, lang),
	];
	for (const lang of languages) {
		for (const test of tests) {
			const found = tracks.find((t) => test(t, lang));
			if (found) return found;
		}
	}
	return undefined;
}

/**
 * The track to translate from: YouTube's own hint first (`defaultTranslationSourceTrackIndices`), then the
 * auto-generated track, which is in the language spoken, then the first manual one. Never a track already
 * in the target language: "tlang=lang returns damaged subtitles" (yt-dlp).
 */
function translationSource(player: PlayerResponse, target: string): CaptionTrack | undefined {
	const hinted = player.translationSourceIndex === undefined ? undefined : player.tracks[player.translationSourceIndex];
	const candidates = [hinted, player.tracks.find((t) => t.kind === "auto-generated"), player.tracks.find((t) => t.kind === "manual"), ...player.tracks];
	return candidates.find((t): t is CaptionTrack => t !== undefined && t.translatable && !sameBase(t.languageCode, target));
}

function offeredTranslation(player: PlayerResponse, lang: string): TranslationLanguage | undefined {
	return player.translationLanguages.find((l) => sameCode(l.code, lang)) ?? player.translationLanguages.find((l) => sameBase(l.code, lang));
}

export function chooseTrack(player: PlayerResponse, wish: TrackWish): TrackDecision {
	const { tracks } = player;
	if (wish.trackId !== undefined) {
		const track = tracks.find((t) => t.id === wish.trackId);
		if (!track) return { kind: "gone" };
		const target = wish.translateTo;
		// The user asked for this translation: trust it even when this client's list of languages is short.
		if (target && track.translatable && !sameBase(track.languageCode, target)) {
			const translateTo = offeredTranslation(player, target) ?? { code: target, name: languageName(target) };
			return { kind: "native", choice: { track, translateTo } };
		}
		return { kind: "native", choice: { track } };
	}
	const native = nativeTrack(tracks, wish.languages);
	if (native) return { kind: "native", choice: { track: native } };
	for (const lang of wish.languages) {
		const translateTo = offeredTranslation(player, lang);
		const source = translateTo && translationSource(player, translateTo.code);
		if (translateTo && source) return { kind: "fallback", choice: { track: source, translateTo } };
	}
	const own = tracks.find((t) => t.kind === "manual") ?? tracks[0];
	if (own && wish.languages.length === 0) return { kind: "native", choice: { track: own } };
	if (own && wish.anyLanguage) return { kind: "fallback", choice: { track: own } };
	return { kind: "none" };
}

/**
 * When YouTube refuses a translation (429 on `tlang=` while the original track is served: yt-dlp #13770,
 * #13831), the video's own captions: in the user's next preferred language if it has them, else the track
 * the translation was to come from.
 */
export function untranslatedChoice(player: PlayerResponse, wish: TrackWish, refused: TrackChoice): TrackChoice | undefined {
	const target = refused.translateTo;
	if (!target) return undefined;
	const others = wish.languages.filter((lang) => !sameBase(lang, target.code));
	const track = nativeTrack(player.tracks, others) ?? refused.track;
	return { track, refusedTranslation: target };
}
