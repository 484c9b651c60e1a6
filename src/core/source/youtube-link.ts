import { SummaryError } from "../errors";
import type { VideoRef } from "../types";
import { INVALID_LINK } from "../youtube/messages";

const ID = /^[\w-]{11}$/;
export const VIDEO_HOSTS = new Set(["youtube.com", "m.youtube.com", "mobile.youtube.com", "music.youtube.com", "youtube-nocookie.com"]);
const PATH_ID = /^\/(?:shorts|live|embed|e|v)\/([\w-]{11})(?:\/|$)/;
/** `/embed/videoseries?list=…` embeds a playlist; the word has the length of a video id but names none. */
const EMBEDDED_PLAYLIST = "videoseries";

/** Reads `t=1h2m3s`, `t=123`, `t=123s`, `start=5`: where the pasted link pointed. */
export function parseStartTime(value: string | null): number | undefined {
	if (!value) return undefined;
	// `t=99999999999999999999` would print as 1e+20 in the note's links: such a time is ignored.
	const sane = (seconds: number) => (Number.isSafeInteger(seconds) ? seconds : undefined);
	if (/^\d+s?$/.test(value)) return sane(Number.parseInt(value, 10));
	const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
	if (!m || value === "") return undefined;
	return sane(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
}

function unwrap(text: string): string {
	let t = text.trim();
	const markdown = /^\[[^\]]*\]\(([^)\s]+)\)$/.exec(t);
	if (markdown?.[1]) t = markdown[1];
	if (t.startsWith("<") && t.endsWith(">")) t = t.slice(1, -1).trim();
	return t;
}

export function hostOf(url: URL): string {
	return url.hostname.toLowerCase().replace(/^www\./, "");
}

/** A pasted link (bare, in angle brackets or as a Markdown link; `https://` optional) as a URL, or null. */
export function linkUrl(text: string): URL | null {
	return toUrl(unwrap(text));
}

function toUrl(raw: string): URL | null {
	let url: URL;
	try {
		url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
	} catch {
		return null;
	}
	return url.protocol === "https:" || url.protocol === "http:" ? url : null;
}

/**
 * One pasted link (or a bare id) → the video it names, or null when it names none. Hosts are matched
 * against an allow-list, never by substring, so `youtube.com.evil.example` is not YouTube.
 */
export function parseYouTubeLink(text: string): VideoRef | null {
	const raw = unwrap(text);
	if (ID.test(raw)) return { id: raw };
	const url = toUrl(raw);
	if (!url) return null;
	const host = hostOf(url);
	const startAt = parseStartTime(url.searchParams.get("t") ?? url.searchParams.get("start"));
	const withStart = (id: string | undefined): VideoRef | null => {
		if (!id || !ID.test(id)) return null;
		return startAt === undefined ? { id } : { id, startAt };
	};
	if (host === "youtu.be") return withStart(url.pathname.split("/")[1]);
	if (!VIDEO_HOSTS.has(host)) return null;
	if (url.pathname === "/watch") return withStart(url.searchParams.get("v") ?? undefined);
	if (url.pathname === "/attribution_link") {
		const inner = url.searchParams.get("u");
		return inner ? parseYouTubeLink(`https://www.youtube.com${inner.startsWith("/") ? "" : "/"}${inner}`) : null;
	}
	const id = PATH_ID.exec(url.pathname)?.[1];
	return id === EMBEDDED_PLAYLIST ? null : withStart(id);
}

const HOST = /(?:youtube\.com|youtu\.be|youtube-nocookie\.com)\//gi;
const LABEL_CHAR = /[\w-]/;
const PROTOCOL = /^https?:\/\/$/i;

/** Where an address found in text starts and ends (`end` exclusive). */
export interface AddressSpan {
	index: number;
	end: number;
}

/**
 * Every YouTube address in free text, `(https://)(sub.)youtube.com/…` and the other hosts, as the pattern
 * `(?:https?:\/\/)?(?:[\w-]+\.)*(?:youtube\.com|…)\/[^stops]+` would find them, but scanned by hand: that
 * pattern, retried from every position of a long token, took seconds. Only the host and its slash are
 * searched; the subdomains and protocol are read leftwards from it, the path rightwards up to a character
 * of `stops` (or whitespace). `emptyPath` accepts an address that ends right after the slash.
 */
export function youTubeAddresses(text: string, stops: string, emptyPath: boolean): AddressSpan[] {
	const found: AddressSpan[] = [];
	let floor = 0;
	HOST.lastIndex = 0;
	for (let host = HOST.exec(text); host; host = HOST.exec(text)) {
		let end = HOST.lastIndex;
		while (end < text.length && !stops.includes(text.charAt(end)) && !/\s/.test(text.charAt(end))) end++;
		if (end === HOST.lastIndex && !emptyPath) {
			HOST.lastIndex = host.index + 1;
			continue;
		}
		let start = host.index;
		// Subdomains: labels of word characters, each followed by a dot, never reaching into the previous address.
		while (start - 2 >= floor && text.charAt(start - 1) === "." && LABEL_CHAR.test(text.charAt(start - 2))) {
			start -= 2;
			while (start - 1 >= floor && LABEL_CHAR.test(text.charAt(start - 1))) start--;
		}
		for (const length of [8, 7]) if (start - length >= floor && PROTOCOL.test(text.slice(start - length, start))) start -= length;
		found.push({ index: start, end });
		floor = HOST.lastIndex = end;
	}
	return found;
}

/** The first YouTube video link anywhere in a note, as people paste them into Markdown. */
export function findYouTubeLink(text: string): VideoRef | null {
	for (const { index, end } of youTubeAddresses(text, ")]>\"'`", false)) {
		const ref = parseYouTubeLink(text.slice(index, end));
		if (ref) return ref;
	}
	return null;
}

/** Text that is nothing but one link (or a Markdown link). */
function isLinkAlone(text: string): boolean {
	const raw = unwrap(text);
	return /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|(?:[\w-]+\.)*(?:youtube\.com|youtu\.be)\/)\S*$/i.test(raw);
}

/**
 * A link the user gave that names no video (a playlist, a channel, another site) is refused with a
 * message that says which links work, before anything else is tried.
 */
export function refuseNonVideoLink(text: string): void {
	if (isLinkAlone(text) && parseYouTubeLink(text) === null) throw new SummaryError("input", INVALID_LINK);
}
