import { hostWords, PLUGIN_WORDS, SummaryError } from "../errors";
import { parseTrackId } from "./caption-tracks";
import { languageName, trackLabel } from "./language-names";
import type { TranslationLanguage } from "./player-response";
import { describeAttempts, type Problem } from "./problems";

/** The path that works whatever YouTube blocks, in the plugin's words; every message about missing captions ends with it, in the host's. */
export const PASTE_INSTEAD = PLUGIN_WORDS.pasteInstead;

function paste(): string {
	return `paste the transcript yourself. ${hostWords().pasteInstead}`;
}

export const INVALID_LINK =
	"That doesn't look like a YouTube video link. Paste a link like youtube.com/watch?v=… or youtu.be/…, or a playlist link (each of its videos gets a note); channels aren't supported.";

export const NO_NETWORK = "Couldn't reach YouTube — check your internet connection.";

export const CANCELLED = "Fetching the captions was cancelled.";

/** `YouTube says: 'reason'.` — YouTube's own words, which users can search for. */
export function youtubeSays(reason: string | undefined): string {
	if (!reason) return "";
	return /[.!?]$/.test(reason) ? `YouTube says: '${reason}' ` : `YouTube says: '${reason}'. `;
}

function blocked(): string {
	return `It is temporarily blocking automated requests from your network (common on VPNs and work networks). Wait a few minutes or turn off the VPN and try again, or ${paste()}`;
}

function listOr(names: string[]): string {
	if (names.length <= 1) return names.join("");
	return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1] ?? ""}`;
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

/** What the user asked for, for the messages that need it. */
export interface Wanted {
	languages: readonly string[];
	trackId?: string;
}

function botMessage(problem: Problem): string {
	if (problem.signal === "429") return `YouTube answered "Too many requests". ${blocked()}`;
	if (problem.signal === "captcha") return `YouTube asked for a captcha to prove you're human. ${blocked()}`;
	if (problem.signal === "rate-limit") {
		const says = youtubeSays(/try again later/i.test(problem.subreason ?? "") ? problem.subreason : problem.reason);
		return `${says}YouTube is rate-limiting requests from your network, usually for up to an hour. Try again later (an hour is safe), or ${paste()}`;
	}
	return `${youtubeSays(problem.reason)}${blocked()}`;
}

/** A track id (`.fr`, `a.en`, `.de.CcQ45jRV4-E`) as the user knows it: "French", "English (auto-generated)". */
function pickedName(trackId: string, known: readonly TranslationLanguage[]): string {
	const { languageCode, kind } = parseTrackId(trackId);
	const name = languageCode ? languageName(languageCode, known) : trackId;
	return kind === "auto-generated" ? `${name} (auto-generated)` : name;
}

function noTrackMessage(problem: Problem, wanted: Wanted): string {
	const known: TranslationLanguage[] = problem.translationLanguages ?? [];
	const available = unique((problem.tracks ?? []).map(trackLabel));
	const has = available.length > 0 ? `This video has: ${available.join(", ")}.` : "";
	if (problem.kind === "track-gone") {
		return `The caption track you picked (${pickedName(wanted.trackId ?? "", known)}) isn't offered for this video any more. ${has} Pick another one, or ${paste()}`;
	}
	const names = unique(wanted.languages.map((code) => languageName(code, known)));
	return `No captions in ${listOr(names)}. ${has} ${hostWords().captionLanguages}, or ${paste()}`;
}

/** The one-line message for a problem: what happened, and what the user can do next. */
export function problemMessage(problem: Problem, wanted: Wanted): string {
	const says = youtubeSays(problem.reason);
	switch (problem.kind) {
		case "bot-check":
			return botMessage(problem);
		case "upcoming":
			return `${says}The video is a premiere or live stream that hasn't started yet, so it has no captions. Try again once it has aired: YouTube adds captions within a few hours after that.`;
		case "age-restricted":
			return `${says}The video is age-restricted, and YouTube shows its captions only to signed-in users. If you can watch it, ${paste()}`;
		case "private":
			return `${says}Only public and unlisted videos can be read. If you have access to it, ${paste()}`;
		case "members-only":
			return `${says}The video is for channel members only. If you are a member, ${paste()}`;
		case "premium-only":
			return `${says}The video needs YouTube Premium. If you have it, ${paste()}`;
		case "region-blocked":
			return `${says}The video is blocked in your region, so its captions can't be fetched from here.`;
		case "unavailable":
			return problem.reason
				? `${says}The video was removed or made private, or the link is wrong; check the link.`
				: "This video is unavailable (removed, or the link is wrong); check the link.";
		case "unplayable":
			return `${youtubeSays(problem.reason ? problem.reason + (problem.subreason ? ` (${problem.subreason})` : "") : undefined)}YouTube won't play this video here. If you can watch it on YouTube, ${paste()}`;
		case "no-captions":
			return problem.live
				? `This is a live stream and YouTube has no captions for it yet. Try again after the stream has ended, or ${paste()}`
				: `This video has no captions on YouTube (the uploader turned them off or never added any). If YouTube still shows a transcript, ${paste()}`;
		case "no-wanted-track":
		case "track-gone":
			return noTrackMessage(problem, wanted).replace(/\s{2,}/g, " ");
		case "po-token":
		case "empty-captions":
			return `YouTube now requires a browser check to download these captions. Update ${hostWords().app}, or ${paste()}`;
		case "blank-captions":
			// YouTube holding captions back and a track that is really empty look the same from here.
			return `YouTube sent these captions without any text: the track may be empty, or YouTube may be holding captions back from ${hostWords().app}. Try another caption language, update ${hostWords().app}, or ${paste()}`;
		case "consent":
			return `YouTube asked for cookie consent, and ${hostWords().app} couldn't give it. Try again later, or ${paste()}`;
		case "http":
			if ((problem.status ?? 0) >= 500) return `YouTube's servers answered with an error (HTTP ${problem.status}). Try again in a few minutes, or ${paste()}`;
			return `YouTube changed something, so the captions couldn't be read (HTTP ${problem.status}). Update ${hostWords().app} (or report it with the video link), or ${paste()}`;
		case "wrong-video":
		case "unparsable":
			return `YouTube changed something, so the captions couldn't be read. Update ${hostWords().app} (or report it with the video link), or ${paste()}`;
		case "network":
			return NO_NETWORK;
	}
}

export function problemError(problem: Problem, wanted: Wanted, videoId: string, attempts: readonly Problem[]): SummaryError {
	return new SummaryError(problem.kind === "network" ? "network" : "youtube", problemMessage(problem, wanted), describeAttempts(videoId, attempts));
}
