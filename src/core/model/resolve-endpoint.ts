import type { Http } from "../http";
import { findLocalServers, pickModel, type LocalPlaces, type LocalServer } from "./local-servers";
import { PROVIDER_PRESETS } from "./presets";

/** The endpoint as configured. `chosen` is false when the base URL is only the default, not the user's choice. */
export interface EndpointConfig {
	baseURL: string;
	chosen: boolean;
	apiKey: string;
	model: string;
}

/** What stops a run before it starts; each host words it for its own settings or flags. */
export type EndpointProblem =
	| { is: "needs-key"; baseURL: string }
	| { is: "nothing-to-use"; baseURL: string }
	| { is: "unreachable"; baseURL: string; detail: string }
	| { is: "key-refused"; baseURL: string; status: number };

export type ResolvedEndpoint =
	/** `found`: with nothing set up, the local servers that answered; the first is the one chosen. */
	| { ok: true; baseURL: string; apiKey: string; model: string; found?: LocalServer[] }
	| { ok: false; problem: EndpointProblem };

// Hosted APIs that answer nothing without a key, beyond the presets that say so.
const KEYED_HOSTS = /(?:^|\.)(?:openai\.com|openrouter\.ai|groq\.com|mistral\.ai|deepseek\.com|googleapis\.com|together\.xyz|fireworks\.ai|x\.ai|anthropic\.com|perplexity\.ai|cerebras\.ai)$/i;

export function needsKey(baseURL: string): boolean {
	try {
		const host = new URL(baseURL).hostname;
		return KEYED_HOSTS.test(host) || PROVIDER_PRESETS.some((p) => p.needsKey && new URL(p.baseURL).hostname === host);
	} catch {
		return false;
	}
}

export interface ResolveOptions {
	/** Every request here should time out within a second or two: this runs before anything else. */
	http: Http;
	places?: LocalPlaces;
	signal?: AbortSignal;
}

/**
 * The endpoint a run will use, checked before any YouTube request or model call so that a missing key or a
 * server that is down is said at once. With nothing set up (the default address, which needs a key, and no
 * key), a local Ollama or LM Studio is looked for and used with a model it has.
 */
export async function resolveEndpoint(config: EndpointConfig, options: ResolveOptions): Promise<ResolvedEndpoint> {
	const baseURL = config.baseURL.trim();
	if (config.apiKey.trim() === "" && needsKey(baseURL)) {
		if (config.chosen) return { ok: false, problem: { is: "needs-key", baseURL } };
		const found = await findLocalServers(options.http, options.places, options.signal);
		const [local] = found;
		if (local === undefined) return { ok: false, problem: { is: "nothing-to-use", baseURL } };
		return { ok: true, baseURL: local.baseURL, apiKey: "", model: pickModel(local, config.model), found };
	}
	const problem = await reachProblem(baseURL, config.apiKey, options);
	return problem ? { ok: false, problem } : { ok: true, baseURL, apiKey: config.apiKey, model: config.model };
}

/**
 * Whether the endpoint answers at all, asked with its model list: no answer, or a refused key, is a problem;
 * any other answer (servers without a model list say 404) means it is there.
 */
async function reachProblem(baseURL: string, apiKey: string, options: ResolveOptions): Promise<EndpointProblem | null> {
	try {
		const response = await options.http({
			url: `${baseURL.replace(/\/+$/, "")}/models`,
			...(apiKey.trim() ? { headers: { authorization: `Bearer ${apiKey.trim()}` } } : {}),
			...(options.signal ? { signal: options.signal } : {}),
		});
		if (response.status === 401 || response.status === 403) return { is: "key-refused", baseURL, status: response.status };
		return null;
	} catch (error) {
		if (options.signal?.aborted) throw error;
		return { is: "unreachable", baseURL, detail: error instanceof Error ? error.message : String(error) };
	}
}
