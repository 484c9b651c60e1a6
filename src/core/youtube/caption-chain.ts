import { throwIfAborted } from "../abort";
import { SummaryError } from "../errors";
import { type Http, type HttpRequest, type HttpResponse, isSuccess } from "../http";
import type { Chapter, Segment } from "../types";
import { captionUrl, isPoTokenGated, isYouTubeCaptionUrl, parseTrackId, trackUrl } from "./caption-tracks";
import { chooseTrack, type TrackChoice, type TrackWish, untranslatedChoice } from "./choose-track";
import { decide, type Decision } from "./decide";
import { initialDataChapters } from "./initial-data-chapters";
import { clientLabel, INNERTUBE_CLIENTS, nextRequest, playerRequest, readVisitorData, visitorIdRequest } from "./innertube-clients";
import { parseJson } from "./json-fields";
import { CANCELLED, problemError } from "./messages";
import { parseCaptionBody, type RawCue } from "./parse-captions";
import { playerProblem } from "./playability";
import { type PlayerResponse, readPlayerResponse } from "./player-response";
import type { Problem } from "./problems";
import { tidyCues } from "./tidy-cues";
import { videoInfoFromPlayer } from "./video-details";
import { DESKTOP_USER_AGENT, extractInitialData, readWatchPage, WATCH_PAGE } from "./watch-page";
import { runYoutubeTranscript, YOUTUBE_TRANSCRIPT } from "./youtube-transcript-step";

/** A player response that played the video, and who gave it. */
export interface Answer {
	player: PlayerResponse;
	source: string;
}

export interface CaptionSuccess extends Answer {
	choice: TrackChoice;
	segments: Segment[];
}

/** What one step found: a player response, or a problem. Undefined when the step had nothing to say. */
type Found = Answer | { problem: Problem };

/** What one caption download found: the captions, or a problem; `refused` when YouTube refused a translation. */
type Download = { segments: Segment[] } | { problem: Problem; refused?: true };

type Step = () => Promise<Found | undefined>;

/** What the dialog's video lookup does with an answer, and its last chance when nothing played (oEmbed). */
export interface LookupGoal<T> {
	found: (answer: Answer) => T;
	whenNothingPlays: () => Promise<T | undefined>;
}

/**
 * What transcript fetching does with a chosen track: `cached` lets the cache answer before any caption body
 * is fetched or chapter looked up (the cached transcript keeps the chapters found when it was stored).
 */
export interface TranscriptGoal<T> {
	cached: (answer: Answer, choice: TrackChoice) => Promise<T | undefined>;
	done: (success: CaptionSuccess) => T | Promise<T>;
}

const CLIENT_LABELS = INNERTUBE_CLIENTS.map(clientLabel);

/** The steps and what they found so far; the two loops below decide nothing themselves but through `decide`. */
class Chain {
	readonly problems: Problem[] = [];
	/** Answers that played the video but had no wanted language natively, for the fallback. */
	readonly fallbacks: { answer: Answer; choice: TrackChoice }[] = [];
	triedFallbacks = 0;
	/** Answers that played the video, captions or not. */
	readonly played: Answer[] = [];
	sawTracks = false;
	/** Caption bodies and parsed results the youtube-transcript step already fetched, by URL. */
	readonly prefetched = new Map<string, HttpResponse>();
	readonly packageCues = new Map<string, RawCue[]>();
	watchPage?: HttpResponse;
	/**
	 * The visitorData every player request of this chain carries, asked once, on the first player request.
	 * Held by the chain, not the TranscriptCache or a module: the cache keeps transcripts the host may
	 * persist to disk, and a module-level value would outlive the session it belongs to and leak between
	 * tests; one extra request per video, beside the five player requests it may save, is cheap.
	 */
	private visitor?: Promise<string | undefined>;
	/** The chapters of the `/next` answer, asked once a transcript is read from an answer without any. */
	private nextData?: Promise<Chapter[]>;

	constructor(
		readonly http: Http,
		readonly videoId: string,
		readonly wish: TrackWish,
		readonly signal?: AbortSignal,
	) {}

	/** The steps in order: the clients, youtube-transcript (for transcripts only), the watch page. */
	steps(withPackage: boolean): Step[] {
		return [...INNERTUBE_CLIENTS.map((client) => () => this.innerTube(client)), ...(withPackage ? [() => this.youtubeTranscript()] : []), () => this.watch()];
	}

	decide(stepsLeft: number): Decision {
		return decide(this.problems, {
			clients: CLIENT_LABELS,
			played: this.played.length > 0,
			listedTracks: this.sawTracks,
			stepsLeft,
			fallbacks: { waiting: this.fallbacks.length, tried: this.triedFallbacks },
		});
	}

