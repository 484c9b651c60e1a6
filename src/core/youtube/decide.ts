import { agreedProblem, everyClientRefused, isFinal, mostTelling, type Problem } from "./problems";

/** Two answers without the wanted language are taken as the truth: then the fallback (translation, other language) is used. */
export const NO_TRACK_AGREEMENT = 2;

/** What the chain knows besides its problems, all of it counts. */
export interface ChainState {
	/** Every InnerTube client's label: a bot check settles the matter once all of them refused. */
	clients: readonly string[];
	/** Some answer played the video: a client's "unavailable" or "unplayable" means nothing any more. */
	played: boolean;
	/** Some answer listed caption tracks: a client's "no captions" means nothing any more. */
	listedTracks: boolean;
	/** Steps (clients, youtube-transcript, watch page) not asked yet. */
	stepsLeft: number;
	/** Translations and other languages (and ungated tracks) waiting to be read, and how many were read already. */
	fallbacks: { waiting: number; tried: number };
}

/**
 * - stop: with the problem whose message the user gets; "settled" when the problems settle the matter,
 *   "exhausted" when every step and fallback was tried (the dialog still shows a video that played).
 * - go-on: ask the next step. fall-back: read the next waiting translation or other language.
 */
export type Decision = { stop: Problem; why: "settled" | "exhausted" } | { goOn: "next-step" | "fall-back" };

const NO_ANSWER: Problem = { kind: "unparsable", source: "all", note: "no answer" };

/** A client's "unavailable" means nothing once another client played the video; "no captions" nothing once one listed tracks. */
function counts(problem: Problem, state: ChainState): boolean {
	if (problem.kind === "unavailable" || problem.kind === "unplayable") return !state.played;
	if (problem.kind === "no-captions") return !state.listedTracks;
	return true;
}

/** From every problem so far and what is left to try: stop (and with which problem), or go on. Pure. */
export function decide(problems: readonly Problem[], state: ChainState): Decision {
	const final = problems.find(isFinal);
	if (final) return { stop: final, why: "settled" };
	// A bot check on one client is that client's; once every client refused, the page and the package would be refused too.
	if (everyClientRefused(problems, state.clients)) {
		const last = problems.filter((p) => p.kind === "bot-check").pop();
		if (last) return { stop: last, why: "settled" };
	}
	const agreed = agreedProblem(problems.filter((p) => counts(p, state)));
	if (agreed) return { stop: agreed, why: "settled" };
	const missing = problems.filter((p) => p.kind === "no-wanted-track");
	const lastMissing = missing[missing.length - 1];
	if (lastMissing && missing.length >= NO_TRACK_AGREEMENT) {
		// Enough answers lack the wanted language: the translations and other languages they offered, else the missing language.
		if (state.fallbacks.waiting > 0) return { goOn: "fall-back" };
		if (state.fallbacks.tried > 0) return { stop: mostTelling(problems) ?? lastMissing, why: "settled" };
		return { stop: lastMissing, why: "settled" };
	}
	if (state.stepsLeft > 0) return { goOn: "next-step" };
	if (state.fallbacks.waiting > 0) return { goOn: "fall-back" };
	return { stop: mostTelling(problems) ?? NO_ANSWER, why: "exhausted" };
}
