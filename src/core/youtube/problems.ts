import type { CaptionTrack, TranslationLanguage } from "./player-response";

/** Why one client, page or caption request gave no transcript. */
export type ProblemKind =
	| "bot-check"
	| "upcoming"
	| "age-restricted"
	| "private"
	| "members-only"
	| "premium-only"
	| "region-blocked"
	| "unavailable"
	| "unplayable"
	| "no-captions"
	| "no-wanted-track"
	| "track-gone"
	| "po-token"
	| "empty-captions"
	| "blank-captions"
	| "consent"
	| "wrong-video"
	| "unparsable"
	| "http"
	| "network";

export interface Problem {
	kind: ProblemKind;
	/** Which client or page: "IOS 21.26.4", "watch page", for the debug line. */
	source: string;
	/** YouTube's own words, kept for the user. */
	reason?: string;
	subreason?: string;
	/** HTTP status, for "http". */
	status?: number;
	/** "no-captions": the video is live right now. */
	live?: boolean;
	/** "bot-check": how it showed: HTTP 429, a captcha, or YouTube's "try again later" (a session rate limit). */
	signal?: "429" | "captcha" | "rate-limit";
	/** "no-wanted-track" / "track-gone": what this client offered. */
	tracks?: CaptionTrack[];
	translationLanguages?: TranslationLanguage[];
	/** Free text for the debug line. */
	note?: string;
}

/**
 * Problems that hold for every client, because they come from the video, not from the client asked:
 * asking the next client only adds requests.
 */
const FINAL = new Set<ProblemKind>(["upcoming", "age-restricted", "private", "members-only", "premium-only", "region-blocked"]);

/**
 * The bot check (and a 429) is not among them: YouTube often refuses one client and serves the next, and
 * yt-dlp keeps asking the remaining clients. It settles the matter only once every client has refused.
 */
export function everyClientRefused(problems: readonly Problem[], clients: readonly string[]): boolean {
	const refused = new Set(problems.filter((p) => p.kind === "bot-check").map((p) => p.source));
	return clients.length > 0 && clients.every((client) => refused.has(client));
}

/**
 * Problems one client can be wrong about (a client that lacks a video, hides its captions, or cannot reach
 * us): taken as the truth once this many clients agree. Two, because a single client has been wrong on its
 * own (VISIONOS "not available" while ANDROID plays the video; ANDROID omitting tracks), and asking every
 * client for a video that has no captions costs six requests for the same answer.
 */
export const AGREEMENT: Partial<Record<ProblemKind, number>> = {
	unavailable: 2,
	unplayable: 2,
	"no-captions": 2,
	"track-gone": 2,
	network: 2,
};

export function isFinal(problem: Problem): boolean {
	return FINAL.has(problem.kind);
}

/** The problem the clients agree on, once enough of them do. */
export function agreedProblem(problems: readonly Problem[]): Problem | undefined {
	for (const problem of problems) {
		const needed = AGREEMENT[problem.kind];
		if (needed !== undefined && problems.filter((p) => p.kind === problem.kind).length >= needed) return problem;
	}
	return undefined;
}

/**
 * When every step failed, the problem that tells the user most: that captions exist but are locked beats
 * that a language is missing, which beats what a single client said about the video, which beats a
 * client's malfunction. A network failure counts only when nothing answered at all.
 */
const PRIORITY: readonly ProblemKind[] = [
	"bot-check",
	"upcoming",
	"age-restricted",
	"private",
	"members-only",
	"premium-only",
	"region-blocked",
	"po-token",
	"empty-captions",
	"blank-captions",
	"track-gone",
	"no-wanted-track",
	"no-captions",
	"unplayable",
	"unavailable",
	"consent",
	"wrong-video",
	"unparsable",
	"http",
	"network",
];

export function mostTelling(problems: readonly Problem[]): Problem | undefined {
	for (const kind of PRIORITY) {
		const found = problems.find((p) => p.kind === kind);
		if (found) return found;
	}
	return undefined;
}

/** One line per attempt, for "copy debug info". */
export function describeAttempts(videoId: string, problems: readonly Problem[]): string {
	const lines = problems.map((p) => {
		const bits = [
			p.kind,
			p.status !== undefined ? `HTTP ${p.status}` : "",
			p.reason ? `"${p.reason}"` : "",
			p.subreason ? `(${p.subreason})` : "",
			p.note ?? "",
		].filter(Boolean);
		return `${p.source}: ${bits.join(" ")}`;
	});
	return [`YouTube video ${videoId}`, ...lines].join("\n");
}
