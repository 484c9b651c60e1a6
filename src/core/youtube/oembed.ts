import { type Http, isSuccess } from "../http";
import { asString, field, parseJson } from "./json-fields";

export function oembedUrl(videoId: string): string {
	return `https://www.youtube.com/oembed?url=${encodeURIComponent(`https://www.youtube.com/watch?v=${videoId}`)}&format=json`;
}

/**
 * Title and channel from oEmbed: a different service from the player, so it often still answers when
 * the player is blocked. Undefined when it does not answer usefully (401 for private, 404 for unknown ids).
 */
export async function fetchOembed(http: Http, videoId: string, signal?: AbortSignal): Promise<{ title?: string; channel?: string } | undefined> {
	let text: string;
	try {
		const response = await http({ url: oembedUrl(videoId), method: "GET", ...(signal ? { signal } : {}) });
		if (!isSuccess(response)) return undefined;
		text = response.text;
	} catch {
		return undefined;
	}
	const json = parseJson(text);
	const title = asString(field(json, "title"));
	const channel = asString(field(json, "author_name"));
	if (!title && !channel) return undefined;
	return { ...(title ? { title } : {}), ...(channel ? { channel } : {}) };
}
