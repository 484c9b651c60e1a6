import { pause } from "./core/abort";
import { partialTextOf, SummaryError } from "./core/errors";
import type { Http } from "./core/http";
import type { ChatMessage, ChatModel, Completion } from "./core/model/chat-model";
import { Conversation, type Progress } from "./core/model/conversation";
import { displayURL } from "./core/model/secrets";
import { safeFileName } from "./core/note/file-name";
import { renderNote } from "./core/note/render-note";
import { estimateTokens } from "./core/plan/estimate-tokens";
import { DEFAULT_CONCURRENCY, oneWave, PLANNING_ANSWER_TOKENS } from "./core/plan/one-wave";
import { type Chunk, defaultPlanOptions, planChunks, type PlanOptions } from "./core/plan/plan-chunks";
import { runLimited } from "./core/plan/run-limited";
import { isOneShot, openingMessage, type Part, type PromptContext, transcriptMessage } from "./core/prompt/conversation";
import { mergeMessage, sectionTarget } from "./core/prompt/merge-message";
import type { PlanningCache, PlanningKey } from "./core/prompt/planning-cache";
import { repairMessage } from "./core/prompt/repair-message";
import { SEED_TEMPLATE } from "./core/prompt/seed-template";
import { timeTaggedTranscript } from "./core/prompt/time-tagged-transcript";
import { transcriptFromSummary } from "./core/source/earlier-summary";
import type { Source } from "./core/source/source";
import { checkSummaryPausing, quoteChecker } from "./core/summary/check-summary";
import { type AnswerReading, readAnswer } from "./core/summary/read-answer";
import { readMerge } from "./core/summary/read-merge";
import { readableAnswer } from "./core/summary/readable-answer";
import { inTimeOrder } from "./core/summary/time-order";
import { unwrapAnswer } from "./core/summary/unwrap-answer";
import { parseTranscriptPausing } from "./core/transcript/parse-transcript";
import type { CheckedSection, Transcript } from "./core/types";
import { estimateCost, estimateRun, type RunEstimate } from "./core/usage/estimate-cost";
import type { Price } from "./core/usage/prices";
import type { RunUsage } from "./core/usage/usage";
import { fetchTranscript, type TranscriptCache, type UsedTrack } from "./core/youtube";
import { fetchOembed } from "./core/youtube/oembed";

export type { Progress, Stage } from "./core/model/conversation";

/** How the host reaches YouTube, and which captions the user wants. */
export interface YouTubeAccess {
	http: Http;
	/** Preferred caption languages, best first. */
	languages: readonly string[];
	/** A caption track the user picked in the dialog. */
	trackId?: string;
	cache?: TranscriptCache;
}

export interface SummarizeJob {
	source: Source;
	youtube: YouTubeAccess;
	model: ChatModel;
	/** Empty: the default template. */
	template: string;
	/** Empty: the transcript's language. */
	outputLanguage: string;
	now: Date;
	/** How long videos are cut into parts; default: 25-minute parts within a 128k-token context. */
	plan?: PlanOptions;
	/** Parts summarized at once. */
	concurrency?: number;
	/** Print the transcript under the summary, folded away. */
	appendTranscript?: boolean;
	/** The model's price, for the cost shown and stored; null when unknown (or free). */
	price?: Price | null;
	/** Where planning answers are kept, and the endpoint they came from (its URL, credentials are left out). */
	planning?: { cache: PlanningCache; endpoint: string };
	/** Asked before a run estimated above `confirmAboveTokens`; resolving false stops it before any call. */
	confirm?: (estimate: CostEstimate) => Promise<boolean>;
	confirmAboveTokens?: number;
	onProgress?: (progress: Progress) => void;
	signal?: AbortSignal;
}

export interface CostEstimate extends RunEstimate {
	/** Dollars, when the model's price is known. */
	cost: number | null;
}