	/**
	 * Asks the next step. Null when it gave no answer for this video; else the answer and the problem it has
	 * (none when it plays the video with captions). Problems are noted, and an answer that played without
	 * captions counts as played.
	 */
	async next(steps: Step[]): Promise<{ found: Answer; problem: Problem | null } | null> {
		const step = steps.shift();
		const found = step ? await step() : undefined;
		if (!found) return null;
		if ("problem" in found) {
			this.problems.push(found.problem);
			return null;
		}
		const problem = playerProblem(found.player, this.videoId, found.source);
		if (problem?.kind === "no-captions") this.played.push(found);
		if (problem) this.problems.push(problem);
		return { found, problem: problem ?? null };
	}

	fail(problem: Problem): SummaryError {
		return problemError(problem, this.wish, this.videoId, this.problems);
	}

	/** Runs a request; a network failure is what it found, a cancellation an error. */
	async ask<R>(source: string, request: () => Promise<R>): Promise<{ got: R } | { problem: Problem }> {
		throwIfAborted(this.signal);
		try {
			return { got: await request() };
		} catch (error) {
			if (this.signal?.aborted) throw new SummaryError("cancelled", CANCELLED);
			if (error instanceof SummaryError) throw error;
			return { problem: { kind: "network", source, note: error instanceof Error ? error.message : String(error) } };
		}
	}

	// ---- the steps: each returns what it found ----

	async innerTube(client: (typeof INNERTUBE_CLIENTS)[number]): Promise<Found> {
		const source = clientLabel(client);
		throwIfAborted(this.signal);
		const visitorData = await this.visitorData();
		const asked = await this.ask(source, () => this.http(playerRequest(client, this.videoId, this.signal, visitorData)));
		if ("problem" in asked) return asked;
		const response = asked.got;
		if (response.status === 429) return { problem: { kind: "bot-check", source, signal: "429" } };
		if (!isSuccess(response)) return { problem: { kind: "http", source, status: response.status } };
		const player = readPlayerResponse(parseJson(response.text));
		if (!player) return { problem: { kind: "unparsable", source, note: "not JSON" } };
		return { player, source };
	}

	async youtubeTranscript(): Promise<Found | undefined> {
		const lang = this.packageLanguage();
		if (lang === null) return undefined;
		const asked = await this.ask(YOUTUBE_TRANSCRIPT, () => runYoutubeTranscript(this.http, this.videoId, lang, this.signal));
		if ("problem" in asked) return asked;
		const run = asked.got;
		for (const [url, response] of run.captions) this.prefetched.set(url, response);
		if (run.result) this.packageCues.set(run.result.url, run.result.cues);
		if (run.watchPage) this.watchPage = run.watchPage;
		if (!run.answer) return undefined;
		if ("kind" in run.answer) return { problem: run.answer };
		return { player: run.answer, source: YOUTUBE_TRANSCRIPT };
	}

	async watch(): Promise<Found> {
		const first = this.watchPage;
		const asked = await this.ask(WATCH_PAGE, () => readWatchPage(this.http, this.videoId, this.signal, first));
		if ("problem" in asked) return asked;
		const page = asked.got;
		if ("problem" in page) return { problem: page.problem };
		return { player: page.player, source: WATCH_PAGE };
	}

	/** Downloads and reads the chosen track's captions. */
	async download(answer: Answer, choice: TrackChoice): Promise<Download> {
		const { track } = choice;
		const source = answer.source;
		if (isPoTokenGated(track)) return { problem: { kind: "po-token", source, note: `${track.id} has exp=xpe/xpv` } };
		if (!isYouTubeCaptionUrl(track.baseUrl)) return { problem: { kind: "unparsable", source, note: "caption URL not on youtube.com" } };
		const url = captionUrl(track, choice.translateTo?.code);
		// The package fetched the track's URL as given (its own format), not our pinned one.
		const given = trackUrl(track, choice.translateTo?.code);
		const prefetched = this.prefetched.get(given);
		const asked = prefetched ? { got: prefetched } : await this.ask(source, () => this.http(this.captionRequest(url)));
		if ("problem" in asked) return asked;
		const response = asked.got;
		if (response.status === 429 && choice.translateTo) {
			const note = `translation of ${choice.track.id} into ${choice.translateTo.code} refused`;
			return { problem: { kind: "http", source, status: 429, note }, refused: true };
		}
		if (response.status === 429) return { problem: { kind: "bot-check", source, signal: "429" } };
		if (!isSuccess(response)) return { problem: { kind: "http", source, status: response.status, note: "caption request" } };
		// Without a PO token YouTube answers 200 with nothing in it (FreeTube#7484).
		if (response.text.trim() === "") return { problem: { kind: "empty-captions", source, note: `${track.id} body empty` } };
		const ours = parseCaptionBody(response.text)?.cues;
		if (!ours) return { problem: { kind: "unparsable", source, note: "caption body in no known format" } };
		const segments = this.packageReading(given, tidyCues(ours));
		if (segments.length === 0) return { problem: { kind: "blank-captions", source, note: `${track.id} has no text` } };
		return { segments };
	}

