import { captionText, decodeEntities, stripTags } from "./caption-text";
import { asArray, asNumber, asString, field, parseJson } from "./json-fields";

export type CaptionFormat = "srv1" | "srv3" | "json3";

/** One caption as sent, in seconds, its text decoded and untagged but its lines still apart. */
export interface RawCue {
	start: number;
	duration: number;
	text: string;
}

/**
 * The body's format, by its first bytes rather than by the `fmt=` we asked for: clients disagree on what
 * `baseUrl` returns (ANDROID srv3, VISIONOS and the web srv1), and json3 is the only JSON one.
 */
export function sniffCaptionFormat(body: string): CaptionFormat | undefined {
	const head = body.slice(0, 500).trimStart();
	if (/^\{\s*"wireMagic"/.test(head)) return "json3";
	if (/<timedtext\b/.test(head)) return "srv3";
	if (/<transcript\b/.test(head)) return "srv1";
	return undefined;
}

const MAX_TAG = 2000;

function attributes(tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	// A caption tag is a few dozen characters; a longer one is not YouTube's, and reading its attributes
	// would be retried along every run of name characters.
	if (tag.length > MAX_TAG) return out;
	// eslint-disable-next-line regexp/no-super-linear-move -- bounded by MAX_TAG above.
	for (const m of tag.matchAll(/([a-z_:][\w:.-]*)\s*=\s*"([^"]*)"/gi)) if (m[1] !== undefined) out[m[1]] = m[2] ?? "";
	return out;
}

function number(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === "") return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** srv1: `<text start="1.54" dur="4.16">…</text>`, in seconds. */
function parseSrv1(body: string): RawCue[] {
	const cues: RawCue[] = [];
	for (const m of body.matchAll(/<text\b([^>]*?)(?:\/>|>([\s\S]*?)<\/text>)/g)) {
		const attrs = attributes(m[1] ?? "");
		const start = number(attrs["start"]);
		if (start === undefined) continue;
		cues.push({ start, duration: number(attrs["dur"]) ?? 0, text: captionText(m[2] ?? "") });
	}
	return cues;
}

/**
 * srv3: `<p t="3934" d="1466">…</p>`, in milliseconds. ASR tracks put each word in `<s t= ac=>`, with the
 * spaces inside the spans, so stripping the tags gives the line.
 */
function parseSrv3(body: string): RawCue[] {
	const cues: RawCue[] = [];
	const bodyStart = body.search(/<body\b/);
	const content = bodyStart >= 0 ? body.slice(bodyStart) : body;
	for (const m of content.matchAll(/<p\b([^>]*?)(?:\/>|>([\s\S]*?)<\/p>)/g)) {
		const attrs = attributes(m[1] ?? "");
		const start = number(attrs["t"]);
		if (start === undefined) continue;
		cues.push({ start: start / 1000, duration: (number(attrs["d"]) ?? 0) / 1000, text: captionText(m[2] ?? "") });
	}
	return cues;
}

/**
 * json3: events in milliseconds, the text in `segs[].utf8`. Window events carry no `segs`; `aAppend`
 * events only append the line break between two ASR lines, and would otherwise become empty cues.
 */
function parseJson3(body: string): RawCue[] | undefined {
	const json = parseJson(body);
	const events = field(json, "events");
	if (!Array.isArray(events)) return undefined;
	const cues: RawCue[] = [];
	for (const event of events) {
		if (field(event, "aAppend") === 1) continue;
		const segs = field(event, "segs");
		const start = asNumber(field(event, "tStartMs"));
		if (!Array.isArray(segs) || start === undefined) continue;
		const text = asArray(segs)
			.map((seg) => asString(field(seg, "utf8")) ?? "")
			.join("");
		// The same decoding as the XML formats' second round, so all three give identical text.
		cues.push({ start: start / 1000, duration: (asNumber(field(event, "dDurationMs")) ?? 0) / 1000, text: stripTags(decodeEntities(text)) });
	}
	return cues;
}

/** The cues of a caption body, or undefined when it is none of the formats we know. */
export function parseCaptionBody(body: string): { format: CaptionFormat; cues: RawCue[] } | undefined {
	const format = sniffCaptionFormat(body);
	if (format === "srv1") return { format, cues: parseSrv1(body) };
	if (format === "srv3") return { format, cues: parseSrv3(body) };
	if (format === "json3") {
		const cues = parseJson3(body);
		return cues ? { format, cues } : undefined;
	}
	return undefined;
}
