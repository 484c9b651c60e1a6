import { throwIfAborted } from "../abort";
import { SummaryError } from "../errors";
import { type Http, type HttpRequest, type HttpResponse, isSuccess } from "../http";
import type { Chapter, Segment } from "../types";
import { captionUrl, isPoTokenGated, isYouTubeCaptionUrl, parseTrackId } from "./caption-tracks";
import { chooseTrack, type TrackChoice, type TrackWish, untranslatedChoice } from "./choose-track";
import { initialDataChapters } from "./initial-data-chapters";
import { clientLabel, INNERTUBE_CLIENTS, playerRequest, readVisitorData, visitorIdRequest } from "./innertube-clients";
import { parseJson } from "./json-fields";
import { CANCELLED, problemError } from "./messages";
import { parseCaptionBody, type RawCue } from "./parse-captions";
import { playerProblem } from "./playability";
import { type PlayerResponse, readPlayerResponse } from "./player-response";
import { agreedProblem, AGREEMENT, everyClientRefused, isFinal, mostTelling, type Problem } from "./problems";
import { tidyCues } from "./tidy-cues";
import { videoInfoFromPlayer } from "./video-details";
import { extractInitialData, readWatchPage, WATCH_PAGE } from "./watch-page";
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

/**
 * How one answer is used. For the source dialog an answer that plays and lists tracks is enough; for a
 * transcript the chain goes on to choose a track and read it. `beforeFetch` lets the cache answer once
 * the track is known, so no caption body is fetched for a transcript we already have.
 */
export interface ChainGoal<T> {
	kind: "info" | "transcript";
	wish: TrackWish;
	beforeFetch?: (answer: Answer, choice: TrackChoice) => Promise<T | undefined>;
	done: (success: CaptionSuccess) => T | Promise<T>;
	/** For "info": the answer to return. */
	found?: (answer: Answer) => T;
	/** Last chance when no step played the video and nothing settled why (oEmbed for the dialog). */
	whenNothingPlays?: () => Promise<T | undefined>;
}

/** Two answers without the wanted language are taken as the truth: then the fallback (translation, other language) is used. */
const NO_TRACK_AGREEMENT = 2;
const NO_CAPTIONS_AGREEMENT = AGREEMENT["no-captions"] ?? 2;
const CLIENT_LABELS = INNERTUBE_CLIENTS.map(clientLabel);

class Chain<T> {
	readonly problems: Problem[] = [];
	/** Answers that played the video but had no wanted language natively, for the fallback. */
	readonly fallbacks: { answer: Answer; choice: TrackChoice }[] = [];
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

	constructor(
		readonly http: Http,
		readonly videoId: string,
		readonly goal: ChainGoal<T>,
		readonly signal?: AbortSignal,
	) {}

	fail(problem: Problem): SummaryError {
		return problemError(problem, this.goal.wish, this.videoId, this.problems);
	}

	/** Records a problem; throws when it settles the matter for every client. */
	record(problem: Problem): void {
		this.problems.push(problem);
		if (isFinal(problem)) throw this.fail(problem);
		// A bot check on one client is that client's; once every client refused, the page and the package would be refused too.
		if (problem.kind === "bot-check" && everyClientRefused(this.problems, CLIENT_LABELS)) throw this.fail(problem);
		const agreed = agreedProblem(this.problems.filter((p) => this.counts(p)));
		if (agreed) throw this.fail(agreed);
	}

	/** A client's "unavailable" means nothing once another client played the video; "no captions" nothing once one listed tracks. */
	private counts(problem: Problem): boolean {
		if (problem.kind === "unavailable" || problem.kind === "unplayable") return this.played.length === 0;
		if (problem.kind === "no-captions") return !this.sawTracks;
		return true;
	}

	/** Runs a request; a network failure becomes a problem, a cancellation an error. */
	async ask<R>(source: string, request: () => Promise<R>): Promise<R | undefined> {
		throwIfAborted(this.signal);
		try {
			return await request();
		} catch (error) {
			if (this.signal?.aborted) throw new SummaryError("cancelled", CANCELLED);
			if (error instanceof SummaryError) throw error;
			this.record({ kind: "network", source, note: error instanceof Error ? error.message : String(error) });
			return undefined;
		}
	}

