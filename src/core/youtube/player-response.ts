import type { Chapter } from "../types";
import { asArray, asNumber, asObject, asString, field, readText } from "./json-fields";

/** A caption track as one player response lists it. `baseUrl` is signed and expires: never store it. */
export interface CaptionTrack {
	/** `vssId` (`.en`, `a.en`, `.de.CcQ45jRV4-E`): the same on every client, so a user's pick survives a client switch. */
	id: string;
	baseUrl: string;
	languageCode: string;
	/** As YouTube names it in `hl=en`: "English (auto-generated)", "German - deutsch". */
	name: string;
	kind: "manual" | "auto-generated";
	translatable: boolean;
}

export interface TranslationLanguage {
	code: string;
	name: string;
}

/** The part of an InnerTube `/player` response (or the watch page's `ytInitialPlayerResponse`) we read. */
export interface PlayerResponse {
	/** `{}`: what YouTube answers for an id that never existed. */
	empty: boolean;
	status?: string;
	reason?: string;
	/** `errorScreen…subreason`, the line YouTube shows under the reason. */
	subreason?: string;
	videoId?: string;
	title?: string;
	author?: string;
	lengthSeconds?: number;
	isLive: boolean;
	/** A premiere or live stream that has not started (`videoDetails.isUpcoming`). */
	isUpcoming?: boolean;
	/** YouTube asks for a captcha before playing (`errorScreen.playerCaptchaViewModel`, as yt-dlp reads it). */
	captcha?: boolean;
	description?: string;
	/** `publishDate` from the microformat, which only the web answers carry. */
	published?: string;
	tracks: CaptionTrack[];
	translationLanguages: TranslationLanguage[];
	/** YouTube's hint which track to translate from. */
	translationSourceIndex?: number;
	/** Chapter markers, when the response carries them. */
	chapters: Chapter[];
}

function trackId(vssId: string | undefined, languageCode: string, kind: CaptionTrack["kind"]): string {
	return vssId ?? `${kind === "auto-generated" ? "a" : ""}.${languageCode}`;
}

function readTrack(value: unknown): CaptionTrack | undefined {
	const baseUrl = asString(field(value, "baseUrl"));
	const languageCode = asString(field(value, "languageCode"));
	if (!baseUrl || !languageCode) return undefined;
	const vssId = asString(field(value, "vssId"));
	// `kind` is the documented mark; the `a.` prefix of vssId says the same where `kind` is missing.
	const kind = asString(field(value, "kind")) === "asr" || vssId?.startsWith("a.") ? "auto-generated" : "manual";
	return {
		id: trackId(vssId, languageCode, kind),
		baseUrl,
		languageCode,
		name: readText(field(value, "name")) ?? languageCode,
		kind,
		translatable: field(value, "isTranslatable") === true,
	};
}

function readSubreason(status: unknown): string | undefined {
	const runs = asArray(field(status, "errorScreen", "playerErrorMessageRenderer", "subreason", "runs"))
		.map((run) => asString(field(run, "text")))
		.filter((text): text is string => text !== undefined && text !== "");
	if (runs.length === 0) return readText(field(status, "errorScreen", "playerErrorMessageRenderer", "subreason"));
	// Runs split a sentence where a link starts ("…please " + "sign in" + "."): join those as they are, and
	// separate runs that are whole lines of their own.
	return runs.reduce((joined, run) => (/\s$/.test(joined) || /^[\s.,;:!?]/.test(run) ? joined + run : `${joined}; ${run}`));
}

function readChapterMarkers(json: unknown): Chapter[] {
	// Where chapter markers appear (the web's player bar), they sit in `markersMap` under a renderer whose
	// nesting changes between clients, so look for them wherever they are rather than by one path.
	const found: Chapter[] = [];
	const visit = (value: unknown, depth: number): void => {
		if (depth > 12 || found.length > 500) return;
		if (Array.isArray(value)) {
			for (const item of value) visit(item, depth + 1);
			return;
		}
		const object = asObject(value);
		if (!object) return;
		const chapter = asObject(object["chapterRenderer"]);
		if (chapter) {
			const title = readText(chapter["title"]);
			const startMs = asNumber(chapter["timeRangeStartMillis"]);
			if (title !== undefined && startMs !== undefined) found.push({ start: startMs / 1000, title: title.trim() });
			return;
		}
		for (const key of Object.keys(object)) visit(object[key], depth + 1);
	};
	visit(field(json, "playerOverlays"), 0);
	visit(field(json, "markersMap"), 0);
	return found.sort((a, b) => a.start - b.start);
}

/** Reads a player response; undefined when `json` is not an object at all. */
export function readPlayerResponse(json: unknown): PlayerResponse | undefined {
	const root = asObject(json);
	if (!root) return undefined;
	const status = root["playabilityStatus"];
	const details = root["videoDetails"];
	const captions = field(root, "captions", "playerCaptionsTracklistRenderer");
	const published =
		asString(field(root, "microformat", "playerMicroformatRenderer", "publishDate")) ??
		asString(field(root, "microformat", "playerMicroformatRenderer", "uploadDate"));
	return {
		empty: Object.keys(root).length === 0,
		status: asString(field(status, "status")),
		reason: asString(field(status, "reason")) ?? readText(field(status, "errorScreen", "playerErrorMessageRenderer", "reason")),
		subreason: readSubreason(status),
		videoId: asString(field(details, "videoId")),
		title: asString(field(details, "title")),
		author: asString(field(details, "author")),
		lengthSeconds: asNumber(field(details, "lengthSeconds")),
		isLive: field(details, "isLive") === true,
		isUpcoming: field(details, "isUpcoming") === true,
		captcha:
			asObject(field(status, "errorScreen", "playerCaptchaViewModel")) !== undefined ||
			asObject(field(status, "errorScreen", "playerErrorMessageRenderer", "playerCaptchaViewModel")) !== undefined,
		description: asString(field(details, "shortDescription")),
		published,
		tracks: asArray(field(captions, "captionTracks"))
			.map(readTrack)
			.filter((track): track is CaptionTrack => track !== undefined),
		translationLanguages: asArray(field(captions, "translationLanguages")).flatMap((language) => {
			const code = asString(field(language, "languageCode"));
			return code ? [{ code, name: readText(field(language, "languageName")) ?? code }] : [];
		}),
		translationSourceIndex: asNumber(asArray(field(captions, "defaultTranslationSourceTrackIndices"))[0]),
		chapters: readChapterMarkers(root),
	};
}
