import { hostWords } from "../errors";
import type { Http } from "../http";
import { trimEndChar } from "../trim";
import { findLocalServers, type LocalPlaces, type LocalServer, pickModel } from "./local-servers";
import { type OllamaModelInfo, ollamaModelInfo } from "./ollama-chat";
import { PROVIDER_PRESETS } from "./presets";
import { displayURL, redact } from "./secrets";

/** The endpoint as configured. `chosen` is false when the base URL is only the default, not the user's choice. */
export interface EndpointConfig {
	baseURL: string;
	chosen: boolean;
	apiKey: string;
	model: string;
}

/**
 * What stops a run before it starts; each host words it for its own settings or flags. Its `baseURL` is for
 * showing (displayURL: no user, password or key-like query parameters) and its `detail` is redacted.
 */
export type EndpointProblem =
	| { is: "needs-key"; baseURL: string }
	| { is: "nothing-to-use"; baseURL: string }
	| { is: "unreachable"; baseURL: string; detail: string }
	| { is: "key-refused"; baseURL: string; status: number };

export type ResolvedEndpoint =
	/**
	 * `found`: with nothing set up, the local servers that answered; the first is the one chosen. `ollama`:
	 * the endpoint is Ollama, whose own API lets each request set the context its default would cut.
	 */
	{ ok: true; baseURL: string; apiKey: string; model: string; found?: LocalServer[]; ollama?: OllamaModelInfo } | { ok: false; problem: EndpointProblem };

// Hosted APIs that answer nothing without a key, beyond the presets that say so.
const KEYED_HOSTS =
	/(?:^|\.)(?:openai\.com|openrouter\.ai|groq\.com|mistral\.ai|deepseek\.com|googleapis\.com|together\.xyz|fireworks\.ai|x\.ai|anthropic\.com|perplexity\.ai|cerebras\.ai)$/i;

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
		if (config.chosen) return { ok: false, problem: { is: "needs-key", baseURL: displayURL(baseURL) } };
		const found = await findLocalServers(options.http, options.places, options.signal);
		const [local] = found;
		if (local === undefined) return { ok: false, problem: { is: "nothing-to-use", baseURL: displayURL(baseURL) } };
		return withOllama({ ok: true, baseURL: local.baseURL, apiKey: "", model: pickModel(local, config.model), found }, options);
	}
	const problem = await reachProblem(baseURL, config.apiKey, options);
	return problem ? { ok: false, problem } : withOllama({ ok: true, baseURL, apiKey: config.apiKey, model: config.model }, options);
}

type Usable = Extract<ResolvedEndpoint, { ok: true }>;

/** The endpoint, marked as Ollama when its own API answers for the model (only local and plain-HTTP servers are asked). */
async function withOllama(endpoint: Usable, options: ResolveOptions): Promise<Usable> {
	if (needsKey(endpoint.baseURL)) return endpoint;
	const ollama = await ollamaModelInfo(options.http, endpoint.baseURL, endpoint.model, options.signal).catch(() => null);
	return ollama ? { ...endpoint, ollama } : endpoint;
}

/**
 * Whether the endpoint answers at all, asked with its model list: no answer, or a refused key, is a problem;
 * any other answer (servers without a model list say 404) means it is there.
 */
async function reachProblem(baseURL: string, apiKey: string, options: ResolveOptions): Promise<EndpointProblem | null> {
	try {
		const response = await options.http({
			url: `${trimEndChar(baseURL, "/")}/models`,
			...(apiKey.trim() ? { headers: { authorization: `Bearer ${apiKey.trim()}` } } : {}),
			...(options.signal ? { signal: options.signal } : {}),
		});
		if (response.status === 401 || response.status === 403) return { is: "key-refused", baseURL: displayURL(baseURL), status: response.status };
		return null;
	} catch (error) {
		if (options.signal?.aborted) throw error;
		// Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is its cause.
		const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
		const detail = cause || (error instanceof Error ? error.message : String(error));
		return { is: "unreachable", baseURL: displayURL(baseURL), detail: redact(detail, apiKey) };
	}
}

/** The problem as one message that says what to do, in the host's words, with the base URL shown without credentials. */
export function endpointMessage(problem: EndpointProblem): string {
	const w = hostWords();
	const baseURL = displayURL(problem.baseURL);
	switch (problem.is) {
		case "needs-key":
			return `${baseURL} needs an API key. Set it ${w.apiKey}, or ${w.localServer}.`;
		case "nothing-to-use":
			return `No API key is set and no model server (Ollama or LM Studio) answers on this device. Set an API key ${w.apiKey}, or ${w.localServer}.`;
		case "unreachable":
			return `Could not reach ${baseURL} (${redact(problem.detail, "")}). Check the base URL ${w.baseURL} and that the server is running.`;
		case "key-refused":
			return `${baseURL} refused the API key (${problem.status}). Check the API key ${w.apiKey}.`;
	}
}