	// ---- what the loops share ----

	/**
	 * Reads a chosen track: from the cache, else downloaded. YouTube refuses translations (`tlang=`) with
	 * 429 more and more often while it serves the original track (yt-dlp #13770, #13831): the video's own
	 * captions then, labelled as such, rather than an error. A gated track waits for the next client, its
	 * ungated sibling among the fallbacks. Undefined (and the problems noted) when no captions came.
	 */
	async readTrack<T>(used: Answer, first: TrackChoice, goal: TranscriptGoal<T>): Promise<T | undefined> {
		let choice: TrackChoice | undefined = first;
		while (choice) {
			const cached = await goal.cached(used, choice);
			if (cached !== undefined) return cached;
			// Chapters are looked up while the captions download; the lookup never fails.
			const [found, answer]: [Download, Answer] = await Promise.all([this.download(used, choice), this.withChapters(used)]);
			if ("segments" in found) return await goal.done({ ...answer, choice, segments: found.segments });
			this.problems.push(found.problem);
			if (found.problem.kind === "po-token") this.keepUngatedChoice(used);
			choice = found.refused ? untranslatedChoice(used.player, this.wish, choice) : undefined;
		}
		return undefined;
	}

	/** The next translation or other language the answers offered, in the order they came. */
	async readFallback<T>(goal: TranscriptGoal<T>): Promise<T | undefined> {
		const next = this.fallbacks.shift();
		if (!next) return undefined;
		this.triedFallbacks++;
		return this.readTrack(next.answer, next.choice, goal);
	}

	/**
	 * The answer used, with chapters when it has none of its own (markers or description): InnerTube
	 * answers rarely carry them, the watch page's ytInitialData does. Those of the first answer that had
	 * any (the watch page's answer among them), else the ytInitialData of a watch page fetched anyway (by
	 * the youtube-transcript step), else the same data asked of `/next`, as yt-dlp does when it has no
	 * page: YouTube's automatic "Key moments" live only there. Chapters are hints, so a `/next` that fails
	 * in any way leaves the answer as it was.
	 */
	private async withChapters(answer: Answer): Promise<Answer> {
		if (this.chaptersOf(answer).length > 0) return answer;
		const lent = this.played.map((a) => this.chaptersOf(a)).find((c) => c.length > 0) ?? (await this.pageChapters());
		return lent.length > 0 ? { ...answer, player: { ...answer.player, chapters: lent } } : answer;
	}

	private chaptersOf(answer: Answer): Chapter[] {
		return videoInfoFromPlayer(this.videoId, answer.player).chapters;
	}

	/** The chapters of the watch page if one was fetched, else of one `/next` call, asked at most once. */
	private pageChapters(): Promise<Chapter[]> {
		const page = this.watchPage;
		if (page && isSuccess(page)) return Promise.resolve(initialDataChapters(extractInitialData(page.text)));
		this.nextData ??= this.http(nextRequest(this.videoId, this.signal)).then(
			(response) => (isSuccess(response) ? initialDataChapters(parseJson(response.text)) : []),
			() => [],
		);
		return this.nextData;
	}

	/** A caption download, with a browser's user agent: YouTube takes requests without one for bots. */
	private captionRequest(url: string): HttpRequest {
		const headers = { "User-Agent": DESKTOP_USER_AGENT, "Accept-Language": "en-US,en;q=0.9" };
		return { url, method: "GET", headers, ...(this.signal ? { signal: this.signal } : {}) };
	}

	/**
	 * A gated track is unavailable on this client only: the next client may hand it out. Should none, the
	 * best track this client offers without a token (say auto-generated instead of gated manual captions)
	 * beats no transcript, so it waits among the fallbacks.
	 */
	private keepUngatedChoice(answer: Answer): void {
		const ungated = { ...answer.player, tracks: answer.player.tracks.filter((t) => !isPoTokenGated(t)) };
		const decision = chooseTrack(ungated, this.wish);
		if (decision.kind === "native" || decision.kind === "fallback") this.fallbacks.push({ answer: { ...answer, player: ungated }, choice: decision.choice });
	}

	/**
	 * youtube-transcript's own reading of a body it fetched, times already in seconds, when it reads the
	 * same as ours. Its srv3 branch keeps only the text inside `<s>` word spans and needs `t` before `d`,
	 * its srv1 branch `start` before `dur`: where that loses words, our reading of the same body is used.
	 */
	private packageReading(url: string, ours: Segment[]): Segment[] {
		const theirs = this.packageCues.get(url);
		if (!theirs) return ours;
		const segments = tidyCues(theirs);
		return JSON.stringify(segments) === JSON.stringify(ours) ? segments : ours;
	}

