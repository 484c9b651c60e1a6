import { readFileSync } from "node:fs";

import type { Http, HttpRequest, HttpResponse } from "../../src/core/http";

/** A recorded file under tests/fixtures/youtube/. */
export function fixture(path: string): string {
	return readFileSync(new URL(`../fixtures/youtube/${path}`, import.meta.url), "utf8");
}

/** A recorded player response, parsed, to edit in a test. */
export function playerJson(path: string): Record<string, unknown> {
	return JSON.parse(fixture(path)) as Record<string, unknown>;
}

export function ok(text: string, headers: Record<string, string> = {}): HttpResponse {
	return { status: 200, headers, text };
}

export function status(code: number, text = ""): HttpResponse {
	return { status: code, headers: {}, text };
}

/** What the fake answers: a response, a fixture path, a JSON value, or a network failure. */
export type Reply = HttpResponse | { fixture: string } | { json: unknown } | Error;

function toResponse(reply: Reply): HttpResponse {
	if (reply instanceof Error) throw reply;
	if ("fixture" in reply) return ok(fixture(reply.fixture));
	if ("json" in reply) return ok(JSON.stringify(reply.json));
	return reply;
}

export interface CaptionRoute {
	/** Matches `lang=`; `kind: "asr"` matches `kind=asr`, "manual" its absence; `tlang` must match exactly (absent = none). */
	lang: string;
	kind?: "asr" | "manual";
	tlang?: string;
	/** Also requires this text in the URL (`ei=wuElaqT` tells the recorded ANDROID baseUrls from the VISIONOS ones). */
	urlIncludes?: string;
	reply: Reply;
}

export interface FakeRoutes {
	/**
	 * Player answers by client: "IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB", "youtube-transcript"
	 * (the package's ANDROID 20.10.38), or "*" for any client not named; "IOS:<videoId>" or "*:<videoId>"
	 * answer for that video only (a batch of several videos), before the keys without one.
	 */
	player?: Record<string, Reply>;
	/** Asked before `player` with the requested video's id, for batches of many videos; undefined falls through. Not for the CLI's routes file. */
	playerFor?: (videoId: string) => Reply | undefined;
	/**
	 * Watch page answers in order of asking (the last repeats), for requests without a Cookie or with only
	 * the up-front `SOCS=CAI`; `watchWithCookie` answers requests carrying that exact Cookie header.
	 */
	watch?: Reply[];
	watchWithCookie?: Record<string, Reply>;
	captions?: CaptionRoute[];
	oembed?: Reply;
	/** The `/youtubei/v1/visitor_id` answer; NewPipe's recorded one (VISITOR_ID_FIXTURE) when not given. */
	visitorId?: Reply;
	/** The WEB `/youtubei/v1/next` answer; NO_CHAPTERS_NEXT (an answer without chapters) when not given. */
	next?: Reply;
	/**
	 * `/youtubei/v1/browse` answers, by the request body's `continuation` token, else by its `browseId`
	 * (`VL…` for a playlist); or a function of that key, answering undefined for none. A request no entry
	 * answers is refused.
	 */
	browse?: Record<string, Reply> | ((key: string) => Reply | undefined);
	/**
	 * Routes of their own for some videos, by id: a request that names one (its `v=`, or the `videoId` of its
	 * body) is answered by that video's routes instead, so one process can summarize several videos.
	 */
	videos?: Record<string, FakeRoutes>;
}

/** A `/next` answer with nothing the chain reads: the video has no chapters there. */
export const NO_CHAPTERS_NEXT: Reply = { json: { responseContext: {}, engagementPanels: [] } };

/** NewPipe's recorded visitor_id answer; `recordedVisitorData()` is its `responseContext.visitorData`. */
export const VISITOR_ID_FIXTURE = "newpipe/visionos_visitor_id.json";

export function recordedVisitorData(): string {
	return (JSON.parse(fixture(VISITOR_ID_FIXTURE)) as { responseContext: { visitorData: string } }).responseContext.visitorData;
}

