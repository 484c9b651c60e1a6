import { describe, expect, it } from "vitest";

import { type ChainState, decide, type Decision } from "../../../src/core/youtube/decide";
import type { Problem, ProblemKind } from "../../../src/core/youtube/problems";

const CLIENTS = ["IOS", "ANDROID", "VISIONOS"];

/** A problem of `kind` from `source` (a client label or another step). */
function p(kind: ProblemKind, source = "IOS"): Problem {
	return { kind, source };
}

function state(over: Partial<ChainState> = {}): ChainState {
	return { clients: CLIENTS, played: false, listedTracks: false, stepsLeft: 3, fallbacks: { waiting: 0, tried: 0 }, ...over };
}

/** What a decision says, short: "go-on", "fall-back", "stop settled <kind> from <source>", "stop exhausted …". */
function said(decision: Decision): string {
	if ("goOn" in decision) return decision.goOn === "next-step" ? "go-on" : "fall-back";
	return `stop ${decision.why} ${decision.stop.kind} from ${decision.stop.source}`;
}

const CASES: { name: string; problems: Problem[]; state?: Partial<ChainState>; expected: string }[] = [
	{ name: "nothing found yet", problems: [], expected: "go-on" },
	{ name: "a final kind stops at once", problems: [p("private")], expected: "stop settled private from IOS" },
	{ name: "a final kind after others", problems: [p("http"), p("age-restricted", "ANDROID")], expected: "stop settled age-restricted from ANDROID" },
	{ name: "one client's bot check goes on", problems: [p("bot-check")], expected: "go-on" },
	{ name: "a bot check from the package is no client's", problems: [p("bot-check"), p("bot-check", "ANDROID"), p("bot-check", "pkg")], expected: "go-on" },
	{
		name: "every client refused: the last bot check",
		problems: [p("bot-check"), p("bot-check", "ANDROID"), p("bot-check", "VISIONOS")],
		expected: "stop settled bot-check from VISIONOS",
	},
	{ name: "one client unavailable goes on", problems: [p("unavailable")], expected: "go-on" },
	{ name: "two clients agree it is unavailable", problems: [p("unavailable"), p("unavailable", "ANDROID")], expected: "stop settled unavailable from IOS" },
	{ name: "unavailable means nothing once one played", problems: [p("unavailable"), p("unavailable", "ANDROID")], state: { played: true }, expected: "go-on" },
	{ name: "unplayable and unavailable do not agree", problems: [p("unplayable"), p("unavailable", "ANDROID")], expected: "go-on" },
	{
		name: "two agree on no captions",
		problems: [p("no-captions"), p("no-captions", "ANDROID")],
		state: { played: true },
		expected: "stop settled no-captions from IOS",
	},
	{
		name: "no captions means nothing once one listed tracks",
		problems: [p("no-captions"), p("no-captions", "ANDROID")],
		state: { listedTracks: true },
		expected: "go-on",
	},
	{ name: "two network failures", problems: [p("network"), p("network", "ANDROID")], expected: "stop settled network from IOS" },
	{ name: "http never agrees", problems: [p("http"), p("http", "ANDROID"), p("http", "VISIONOS")], expected: "go-on" },
	{ name: "one answer without the language goes on", problems: [p("no-wanted-track")], state: { fallbacks: { waiting: 1, tried: 0 } }, expected: "go-on" },
	{
		name: "two without the language, nothing to fall back on: the last of them",
		problems: [p("po-token"), p("no-wanted-track", "ANDROID"), p("no-wanted-track", "VISIONOS")],
		expected: "stop settled no-wanted-track from VISIONOS",
	},
	{
		name: "two without the language, a translation waiting",
		problems: [p("no-wanted-track"), p("no-wanted-track", "ANDROID")],
		state: { fallbacks: { waiting: 1, tried: 0 } },
		expected: "fall-back",
	},
	{
		name: "two without the language, the translations failed: the most telling",
		problems: [p("no-wanted-track"), p("no-wanted-track", "ANDROID"), p("empty-captions")],
		state: { fallbacks: { waiting: 0, tried: 1 } },
		expected: "stop settled empty-captions from IOS",
	},
	{
		name: "an agreement outranks the missing language",
		problems: [p("no-wanted-track"), p("network", "ANDROID"), p("no-wanted-track", "VISIONOS"), p("network")],
		state: { fallbacks: { waiting: 1, tried: 1 } },
		expected: "stop settled network from ANDROID",
	},
	{ name: "steps left: go on", problems: [p("http"), p("po-token", "ANDROID")], state: { stepsLeft: 1 }, expected: "go-on" },
	{
		name: "no step left, a fallback waiting",
		problems: [p("no-wanted-track")],
		state: { stepsLeft: 0, fallbacks: { waiting: 1, tried: 0 } },
		expected: "fall-back",
	},
	{
		name: "all tried: the most telling",
		problems: [p("http"), p("po-token", "ANDROID"), p("unavailable", "VISIONOS")],
		state: { stepsLeft: 0, played: true },
		expected: "stop exhausted po-token from ANDROID",
	},
	{ name: "all tried, nothing said", problems: [], state: { stepsLeft: 0 }, expected: "stop exhausted unparsable from all" },
];

describe("decide: stop (with which problem) or go on, from the problems so far", () => {
	it.each(CASES)("$name", ({ problems, state: over, expected }) => {
		expect(said(decide(problems, state(over)))).toBe(expected);
	});
});