	/**
	 * A visitorData from `/youtubei/v1/visitor_id`, asked with the first client's context; undefined when
	 * that request fails in any way, and the player requests go without one: it is no problem of the video's.
	 */
	private visitorData(): Promise<string | undefined> {
		const [first] = INNERTUBE_CLIENTS;
		if (!first) return Promise.resolve(undefined);
		this.visitor ??= this.http(visitorIdRequest(first, this.signal)).then(
			(response) => (isSuccess(response) ? readVisitorData(parseJson(response.text)) : undefined),
			() => undefined,
		);
		return this.visitor;
	}

	/** The language the package should ask for: that of the track our choice expects, if any answer showed tracks yet. */
	private packageLanguage(): string | undefined | null {
		const last = this.played.filter((a) => a.player.tracks.length > 0).pop();
		if (last) {
			const decision = chooseTrack(last.player, this.wish);
			// It cannot translate; a translation or another language is for our own fallback.
			return decision.kind === "native" && !decision.choice.translateTo ? decision.choice.track.languageCode : null;
		}
		const picked = this.wish.trackId === undefined ? undefined : parseTrackId(this.wish.trackId).languageCode;
		return picked || this.wish.languages[0];
	}
}

/** A cancellation during the chain is said as one, whatever error it caused. */
async function guarded<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (signal?.aborted && !(error instanceof SummaryError && error.kind === "cancelled")) throw new SummaryError("cancelled", CANCELLED);
		throw error;
	}
}

/**
 * The source dialog's lookup: asks the clients in order, then the watch page, until one plays the video.
 * An answer that plays and lists tracks is enough; one without captions too, once two agree it has none
 * (the dialog wants the title even then); any that played, when nothing better came; else `whenNothingPlays`.
 * Throws a SummaryError that tells the user what happened and what to do.
 */
export function lookUpVideo<T>(http: Http, videoId: string, goal: LookupGoal<T>, signal?: AbortSignal): Promise<T> {
	const chain = new Chain(http, videoId, { languages: [] }, signal);
	return guarded(signal, async () => {
		const steps = chain.steps(false);
		/** The last answer that played without captions. */
		let silent: Answer | undefined;
		for (;;) {
			const decision = chain.decide(steps.length);
			if ("stop" in decision) {
				if (decision.why === "settled" && decision.stop.kind === "no-captions" && silent) return goal.found(silent);
				if (decision.why === "settled") throw chain.fail(decision.stop);
				const played = chain.played[0];
				if (played) return goal.found(played);
				const last = await goal.whenNothingPlays();
				if (last !== undefined) return last;
				throw chain.fail(decision.stop);
			}
			const next = await chain.next(steps);
			if (!next) continue;
			if (!next.problem) return goal.found(next.found);
			if (next.problem.kind === "no-captions") silent = next.found;
		}
	});
}

/**
 * Transcript fetching: asks the clients in order, then youtube-transcript, then the watch page, until one
 * answer's chosen track reads; then the translations and other languages the answers offered.
 * Throws a SummaryError that tells the user what happened and what to do.
 */
export function fetchCaptions<T>(http: Http, videoId: string, wish: TrackWish, goal: TranscriptGoal<T>, signal?: AbortSignal): Promise<T> {
	const chain = new Chain(http, videoId, wish, signal);
	return guarded(signal, async () => {
		const steps = chain.steps(true);
		for (;;) {
			const decision = chain.decide(steps.length);
			if ("stop" in decision) throw chain.fail(decision.stop);
			if (decision.goOn === "fall-back") {
				const read = await chain.readFallback(goal);
				if (read !== undefined) return read;
				continue;
			}
			const next = await chain.next(steps);
			if (!next || next.problem) continue;
			const found = next.found;
			const { player, source } = found;
			chain.played.push(found);
			chain.sawTracks = true;
			const choice = chooseTrack(player, wish);
			if (choice.kind === "gone") {
				chain.problems.push({ kind: "track-gone", source, tracks: player.tracks, translationLanguages: player.translationLanguages });
				continue;
			}
			if (choice.kind === "native") {
				const read = await chain.readTrack(found, choice.choice, goal);
				if (read !== undefined) return read;
				continue;
			}
			if (choice.kind === "fallback") chain.fallbacks.push({ answer: found, choice: choice.choice });
			chain.problems.push({ kind: "no-wanted-track", source, tracks: player.tracks, translationLanguages: player.translationLanguages });
		}
	});
}