export interface SummaryNote {
	/** Untrusted: the video's title (or the source note's name). */
	title: string;
	/** The whole note: frontmatter, title, sections. */
	markdown: string;
	/** A safe file name without extension. */
	fileBase: string;
	sections: CheckedSection[];
	warnings: string[];
	/** The answer was cut off by the output limit. */
	incomplete: boolean;
	/** The model's answer could not be read as sections: the note keeps it as it came. */
	unparsed: boolean;
	usage: RunUsage;
	/** Dollars by the price table, when the model's price is known. */
	cost: number | null;
}

function count(chars: number): string {
	return chars > 0 ? ` ${chars.toLocaleString("en-US")} characters` : "";
}

interface Sourced {
	transcript: Transcript;
	title: string;
	/** `chapters`: how many chapters YouTube gave the video (and the model was told of). */
	details?: { channel?: string; published?: string; durationSeconds?: number; chapters?: number };
	captions?: string;
}

function trackLabel(track: UsedTrack): string {
	return track.kind === "auto-generated" && !/auto/i.test(track.name) ? `${track.name} (auto-generated)` : track.name;
}

/**
 * source → transcript: a link alone is fetched from YouTube (and the note takes the video's title); a
 * selection from an earlier summary reads back with its own times; anything else is parsed as pasted,
 * and when a link came with it, oEmbed gives the video's title and channel if it can.
 */
async function transcriptOf(job: SummarizeJob, chat: Conversation): Promise<Sourced> {
	const { source, youtube } = job;
	if (!source.text.trim() && source.video) {
		chat.progress({ stage: "transcript", message: "Fetching the captions from YouTube…" });
		const fetched = await fetchTranscript(youtube.http, source.video.id, {
			languages: youtube.languages,
			...(youtube.trackId ? { trackId: youtube.trackId } : {}),
			...(youtube.cache ? { cache: youtube.cache } : {}),
			...(job.signal ? { signal: job.signal } : {}),
		});
		const { title, channel, published, durationSeconds } = fetched.video;
		return {
			transcript: fetched.transcript,
			title: title ?? source.title,
			details: {
				...(channel ? { channel } : {}),
				...(published ? { published } : {}),
				...(durationSeconds ? { durationSeconds } : {}),
				...(fetched.transcript.chapters.length > 0 ? { chapters: fetched.transcript.chapters.length } : {}),
			},
			captions: trackLabel(fetched.track),
		};
	}
	chat.progress({ stage: "transcript", message: "Reading the transcript…" });
	// Read between pauses: a ten-hour transcript in one go would freeze Obsidian's window.
	const transcript = transcriptFromSummary(source.text) ?? (await parseTranscriptPausing(source.text, () => pause(job.signal)));
	if (!source.video) return { transcript, title: source.title };
	// A link with a pasted transcript: one oEmbed request names the note after the video and gives its
	// channel. Offline, private or unknown, it answers undefined and the run goes on as before, silently.
	const oembed = await fetchOembed(youtube.http, source.video.id, job.signal).catch(() => undefined);
	return {
		transcript,
		title: oembed?.title ?? source.title,
		...(oembed?.channel ? { details: { channel: oembed.channel } } : {}),
	};
}

function partOf(transcript: Transcript, chunk: Chunk): Transcript {
	return { ...transcript, segments: chunk.segments, chapters: transcript.chapters.filter((c) => c.start >= chunk.start && c.start < chunk.end) };
}

/** Sections of one part keep to the stretch it owns: the overlap at its start belongs to the part before. */
function ownSections(sections: CheckedSection[], chunk: Chunk): CheckedSection[] {
	return sections.map((s) => (s.start !== null && s.start < chunk.start ? { ...s, start: chunk.start } : s));
}

/** What one summarizing call left: checked sections, or an answer that could not be read, kept as it came. */
interface Summarized {
	sections: CheckedSection[];
	incomplete: boolean;
	raw?: { text: string; reason: string };
	warning?: string;
}

/**
 * What to do with an answer, decided in one place: read sections are checked; an unreadable long answer gets
 * one repair turn and is then kept as it came; a short one is the model talking (asking for the transcript
 * again, refusing), and the user is shown its words.
 */