	/** One player response from one step: the transcript, the info, or undefined to go on. */
	async use(player: PlayerResponse, source: string): Promise<T | undefined> {
		const problem = playerProblem(player, this.videoId, source);
		if (problem?.kind === "no-captions") {
			this.played.push({ player, source });
			// The dialog wants the title even of a video without captions, once two clients agree it has none.
			if (this.goal.kind === "info") {
				this.problems.push(problem);
				const agreeing = this.problems.filter((p) => p.kind === "no-captions").length;
				return agreeing >= NO_CAPTIONS_AGREEMENT && !this.sawTracks ? this.goal.found?.({ player, source }) : undefined;
			}
		}
		if (problem) {
			this.record(problem);
			return undefined;
		}
		const answer = { player, source };
		this.played.push(answer);
		this.sawTracks = true;
		if (this.goal.kind === "info") return this.goal.found?.(answer);
		const decision = chooseTrack(player, this.goal.wish);
		if (decision.kind === "gone") {
			this.record({ kind: "track-gone", source, tracks: player.tracks, translationLanguages: player.translationLanguages });
			return undefined;
		}
		if (decision.kind === "native") return this.read(answer, decision.choice);
		if (decision.kind === "fallback") this.fallbacks.push({ answer, choice: decision.choice });
		const missing: Problem = { kind: "no-wanted-track", source, tracks: player.tracks, translationLanguages: player.translationLanguages };
		this.record(missing);
		if (this.problems.filter((p) => p.kind === "no-wanted-track").length < NO_TRACK_AGREEMENT) return undefined;
		if (this.fallbacks.length === 0) throw this.fail(missing);
		const fallen = await this.fallBack();
		if (fallen !== undefined) return fallen;
		throw this.fail(mostTelling(this.problems) ?? missing);
	}

	/** Tries the translations and other languages the answers offered, in the order they came. */
	async fallBack(): Promise<T | undefined> {
		while (this.fallbacks.length > 0) {
			const next = this.fallbacks.shift();
			if (!next) break;
			const result = await this.read(next.answer, next.choice);
			if (result !== undefined) return result;
		}
		return undefined;
	}

	/** Reads the chosen track's captions; undefined (and a problem recorded) when they cannot be had. */
	async read(used: Answer, choice: TrackChoice): Promise<T | undefined> {
		const answer = this.withChapters(used);
		const { track } = choice;
		const source = answer.source;
		const cached = await this.goal.beforeFetch?.(answer, choice);
		if (cached !== undefined) return cached;
		if (isPoTokenGated(track)) {
			this.record({ kind: "po-token", source, note: `${track.id} has exp=xpe/xpv` });
			this.keepUngatedChoice(answer);
			return undefined;
		}
		if (!isYouTubeCaptionUrl(track.baseUrl)) {
			this.record({ kind: "unparsable", source, note: "caption URL not on youtube.com" });
			return undefined;
		}
		const url = captionUrl(track, choice.translateTo?.code);
		const response = this.prefetched.get(url) ?? (await this.ask(source, () => this.http(this.captionRequest(url))));
		if (!response) return undefined;
		if (response.status === 429 && choice.translateTo) return this.untranslated(answer, choice);
		if (response.status === 429) {
			this.record({ kind: "bot-check", source, signal: "429" });
			return undefined;
		}
		if (!isSuccess(response)) {
			this.record({ kind: "http", source, status: response.status, note: "caption request" });
			return undefined;
		}
		// Without a PO token YouTube answers 200 with nothing in it (FreeTube#7484).
		if (response.text.trim() === "") {
			this.record({ kind: "empty-captions", source, note: `${track.id} body empty` });
			return undefined;
		}
		const ours = parseCaptionBody(response.text)?.cues;
		if (!ours) {
			this.record({ kind: "unparsable", source, note: "caption body in no known format" });
			return undefined;
		}
		const segments = this.packageReading(url, tidyCues(ours));
		if (segments.length === 0) {
			this.record({ kind: "empty-captions", source, note: `${track.id} has no text` });
			return undefined;
		}
		return await this.goal.done({ ...answer, choice, segments });
	}

	/**
	 * YouTube refuses translations (`tlang=`) with 429 more and more often while it serves the original
	 * track (yt-dlp #13770, #13831): the video's own captions then, labelled as such, rather than an error.
	 */
	private async untranslated(answer: Answer, choice: TrackChoice): Promise<T | undefined> {
		this.problems.push({
			kind: "http",
			source: answer.source,
			status: 429,
			note: `translation of ${choice.track.id} into ${choice.translateTo?.code ?? "?"} refused`,
		});
		const own = untranslatedChoice(answer.player, this.goal.wish, choice);
		return own ? this.read(answer, own) : undefined;
	}

	/**
	 * The answer used, with chapters when it has none of its own (markers or description): InnerTube
	 * answers rarely carry them, the watch page's ytInitialData does. Those of the first answer that had
	 * any (the watch page's answer among them), else those of a watch page fetched anyway (by the
	 * youtube-transcript step) whose player response was not usable.
	 */
	private withChapters(answer: Answer): Answer {
		if (this.chaptersOf(answer).length > 0) return answer;
		const lent = this.played.map((a) => this.chaptersOf(a)).find((c) => c.length > 0) ?? this.pageChapters();
		return lent.length > 0 ? { ...answer, player: { ...answer.player, chapters: lent } } : answer;
	}

	private chaptersOf(answer: Answer): Chapter[] {
		return videoInfoFromPlayer(this.videoId, answer.player).chapters;
	}

