import type { EndpointOptions } from "./chat-model";
import { toSummaryError } from "./endpoint-errors";
import { createOpenAIClient, normalizeTimeout, raceAbort } from "./openai-client";

/** The model ids the endpoint offers (GET /models), sorted; rejects only with a SummaryError. */
export async function listModels(options: Omit<EndpointOptions, "model" | "stream">, signal?: AbortSignal): Promise<string[]> {
	const context = { baseURL: options.baseURL.trim(), model: "", apiKey: options.apiKey, timeoutMs: normalizeTimeout(options.timeoutMs) };
	try {
		const client = createOpenAIClient(options);
		const page = await raceAbort(client.models.list({ signal }), signal);
		const ids = page.data.map((m: { id?: unknown }) => m.id).filter((id): id is string => typeof id === "string" && id !== "");
		return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	} catch (error) {
		throw toSummaryError(error, context);
	}
}
