import type { PlayerResponse } from "./player-response";
import type { Problem, ProblemKind } from "./problems";

interface PlayabilityRule {
	kind: ProblemKind;
	/** Matches `playabilityStatus.status`; any status when absent. */
	status?: RegExp;
	/** Matches `playabilityStatus.reason`; any reason when absent. */
	reason?: RegExp;
	/** Matches the reason and the subreason together (YouTube puts some words in the line under the reason). */
	text?: RegExp;
	signal?: Problem["signal"];
}

/**
 * `playabilityStatus` → problem, first match wins. YouTube words its reasons in many ways and changes
 * them, so they live here as data. Reasons are English because every request asks for `hl=en`.
 * The bot check comes first: YouTube sends it as LOGIN_REQUIRED, like private and age-restricted videos;
 * its session rate limit ("This content isn't available, try again later", yt-dlp #12958) comes as
 * "Video unavailable", like a removed video. Premieres and streams that have not begun come as
 * LIVE_STREAM_OFFLINE or as UNPLAYABLE with "Premieres in…" / "This live event will begin in…".
 */
const RULES: readonly PlayabilityRule[] = [
	{ kind: "bot-check", reason: /not a bot|unusual traffic|automated (?:queries|requests)/i },
	{ kind: "bot-check", signal: "rate-limit", text: /content isn['’]t available, try again later/i },
	{ kind: "upcoming", status: /^LIVE_STREAM_OFFLINE$/ },
	{ kind: "upcoming", reason: /^Premieres? (?:in\b|will begin)|live event will begin/i },
	{ kind: "age-restricted", status: /^(?:AGE_CHECK_REQUIRED|AGE_VERIFICATION_REQUIRED)$/ },
	{ kind: "age-restricted", reason: /inappropriate for some users|age-restricted|confirm your age|\bage\b/i },
	{ kind: "private", reason: /\bprivate\b/i },
	{ kind: "premium-only", reason: /\bpremium\b/i },
	{ kind: "members-only", reason: /members[- ]only|join this channel|channel members/i },
	{ kind: "region-blocked", reason: /\bcountry\b|\bregion\b|your location/i },
	{ kind: "unavailable", status: /^ERROR$/ },
];

function matches(rule: PlayabilityRule, player: PlayerResponse): boolean {
	const text = [player.reason, player.subreason].filter(Boolean).join(" ");
	return (
		(!rule.status || rule.status.test(player.status ?? "")) && (!rule.reason || rule.reason.test(player.reason ?? "")) && (!rule.text || rule.text.test(text))
	);
}

/**
 * What a player response says about the video, as a problem; undefined when it plays and lists captions.
 * An answer about another video (ANDROID has done that: iv-org/invidious#4518) is the client's problem.
 */
export function playerProblem(player: PlayerResponse, videoId: string, source: string): Problem | undefined {
	if (player.empty) return { kind: "unavailable", source, note: "empty answer {}" };
	if (player.status === undefined) return { kind: "unparsable", source, note: "no playabilityStatus" };
	const withReason = {
		source,
		...(player.reason ? { reason: player.reason.replace(/\s+/g, " ").trim() } : {}),
		...(player.subreason ? { subreason: player.subreason.replace(/\s+/g, " ").trim() } : {}),
	};
	if (player.status !== "OK") {
		if (player.captcha) return { kind: "bot-check", signal: "captcha", ...withReason };
		const rule = RULES.find((r) => matches(r, player));
		return { kind: rule?.kind ?? "unplayable", ...(rule?.signal ? { signal: rule.signal } : {}), ...withReason };
	}
	if (player.videoId !== undefined && player.videoId !== videoId) return { kind: "wrong-video", source, note: `answered for ${player.videoId}` };
	if (player.tracks.length === 0) return { kind: "no-captions", source, live: player.isLive };
	return undefined;
}