	private pageChapters(): Chapter[] {
		const page = this.watchPage;
		return page && isSuccess(page) ? initialDataChapters(extractInitialData(page.text)) : [];
	}

	private captionRequest(url: string): HttpRequest {
		return { url, method: "GET", headers: { "Accept-Language": "en-US,en;q=0.9" }, ...(this.signal ? { signal: this.signal } : {}) };
	}

	/**
	 * A gated track is unavailable on this client only: the next client may hand it out. Should none, the
	 * best track this client offers without a token (say auto-generated instead of gated manual captions)
	 * beats no transcript, so it waits among the fallbacks.
	 */
	private keepUngatedChoice(answer: Answer): void {
		const ungated = { ...answer.player, tracks: answer.player.tracks.filter((t) => !isPoTokenGated(t)) };
		const decision = chooseTrack(ungated, this.goal.wish);
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

	async innerTube(client: (typeof INNERTUBE_CLIENTS)[number]): Promise<T | undefined> {
		const source = clientLabel(client);
		throwIfAborted(this.signal);
		const visitorData = await this.visitorData();
		const response = await this.ask(source, () => this.http(playerRequest(client, this.videoId, this.signal, visitorData)));
		if (!response) return undefined;
		if (response.status === 429) {
			this.record({ kind: "bot-check", source, signal: "429" });
			return undefined;
		}
		if (!isSuccess(response)) {
			this.record({ kind: "http", source, status: response.status });
			return undefined;
		}
		const player = readPlayerResponse(parseJson(response.text));
		if (!player) {
			this.record({ kind: "unparsable", source, note: "not JSON" });
			return undefined;
		}
		return this.use(player, source);
	}

	/** The language the package should ask for: that of the track our choice expects, if any answer showed tracks yet. */
	private packageLanguage(): string | undefined | null {
		const last = this.played.filter((a) => a.player.tracks.length > 0).pop();
		if (last) {
			const decision = chooseTrack(last.player, this.goal.wish);
			// It cannot translate; a translation or another language is for our own fallback.
			return decision.kind === "native" && !decision.choice.translateTo ? decision.choice.track.languageCode : null;
		}
		const picked = this.goal.wish.trackId === undefined ? undefined : parseTrackId(this.goal.wish.trackId).languageCode;
		return picked || this.goal.wish.languages[0];
	}

	async youtubeTranscript(): Promise<T | undefined> {
		const lang = this.packageLanguage();
		if (lang === null) return undefined;
		const run = await this.ask(YOUTUBE_TRANSCRIPT, () => runYoutubeTranscript(this.http, this.videoId, lang, this.signal));
		if (!run) return undefined;
		for (const [url, response] of run.captions) this.prefetched.set(url, response);
		if (run.result) this.packageCues.set(run.result.url, run.result.cues);
		if (run.watchPage) this.watchPage = run.watchPage;
		if (!run.answer) return undefined;
		if ("kind" in run.answer) {
			this.record(run.answer);
			return undefined;
		}
		return this.use(run.answer, YOUTUBE_TRANSCRIPT);
	}

	async watch(): Promise<T | undefined> {
		const first = this.watchPage;
		const page = await this.ask(WATCH_PAGE, () => readWatchPage(this.http, this.videoId, this.signal, first));
		if (!page) return undefined;
		if ("problem" in page) {
			this.record(page.problem);
			return undefined;
		}
		return this.use(page.player, WATCH_PAGE);
	}

	async run(): Promise<T> {
		const steps: (() => Promise<T | undefined>)[] = [
			...INNERTUBE_CLIENTS.map((client) => () => this.innerTube(client)),
			...(this.goal.kind === "transcript" ? [() => this.youtubeTranscript()] : []),
			() => this.watch(),
		];
		for (const step of steps) {
			const result = await step();
			if (result !== undefined) return result;
		}
		const fallen = await this.fallBack();
		if (fallen !== undefined) return fallen;
		const silent = this.played[0];
		const info = this.goal.kind === "info" && silent ? this.goal.found?.(silent) : undefined;
		if (info !== undefined) return info;
		if (this.played.length === 0) {
			const last = await this.goal.whenNothingPlays?.();
			if (last !== undefined) return last;
		}
		throw this.failAll();
	}

	private failAll(): SummaryError {
		return this.fail(mostTelling(this.problems) ?? { kind: "unparsable", source: "all", note: "no answer" });
	}
}

/**
 * Asks the clients in order, then youtube-transcript, then the watch page, until one gives what `goal`
 * needs. Throws a SummaryError that tells the user what happened and what to do.
 */
export async function runCaptionChain<T>(http: Http, videoId: string, goal: ChainGoal<T>, signal?: AbortSignal): Promise<T> {
	const chain = new Chain(http, videoId, goal, signal);
	try {
		return await chain.run();
	} catch (error) {
		if (signal?.aborted && !(error instanceof SummaryError && error.kind === "cancelled")) throw new SummaryError("cancelled", CANCELLED);
		throw error;
	}
}