export function nextStep(reading: AnswerReading, answer: string, repaired: boolean): "check" | "repair" | "keep" | "refuse" {
	if (reading.ok) return "check";
	if (!worthKeeping(answer)) return "refuse";
	return repaired ? "keep" : "repair";
}

/**
 * prompt → model → summary → checked summary, for one stretch of the transcript: the model's answer is read,
 * repaired once if it cannot be, and checked. A call that fails after text arrived keeps that text.
 */
async function summarizeStretch(
	chat: Conversation,
	messages: ChatMessage[],
	transcript: Transcript,
	describe: (chars: number) => string,
	index?: number,
	signal?: AbortSignal,
): Promise<Summarized> {
	let answer: Completion;
	try {
		answer = await chat.ask(messages, "summarizing", describe, index, signal);
	} catch (e) {
		const partial = partialTextOf(e);
		if (e instanceof SummaryError && e.kind !== "cancelled" && worthKeeping(partial))
			return { sections: [], incomplete: true, raw: { text: readableAnswer(partial), reason: e.message } };
		throw e;
	}
	let reading = readAnswer(answer.text);
	let step = nextStep(reading, answer.text, false);
	if (step === "repair") {
		chat.progress({ stage: "checking", message: `The answer was not in the expected format; asking ${chat.model} to rewrite it…` });
		const repaired = await chat.ask([repairMessage(unwrapAnswer(answer.text))], "summarizing", describe, index, signal).catch((e: unknown) => {
			if (e instanceof SummaryError && e.kind !== "cancelled") return null;
			throw e;
		});
		if (repaired !== null) {
			const second = readAnswer(repaired.text);
			if (second.ok) [answer, reading] = [repaired, second];
		}
		step = nextStep(reading, answer.text, true);
	}
	if (!reading.ok) {
		if (step === "keep") {
			return {
				sections: [],
				incomplete: false,
				raw: {
					text: readableAnswer(answer.text),
					reason: "The model's answer had no sections with times or quotes that could be read, even after asking it to rewrite them.",
				},
			};
		}
		throw new SummaryError("answer", "The model did not return a summary. Its answer is shown below; try again, or try another model.", reading.shown);
	}
	chat.progress({ stage: "checking", message: "Checking quotes against the transcript…" });
	await pause(signal);
	const sections = await checkSummaryPausing(reading.sections, transcript, () => pause(signal));
	await pause(signal);
	return { sections, incomplete: answer.finishReason === "length" };
}

/**
 * The template's conversation: the model plans and asks for the transcript (unless the template is one-shot),
 * then gets it. The plan does not depend on the video, so one saved for this endpoint, model and template is
 * used instead of asking again. A long video is cut into parts that are summarized in parallel, and one more
 * call merges their sections; a short one is a single part with nothing to merge.
 */
async function summarizeTranscript(job: SummarizeJob, chat: Conversation, transcript: Transcript, context: PromptContext): Promise<Summarized> {
	const template = job.template.trim() ? job.template : SEED_TEMPLATE;
	const opening = openingMessage(template, context, transcript);
	const oneShot = isOneShot(template);
	const first = transcript.segments[0]?.start ?? 0;
	const last = transcript.segments[transcript.segments.length - 1]?.start ?? 0;
	const chunks = oneShot ? [] : planChunks(transcript, oneWave(job.plan ?? defaultPlanOptions(), last - first, job.concurrency));
	const planning = oneShot ? undefined : job.planning;
	const key: PlanningKey = { endpoint: displayURL(planning?.endpoint ?? ""), model: chat.model, opening: opening.content };
	const saved = planning ? await planning.cache.get(key).catch(() => undefined) : undefined;
	await confirmCost(job, transcript, template, chunks.length, oneShot || saved !== undefined ? 0 : 1);
	const total = Math.max(1, chunks.length);
	let plan = saved ?? null;
	if (!oneShot && plan === null) {
		chat.progress({ stage: "planning", message: `Asking ${chat.model} to plan the summary${total > 1 ? ` of ${total} parts` : ""}…` });
		plan = (await chat.ask([opening], "planning", (n) => `Asking ${chat.model} to plan the summary…${count(n)}`)).text;
	}
	// The template and the plan first, the video last: every call of every run starts with the same messages.
	const messagesFor = (piece: Transcript, part?: Part): ChatMessage[] =>
		plan === null ? [opening] : [opening, { role: "assistant", content: plan }, transcriptMessage(context, piece, part)];
	const summarized = await summarizeParts(job, chat, transcript, chunks, messagesFor);
	// A plan is saved once it led to a readable summary, so a plan that went wrong is never reused.
	if (planning && plan !== null && saved === undefined && !summarized.raw) await planning.cache.set(key, plan).catch(() => undefined);
	return summarized;
}

