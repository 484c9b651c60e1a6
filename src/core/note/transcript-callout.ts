import { formatClock } from "../time";
import { paragraphs } from "../transcript/paragraphs";
import type { Transcript } from "../types";
import { inertInline } from "./inert-text";
import { timeUrl } from "./links";

/**
 * The transcript under the summary, folded away in a collapsed callout, one paragraph per half minute,
 * each opening with its time (a link when the video is known).
 */
export function transcriptCallout(transcript: Transcript, videoId: string | undefined): string {
	const lines = paragraphs(transcript.segments).map((p) => {
		const text = inertInline(`${p.speaker ? `${p.speaker}: ` : ""}${p.text}`);
		if (!transcript.timed) return `> ${text}`;
		const time = formatClock(p.start);
		return `> ${videoId === undefined ? time : `[${time}](${timeUrl(videoId, p.start)})`} ${text}`;
	});
	return ["> [!quote]- Transcript", ...lines.flatMap((line, i) => (i === 0 ? [line] : [">", line]))].join("\n");
}
