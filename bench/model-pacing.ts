/**
 * The model's side of a run, against the fake OpenAI-compatible server: how many calls in how many rounds,
 * wall time against the run's critical path, and the prompt tokens sent against the transcript's own. Two
 * videos of the same length are summarized with one planning cache, as a user's first run and a later one.
 */
import type { ChatModel, Completion, CompletionRequest } from "../src/core/model/chat-model";
import { createChatModel } from "../src/core/model/openai-chat";
import { estimateTokens } from "../src/core/plan/estimate-tokens";
import { fileBackedPlanningCache, type TextFile } from "../src/core/prompt/planning-cache";
import { timeTaggedTranscript } from "../src/core/prompt/time-tagged-transcript";
import { parseTranscript } from "../src/core/transcript/parse-transcript";
import { summarize } from "../src/summarize";

interface Call {
	began: number;
	ended: number;
	promptTokens: number;
	cachedTokens: number;
}

/** The real client against the fake server, streaming; each call's request, answer and span are told to `seen`. */
export function timedModel(url: string, seen: (request: CompletionRequest, answer: Completion, began: number, ended: number) => void): ChatModel {
	const model = createChatModel({ baseURL: url, apiKey: "sk-bench", model: "fake-model", stream: true, maxTokens: 8192 });
	return {
		model: model.model,
		async complete(request) {
			const began = performance.now();
			const answer = await model.complete(request);
			seen(request, answer, began, performance.now());
			return answer;
		},
	};
}

/**
 * Rounds: calls that had to wait for another. A call's round is one more than that of the latest round among
 * the calls that had ended before it began; the critical path is the slowest call of each round, added up.
 */
function roundsOf(calls: readonly Call[]): { rounds: number; criticalMs: number } {
	const sorted = [...calls].sort((a, b) => a.began - b.began);
	const round = new Map<Call, number>();
	for (const call of sorted) {
		const before = sorted.filter((c) => c.ended <= call.began).map((c) => round.get(c) ?? 0);
		round.set(call, 1 + Math.max(0, ...before));
	}
	const slowest = new Map<number, number>();
	for (const [call, r] of round) slowest.set(r, Math.max(slowest.get(r) ?? 0, call.ended - call.began));
	return { rounds: Math.max(0, ...round.values()), criticalMs: [...slowest.values()].reduce((a, b) => a + b, 0) };
}

function memoryFile(): TextFile {
	let text: string | null = null;
	return {
		read: () => Promise.resolve(text),
		write: (t) => {
			text = t;
			return Promise.resolve();
		},
	};
}

const s2 = (ms: number) => (ms / 1000).toFixed(2);

/** Two transcripts, the first summarized with nothing kept, the second with the first's plan kept, as table rows. */
export async function pacedRows(name: string, texts: [string, string], url: string, concurrency = 4): Promise<Record<string, string | number>[]> {
	const cache = fileBackedPlanningCache(memoryFile());
	const rows: Record<string, string | number>[] = [];
	for (const [run, text] of [
		["first run", texts[0]],
		["another video, plan kept", texts[1]],
	] as const) {
		const transcriptTokens = estimateTokens(timeTaggedTranscript(parseTranscript(text)));
		const calls: Call[] = [];
		const began = performance.now();
		await summarize({
			source: { text, video: { id: "it3OtbTxQk0" }, origin: "file", title: "Bench" },
			youtube: { http: () => Promise.reject(new Error("no network in the benchmark")), languages: ["en"] },
			model: timedModel(url, (_, answer, began, ended) =>
				calls.push({ began, ended, promptTokens: answer.usage?.promptTokens ?? 0, cachedTokens: answer.usage?.cachedPromptTokens ?? 0 }),
			),
			template: "",
			outputLanguage: "",
			now: new Date("2026-12-02T10:00:00.000Z"),
			concurrency,
			planning: { cache, endpoint: url },
		});
		const wall = performance.now() - began;
		const { rounds, criticalMs } = roundsOf(calls);
		const prompt = calls.reduce((n, c) => n + c.promptTokens, 0);
		const cached = calls.reduce((n, c) => n + c.cachedTokens, 0);
		rows.push({
			transcript: name,
			run,
			calls: calls.length,
			rounds,
			"wall s": s2(wall),
			"critical s": s2(criticalMs),
			"wall/critical": (wall / criticalMs).toFixed(2),
			"prompt/transcript": (prompt / transcriptTokens).toFixed(2),
			"cached share": prompt > 0 ? (cached / prompt).toFixed(2) : "0",
		});
	}
	return rows;
}
