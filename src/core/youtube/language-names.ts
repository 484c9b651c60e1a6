import type { CaptionTrack, TranslationLanguage } from "./player-response";

/** The language part of a code: `en` for `en-GB`, `zh` for `zh-Hans`. */
export function baseLanguage(code: string): string {
	return code.toLowerCase().split(/[-_]/)[0] ?? code.toLowerCase();
}

function displayName(code: string): string | undefined {
	try {
		// Intl.DisplayNames exists in Electron and in iOS Safari 14.1+, but guard: a missing API is no reason to fail.
		const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
		return names.of(code) ?? undefined;
	} catch {
		return undefined;
	}
}

/** A language the user asked for, named as YouTube names it when it can ("German"), else by Intl, else by code. */
export function languageName(code: string, known: readonly TranslationLanguage[] = []): string {
	const exact = known.find((l) => l.code.toLowerCase() === code.toLowerCase());
	return exact?.name ?? displayName(code) ?? code;
}

/**
 * A track as the user should read it in a list: its language as YouTube names it, without the uploader's
 * own track title ("German - deutsch" → "German"), and "(auto-generated)" for automatic captions.
 */
export function trackLabel(track: CaptionTrack): string {
	const name = trackLanguage(track);
	return track.kind === "auto-generated" ? `${name} (auto-generated)` : name;
}

/** The language of a track alone: "German" for "German - deutsch" and for "German (auto-generated)". */
export function trackLanguage(track: CaptionTrack): string {
	let name = track.name.trim();
	if (name.toLowerCase().endsWith("(auto-generated)")) name = name.slice(0, -"(auto-generated)".length).trimEnd();
	const dash = name.indexOf(" - ");
	if (dash > 0) name = name.slice(0, dash);
	return name.trim() || languageName(track.languageCode);
}