/** What one call summarizes: the whole transcript of a short video, or one part of a long one. */
interface Piece {
	transcript: Transcript;
	chunk?: Chunk;
	part?: Part;
}

function piecesOf(transcript: Transcript, chunks: Chunk[]): Piece[] {
	if (chunks.length <= 1) return [{ transcript }];
	return chunks.map((chunk, index) => ({
		transcript: partOf(transcript, chunk),
		chunk,
		part: { index, count: chunks.length, start: chunk.start, end: chunk.end },
	}));
}

/** The transcript in its parts, summarized in parallel, then merged; a short video is one part with nothing to merge. */
async function summarizeParts(
	job: SummarizeJob,
	chat: Conversation,
	transcript: Transcript,
	chunks: Chunk[],
	messagesFor: (piece: Transcript, part?: Part) => ChatMessage[],
): Promise<Summarized> {
	const pieces = piecesOf(transcript, chunks);
	const total = pieces.length;
	let done = 0;
	const describe = (n: number) =>
		total === 1 ? `Summarizing with ${chat.model}…${count(n)}` : `Summarizing ${total} parts with ${chat.model}: ${done} done…${count(n)}`;
	const report = () => chat.progress({ stage: "summarizing", message: describe(0), ...(total === 1 ? { chars: 0 } : { parts: { done, total } }) });
	report();
	const results = await runLimited(
		pieces,
		job.concurrency ?? DEFAULT_CONCURRENCY,
		async (piece, index, signal) => {
			// Each part's prompt is built in a turn of its own.
			await pause(signal);
			const result = await summarizeStretch(chat, messagesFor(piece.transcript, piece.part), piece.transcript, describe, piece.part?.index, signal);
			// An unreadable answer is kept as the note when it is the whole video; as one part it would leave a hole in the merged note.
			if (result.raw && total > 1) throw new SummaryError("answer", `Part ${index + 1} of ${total}: ${result.raw.reason} Try again, or try another model.`);
			done++;
			if (total > 1) report();
			return result;
		},
		job.signal,
	);
	const [only] = results;
	return only && total === 1 ? only : mergeParts(job, chat, transcript, pieces, results);
}

/** One more call regroups the parts' checked sections into one chronological summary. */
async function mergeParts(job: SummarizeJob, chat: Conversation, transcript: Transcript, pieces: Piece[], results: Summarized[]): Promise<Summarized> {
	const last = transcript.segments[transcript.segments.length - 1]?.start ?? 0;
	// A part's overview and takeaways speak for that part alone; the merged note has its own sections.
	const sections = results.flatMap((r, i) => {
		const own = r.sections.filter((s) => s.aside === undefined);
		const chunk = pieces[i]?.chunk;
		return chunk ? ownSections(own, chunk) : own;
	});
	const mapped = inTimeOrder(sections, last);
	const incomplete = results.some((p) => p.incomplete);
	chat.progress({ stage: "merging", message: `Merging ${mapped.length} sections into one summary…` });
	try {
		const merge = await chat.ask([mergeMessage(mapped, sectionTarget(last), job.outputLanguage)], "merging", (n) => `Merging sections…${count(n)}`);
		await pause(job.signal);
		const merged = inTimeOrder(readMerge(merge.text, mapped, quoteChecker(transcript).prose), last);
		await pause(job.signal);
		return { sections: merged, incomplete };
	} catch (e) {
		// The parts' sections are whole and checked: a failed merge costs only the grouping.
		if (!(e instanceof SummaryError) || e.kind === "cancelled") throw e;
		return {
			sections: mapped,
			incomplete,
			warning: `The merge step failed (${e.message}), so the sections are shown as each part of the video produced them.`,
		};
	}
}