/** The cookie our watch page requests carry from the start (watch-page.ts `CONSENT_COOKIE`). */
export const UP_FRONT_CONSENT = "SOCS=CAI";

export interface Asked {
	kind: "player" | "watch" | "caption" | "oembed" | "visitor" | "next" | "browse";
	/** The client for player requests ("IOS", "youtube-transcript"…), the continuation token or browseId for browse requests, the URL otherwise. */
	what: string;
	request: HttpRequest;
}

export interface FakeYouTube {
	http: Http;
	asked: Asked[];
	/** Requests nothing answered: each one also rejected, so a test that makes one fails loudly. */
	unexpected: string[];
	/** Clients asked for a player response, in order. */
	clients(): string[];
}

function clientOf(body: string | undefined): string {
	const parsed = JSON.parse(body ?? "{}") as { context?: { client?: { clientName?: string; clientVersion?: string } } };
	const client = parsed.context?.client;
	if (client?.clientName === "ANDROID" && client.clientVersion === "20.10.38") return "youtube-transcript";
	return client?.clientName ?? "?";
}

/** What a `/browse` request asks for: its continuation token, else its browseId ("" for neither). */
function browseKey(body: string | undefined): string {
	const parsed = JSON.parse(body ?? "{}") as { continuation?: unknown; browseId?: unknown };
	if (typeof parsed.continuation === "string") return parsed.continuation;
	return typeof parsed.browseId === "string" ? parsed.browseId : "";
}

/** The video a request is for: its `v=` (watch page, captions), else its body's `videoId` (player, next). */
function videoOf(request: HttpRequest): string | undefined {
	const fromUrl = new URL(request.url).searchParams.get("v");
	if (fromUrl) return fromUrl;
	try {
		const id = (JSON.parse(request.body ?? "{}") as { videoId?: unknown }).videoId;
		return typeof id === "string" ? id : undefined;
	} catch {
		return undefined;
	}
}

