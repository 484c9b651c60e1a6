import type { PlayerResponse } from "./player-response";
import type { Problem, ProblemKind } from "./problems";

interface PlayabilityRule {
	kind: ProblemKind;
	/** Matches `playabilityStatus.status`; any status when absent. */
	status?: RegExp;
	/** Matches `playabilityStatus.reason`; any reason when absent. */
	reason?: RegExp;
}

/**
 * `playabilityStatus` → problem, first match wins. YouTube words its reasons in many ways and changes
 * them, so they live here as data. Reasons are English because every request asks for `hl=en`.
 * The bot check comes first: YouTube sends it as LOGIN_REQUIRED, like private and age-restricted videos.
 */
const RULES: readonly PlayabilityRule[] = [
	{ kind: "bot-check", reason: /not a bot|unusual traffic|automated (?:queries|requests)/i },
	{ kind: "age-restricted", status: /^(?:AGE_CHECK_REQUIRED|AGE_VERIFICATION_REQUIRED)$/ },
	{ kind: "age-restricted", reason: /inappropriate for some users|age-restricted|confirm your age|\bage\b/i },
	{ kind: "private", reason: /\bprivate\b/i },
	{ kind: "premium-only", reason: /\bpremium\b/i },
	{ kind: "members-only", reason: /members[- ]only|join this channel|channel members/i },
	{ kind: "region-blocked", reason: /\bcountry\b|\bregion\b|your location/i },
	{ kind: "unavailable", status: /^ERROR$/ },
];

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
		const rule = RULES.find((r) => (!r.status || r.status.test(player.status ?? "")) && (!r.reason || r.reason.test(player.reason ?? "")));
		return { kind: rule?.kind ?? "unplayable", ...withReason };
	}
	if (player.videoId !== undefined && player.videoId !== videoId) return { kind: "wrong-video", source, note: `answered for ${player.videoId}` };
	if (player.tracks.length === 0) return { kind: "no-captions", source, live: player.isLive };
	return undefined;
}