/**
 * A short answer without sections is the model talking (asking for the transcript again, refusing): the
 * user is shown its words. A long one is work the user paid for, kept in the note even if unreadable.
 */
function worthKeeping(answer: string): boolean {
	return unwrapAnswer(answer).trim().length >= 300;
}

/** A large run is estimated and, above the user's threshold, only started once they agree. */
async function confirmCost(job: SummarizeJob, transcript: Transcript, template: string, chunks: number, planning: 0 | 1): Promise<void> {
	// Without a threshold nothing is asked: the whole transcript is not formatted just to be counted.
	if (!job.confirm || job.confirmAboveTokens === undefined) return;
	const promptTokens = estimateTokens(template);
	const run = estimateRun(estimateTokens(timeTaggedTranscript(transcript)), chunks, promptTokens);
	const tokens = {
		promptTokens: run.promptTokens + planning * promptTokens,
		completionTokens: run.completionTokens + planning * PLANNING_ANSWER_TOKENS,
	};
	if (tokens.promptTokens + tokens.completionTokens <= (job.confirmAboveTokens ?? Infinity)) return;
	const estimate: CostEstimate = { ...tokens, calls: run.calls + planning, cost: estimateCost(tokens, job.price ?? null) };
	if (!(await job.confirm(estimate))) throw new SummaryError("cancelled", "Not summarized: you chose not to start this run. Nothing was sent to the model.");
}

/**
 * The whole job, top-down: source → transcript → prompt → model → summary → checked summary → note.
 * However a cancel surfaces (the SDK's error, an AbortError from a part, a YouTube request), the caller
 * gets one kind of error for it.
 */
export async function summarize(job: SummarizeJob): Promise<SummaryNote> {
	try {
		return await summarizeJob(job);
	} catch (e) {
		if (job.signal?.aborted) throw new SummaryError("cancelled", "Summarization cancelled. Nothing was written.");
		throw e;
	}
}

async function summarizeJob(job: SummarizeJob): Promise<SummaryNote> {
	const { source } = job;
	const chat = new Conversation(job.model, job.onProgress, job.signal);
	const { transcript, title, details, captions } = await transcriptOf(job, chat);
	const warnings = transcript.timed
		? []
		: [
				'The transcript has no timestamps, so sections and quotes have no time links. Use a transcript with times (YouTube\'s "Show transcript", SRT or WebVTT) to get them.',
			];

	const { sections, incomplete, raw, warning } = await summarizeTranscript(job, chat, transcript, { title, outputLanguage: job.outputLanguage });
	if (warning) warnings.push(warning);
	warnings.push(...chat.warnings);
	await pause(job.signal);

	const cost = estimateCost(chat.usage, job.price ?? null);
	const markdown = renderNote({
		title,
		...(source.video ? { video: { ...source.video, ...details } } : {}),
		...(captions ? { captions } : {}),
		sections,
		timed: transcript.timed,
		created: job.now.toISOString(),
		model: job.model.model,
		source: describeSource(source),
		...(source.sourcePath ? { sourceNote: source.sourcePath } : {}),
		...(job.outputLanguage ? { language: job.outputLanguage } : {}),
		incomplete,
		warnings,
		...(job.appendTranscript ? { transcript } : {}),
		...(raw ? { raw } : {}),
		usage: { ...chat.usage, cost },
	});
	await pause(job.signal);
	return { title, markdown, fileBase: `${safeFileName(title)} summary`, sections, warnings, incomplete, unparsed: raw !== undefined, usage: chat.usage, cost };
}

function describeSource(source: Source): string {
	switch (source.origin) {
		case "selection":
			return "selected text";
		case "note":
			return "transcript pasted in a note";
		case "pasted":
			return "transcript pasted in the dialog";
		case "file":
			return "transcript file";
		case "stdin":
			return "standard input";
		case "link":
			return "YouTube captions";
	}
}