/** A YouTube that answers only from fixtures and rejects anything it was not told about. Never touches the network. */
export function fakeYouTube(routes: FakeRoutes, log: { asked: Asked[]; unexpected: string[] } = { asked: [], unexpected: [] }): FakeYouTube {
	const { asked, unexpected } = log;
	// Each video's fake writes to the same log: a test sees every request in the order they came.
	const videos = new Map(Object.entries(routes.videos ?? {}).map(([id, own]) => [id, fakeYouTube(own, log)]));
	let watchCount = 0;
	const refuse = (request: HttpRequest): never => {
		unexpected.push(`${request.method ?? "GET"} ${request.url}`);
		throw new Error(`fake YouTube: no answer for ${request.method ?? "GET"} ${request.url}`);
	};
	const http: Http = (request) => {
		const url = new URL(request.url);
		const own = videos.get(videoOf(request) ?? "");
		if (own) return own.http(request);
		try {
			if (url.pathname === "/youtubei/v1/player" && request.method === "POST") {
				const client = clientOf(request.body);
				asked.push({ kind: "player", what: client, request });
				const videoId = (JSON.parse(request.body ?? "{}") as { videoId?: string }).videoId ?? "";
				const reply =
					routes.playerFor?.(videoId) ??
					routes.player?.[`${client}:${videoId}`] ??
					routes.player?.[`*:${videoId}`] ??
					routes.player?.[client] ??
					routes.player?.["*"];
				return Promise.resolve(reply ? toResponse(reply) : refuse(request));
			}
			if (url.pathname === "/youtubei/v1/visitor_id" && request.method === "POST") {
				asked.push({ kind: "visitor", what: request.url, request });
				return Promise.resolve(toResponse(routes.visitorId ?? { fixture: VISITOR_ID_FIXTURE }));
			}
			if (url.pathname === "/youtubei/v1/next" && request.method === "POST") {
				asked.push({ kind: "next", what: request.url, request });
				return Promise.resolve(toResponse(routes.next ?? NO_CHAPTERS_NEXT));
			}
			if (url.pathname === "/youtubei/v1/browse" && request.method === "POST") {
				const key = browseKey(request.body);
				asked.push({ kind: "browse", what: key, request });
				const routesBrowse = routes.browse;
				const reply = typeof routesBrowse === "function" ? routesBrowse(key) : routesBrowse?.[key];
				return Promise.resolve(reply ? toResponse(reply) : refuse(request));
			}
			if (url.pathname === "/watch" && (request.method ?? "GET") === "GET") {
				asked.push({ kind: "watch", what: request.url, request });
				const cookie = request.headers?.["Cookie"] ?? request.headers?.["cookie"];
				if (cookie !== undefined && cookie !== UP_FRONT_CONSENT) {
					const reply = routes.watchWithCookie?.[cookie];
					return Promise.resolve(reply ? toResponse(reply) : refuse(request));
				}
				const list = routes.watch ?? [];
				const reply = list[Math.min(watchCount++, list.length - 1)];
				return Promise.resolve(reply ? toResponse(reply) : refuse(request));
			}
			if (url.pathname === "/api/timedtext") {
				asked.push({ kind: "caption", what: request.url, request });
				const params = url.searchParams;
				const route = routes.captions?.find(
					(r) =>
						params.get("lang") === r.lang &&
						(r.kind === undefined || (r.kind === "asr") === (params.get("kind") === "asr")) &&
						(params.get("tlang") ?? undefined) === r.tlang &&
						(r.urlIncludes === undefined || request.url.includes(r.urlIncludes)),
				);
				return Promise.resolve(route ? toResponse(route.reply) : refuse(request));
			}
			if (url.pathname === "/oembed") {
				asked.push({ kind: "oembed", what: request.url, request });
				return Promise.resolve(routes.oembed ? toResponse(routes.oembed) : refuse(request));
			}
			return Promise.resolve(refuse(request));
		} catch (error) {
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
	};
	return { http, asked, unexpected, clients: () => asked.filter((a) => a.kind === "player").map((a) => a.what) };
}

export const OUR_CLIENTS = ["IOS", "ANDROID", "VISIONOS", "ANDROID_VR", "MWEB"] as const;

/** The same reply for every client, ours and the package's. */
export function everyClient(reply: Reply): Record<string, Reply> {
	return { "*": reply };
}

/** Failing answers for every client except those given. */
export function onlyClients(answers: Record<string, Reply>, others: Reply = status(500)): Record<string, Reply> {
	return { "*": others, ...answers };
}

/** The routes with every fixture read in, so they can be written to a file for another process. */
export function resolvedRoutes(routes: FakeRoutes): FakeRoutes {
	const resolve = (reply: Reply): Reply => (reply instanceof Error ? reply : toResponse(reply));
	const map = (answers: Record<string, Reply> | undefined) => answers && Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, resolve(v)]));
	return {
		...(routes.player ? { player: map(routes.player) } : {}),
		...(routes.watch ? { watch: routes.watch.map(resolve) } : {}),
		...(routes.watchWithCookie ? { watchWithCookie: map(routes.watchWithCookie) } : {}),
		...(routes.captions ? { captions: routes.captions.map((c) => ({ ...c, reply: resolve(c.reply) })) } : {}),
		...(routes.oembed ? { oembed: resolve(routes.oembed) } : {}),
		...(routes.browse && typeof routes.browse !== "function" ? { browse: map(routes.browse) } : {}),
		...(routes.videos ? { videos: Object.fromEntries(Object.entries(routes.videos).map(([id, own]) => [id, resolvedRoutes(own)])) } : {}),
		// Always written out: the other process (the bundled preload) cannot read the default fixture itself.
		visitorId: resolve(routes.visitorId ?? { fixture: VISITOR_ID_FIXTURE }),
		next: resolve(routes.next ?? NO_CHAPTERS_NEXT),
	};
}
