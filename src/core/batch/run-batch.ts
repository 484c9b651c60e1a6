import { runLimited } from "../plan/run-limited";
import { type BatchOutcome, outcomeOfError } from "./outcome";

/** What a video's job resolves with once its note is written: at least where. */
export interface Written {
	path: string;
}

/**
 * Summarizes one video and writes its note (writing is the host's job), resolving with where it went, or
 * rejects with a SummaryError saying why it could not. It reports what it is doing through `stage` (the
 * messages of summarize's onProgress) and stops when `signal` aborts.
 */
export type VideoJob<T extends Written> = (signal: AbortSignal, stage: (message: string) => void) => Promise<T>;

/** One video of a batch: run, or skipped by a decision the host made before the batch (it has a note already). */
export type BatchItem<T extends Written = Written> = {
	/** The YouTube video id. */
	videoId: string;
	/** The video's title, when the playlist gave it. */
	title?: string;
} & ({ run: VideoJob<T> } | { skip: { reason: string; path?: string } });

/** A video's outcome; a written one carries everything its job resolved with. */
export type ItemResult<T extends Written = Written> = (Omit<T, "status"> & { status: "written" }) | Exclude<BatchOutcome, { status: "written" }>;

/** A video being summarized now. */
export interface RunningVideo {
	/** Its position in the batch, from 0. */
	index: number;
	videoId: string;
	title?: string;
	/** What it is doing, in the words of its job's last report. */
	stage: string;
}

/**
 * Where a batch stands, as the host shows it ("3 of 12"). `done` counts the videos that have a note (written
 * or skipped), `failed` those that could not be summarized; videos cancelled count in neither.
 */
export interface BatchProgress {
	total: number;
	done: number;
	failed: number;
	/** In the order they started. */
	running: RunningVideo[];
}

export interface RunBatchOptions {
	/** Videos summarized at once (a setting); below 1 or not a number, one at a time. */
	concurrency: number;
	/** Cancels the batch: the jobs in flight are aborted, and no other starts. */
	signal?: AbortSignal;
	/** Called with a fresh value at the start, and whenever a video starts, reports a stage or ends. */
	onProgress?: (progress: BatchProgress) => void;
}

export const STARTING = "Starting…";

/** A signal that aborts when either does; AbortSignal.any is missing on the older iPads Obsidian runs on. */
function eitherSignal(a: AbortSignal, b: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
	if (!b) return { signal: a, dispose: () => undefined };
	const both = new AbortController();
	const fromA = () => both.abort(a.reason);
	const fromB = () => both.abort(b.reason);
	if (a.aborted) fromA();
	else if (b.aborted) fromB();
	a.addEventListener("abort", fromA, { once: true });
	b.addEventListener("abort", fromB, { once: true });
	return {
		signal: both.signal,
		dispose: () => {
			a.removeEventListener("abort", fromA);
			b.removeEventListener("abort", fromB);
		},
	};
}

/**
 * Summarizes the videos a few at a time and resolves with one outcome per item, in their order. A video that
 * fails is reported and the others go on. A cancel aborts the jobs in flight and starts no other; the batch
 * still waits for the aborted jobs to end, so a note whose writing finished meanwhile is reported as written,
 * and everything finished before is kept. Rejects only when the host's own callback (onProgress) throws.
 */
export async function runBatch<T extends Written>(items: readonly BatchItem<T>[], options: RunBatchOptions): Promise<ItemResult<T>[]> {
	const { signal, onProgress } = options;
	const results = items.map((item): ItemResult<T> | undefined => ("skip" in item ? { status: "skipped", ...item.skip } : undefined));
	let done = results.filter((r) => r !== undefined).length;
	let failed = 0;
	// Insertion order is start order.
	const running = new Map<number, RunningVideo>();
	const report = () => onProgress?.({ total: items.length, done, failed, running: [...running.values()].map((video) => ({ ...video })) });
	report();

	const jobs = items.flatMap((item, index) => ("run" in item ? [{ run: item.run, index, video: { videoId: item.videoId, title: item.title } }] : []));
	// Each job's failure is caught into its outcome, so runLimited's first-failure abort only ever fires for
	// an error of the batch itself (a throwing onProgress): then `stop` aborts every job still in flight.
	await runLimited(jobs, options.concurrency, async ({ run, index, video }, _, stop) => {
		if (signal?.aborted) {
			results[index] = { status: "cancelled" };
			return;
		}
		running.set(index, { index, videoId: video.videoId, ...(video.title === undefined ? {} : { title: video.title }), stage: STARTING });
		report();
		const stage = (message: string) => {
			const now = running.get(index);
			// A job may still report after it ended; the batch has moved on.
			if (!now) return;
			running.set(index, { ...now, stage: message });
			report();
		};
		const { signal: jobSignal, dispose } = eitherSignal(stop, signal);
		let result: ItemResult<T>;
		try {
			result = { ...(await run(jobSignal, stage)), status: "written" };
		} catch (e) {
			result = outcomeOfError(e, signal?.aborted ?? false);
		} finally {
			dispose();
		}
		running.delete(index);
		results[index] = result;
		if (result.status === "written") done++;
		else if (result.status === "failed") failed++;
		report();
	});
	return results.map((r) => r ?? { status: "cancelled" });
}
