import type { BatchProgress } from "./run-batch";

const N = new Intl.NumberFormat("en-US");

// Titles are untrusted and may hold line breaks; each running video keeps to its own line.
function oneLine(text: string): string {
	return text.replace(/\s+/g, " ").trim();
}

/**
 * "3 of 12 videos summarized, 1 failed", then one line per video in flight: its title (its id when the
 * playlist gave none) and what it is doing. Plain text: the host escapes it for where it shows it.
 */
export function describeBatchProgress(progress: BatchProgress): string {
	const failed = progress.failed > 0 ? `, ${N.format(progress.failed)} failed` : "";
	const head = `${N.format(progress.done)} of ${N.format(progress.total)} video${progress.total === 1 ? "" : "s"} summarized${failed}`;
	return [head, ...progress.running.map((video) => `${oneLine(video.title ?? "") || video.videoId}: ${oneLine(video.stage)}`)].join("\n");
}
