import type { Http } from "../http";
import { isSuccess } from "../http";

/** A model server running on this device that needs no setup: its OpenAI-compatible address and its models. */
export interface LocalServer {
	name: "Ollama" | "LM Studio";
	baseURL: string;
	models: string[];
}

/** Where each server listens by default, and how it lists its models. */
export interface LocalPlaces {
	/** Ollama's origin; lists pulled models at /api/tags. */
	ollama: string;
	/** LM Studio's origin; lists its models at /v1/models. */
	lmStudio: string;
}

export const DEFAULT_PLACES: LocalPlaces = { ollama: "http://127.0.0.1:11434", lmStudio: "http://127.0.0.1:1234" };

// Models that embed or rerank text cannot chat.
const NOT_CHAT = /embed|rerank|bge-|minilm|clip/i;

function record(value: unknown): Record<string, unknown> {
	return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function names(list: unknown, field: string): string[] {
	return (Array.isArray(list) ? list : [])
		.map((item) => record(item)[field])
		.filter((name): name is string => typeof name === "string" && name !== "" && !NOT_CHAT.test(name));
}

async function ask(http: Http, url: string, signal: AbortSignal | undefined): Promise<unknown> {
	try {
		const response = await http({ url, ...(signal ? { signal } : {}) });
		return isSuccess(response) ? (JSON.parse(response.text) as unknown) : null;
	} catch {
		// Not running, or something else answers on that port: either way, nothing to use there.
		return null;
	}
}

/**
 * The local servers that answer, with the chat models each offers (servers with none are left out). Both
 * are asked at once; `http` should carry a short timeout, since a port nobody listens on usually refuses at
 * once but a firewall may let the request hang.
 */
export async function findLocalServers(http: Http, places: LocalPlaces = DEFAULT_PLACES, signal?: AbortSignal): Promise<LocalServer[]> {
	const [ollama, lmStudio] = await Promise.all([ask(http, `${places.ollama}/api/tags`, signal), ask(http, `${places.lmStudio}/v1/models`, signal)]);
	const found: LocalServer[] = [
		{ name: "Ollama", baseURL: `${places.ollama}/v1`, models: names(record(ollama).models, "name") },
		{ name: "LM Studio", baseURL: `${places.lmStudio}/v1`, models: names(record(lmStudio).data, "id") },
	];
	return found.filter((server) => server.models.length > 0);
}

/** The model to use on a server: the one asked for when it has it (`llama3.1` matches `llama3.1:latest`), else its first. */
export function pickModel(server: LocalServer, wanted: string): string {
	const want = wanted.trim();
	return server.models.find((m) => m === want) ?? server.models.find((m) => want !== "" && m.split(":")[0] === want) ?? server.models[0] ?? "";
}
