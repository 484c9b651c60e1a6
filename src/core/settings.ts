import { hostWords } from "./errors";
import type { EndpointOptions } from "./model/chat-model";
import { PROVIDER_PRESETS, type ProviderPreset } from "./model/presets";
import type { ReasoningEffort } from "./model/request-params";
import { trimEndChar } from "./trim";
import { DEFAULT_PRICES, parsePriceTable, type Price, priceFor } from "./usage/prices";

/**
 * What the user configures, shared by the plugin and the CLI. The API key is not here: in Obsidian this
 * holds only the *name* of a secret in SecretStorage, so a synced or committed data.json never carries it.
 */
export type Transport = "fetch" | "requestUrl";

export interface Settings {
	baseURL: string;
	model: string;
	/** Name of the SecretStorage entry that holds the API key. */
	apiKeySecret: string;
	/** null: not sent, the model's own default. */
	temperature: number | null;
	/** null: not sent, the server's own limit. */
	maxTokens: number | null;
	/** Sent to models that take it (OpenAI's reasoning families, gpt-oss); "": not sent. */
	reasoningEffort: ReasoningEffort | "";
	outputFolder: string;
	/** Empty: write in the transcript's language. */
	outputLanguage: string;
	/** Empty: the default template. Stored only once edited, so improvements to the default reach users. */
	template: string;
	/** "requestUrl" bypasses CORS for endpoints that block Obsidian, at the cost of streaming progress. */
	transport: Transport;
	/** Re-summarize selection: put the summary under the selection instead of into a new note. */
	insertBelowSelection: boolean;
	/** Caption languages to prefer, comma-separated; empty: Obsidian's language, then English. */
	captionLanguages: string;
	/** Print the transcript under the summary in a collapsed callout. */
	appendTranscript: boolean;
	/** Long videos are summarized in parts of about this many minutes, in parallel. */
	partMinutes: number;
	/** Parts summarized at once. */
	concurrency: number;
	/** Videos of a batch (a playlist, a note of links) summarized at once; each runs its own parts at once too. */
	videosAtOnce: number;
	/** The model's context window in tokens; parts are cut to fit it. */
	contextWindow: number;
	/** Prices per million tokens, one `model = input / output` a line; empty: the built-in table. */
	prices: string;
	/** Runs estimated above this many tokens ask before they start; 0: never ask. */
	confirmAboveTokens: number;
	/** How long one model request may wait for an answer, or a streamed answer may stay silent. */
	timeoutSeconds: number;
	/** After a summary is written, link it from the source note's `video_summary` property. */
	linkFromSource: boolean;
}

export const DEFAULT_SETTINGS = {
	baseURL: "https://api.openai.com/v1",
	model: "gpt-4.1-mini",
	apiKeySecret: "video-summary-notes-api-key",
	temperature: 0.2,
	maxTokens: 8192,
	// Low: a summary needs little deliberation, and every reasoning token is waited for and paid for.
	reasoningEffort: "low",
	outputFolder: "Video summaries",
	outputLanguage: "",
	template: "",
	transport: "fetch",
	insertBelowSelection: false,
	captionLanguages: "",
	appendTranscript: false,
	partMinutes: 25,
	concurrency: 4,
	videosAtOnce: 2,
	contextWindow: 128_000,
	prices: "",
	confirmAboveTokens: 100_000,
	timeoutSeconds: 300,
	linkFromSource: false,
} satisfies Settings;

const EFFORTS: readonly (ReasoningEffort | "")[] = ["", "minimal", "low", "medium", "high"];

function num(value: unknown, fallback: number, min: number, max: number): number {
	return typeof value === "number" && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function str(value: unknown, fallback: string): string {
	return typeof value === "string" ? value : fallback;
}

/**
 * Settings as saved, made whole and sane: a data.json edited by hand, synced from an older version or
 * tampered with must not crash the plugin or carry values outside their range.
 */
export function normalizeSettings(raw: unknown): Settings {
	const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
	const d = DEFAULT_SETTINGS;
	return {
		// "…/v1/" calls the same API as "…/v1"; without the slash it also matches its provider preset.
		baseURL: trimEndChar(str(r.baseURL, d.baseURL).trim(), "/") || d.baseURL,
		model: str(r.model, d.model).trim(),
		apiKeySecret: str(r.apiKeySecret, d.apiKeySecret),
		temperature: r.temperature === null ? null : num(r.temperature, d.temperature, 0, 2),
		maxTokens: r.maxTokens === null ? null : Math.round(num(r.maxTokens, d.maxTokens, 256, 200_000)),
		reasoningEffort: EFFORTS.find((e) => e === r.reasoningEffort) ?? d.reasoningEffort,
		outputFolder: str(r.outputFolder, d.outputFolder),
		outputLanguage: str(r.outputLanguage, d.outputLanguage).trim(),
		template: str(r.template, d.template),
		transport: r.transport === "requestUrl" ? "requestUrl" : "fetch",
		insertBelowSelection: r.insertBelowSelection === true,
		captionLanguages: str(r.captionLanguages, d.captionLanguages).trim(),
		appendTranscript: r.appendTranscript === true,
		partMinutes: Math.round(num(r.partMinutes, d.partMinutes, 5, 120)),
		concurrency: Math.round(num(r.concurrency, d.concurrency, 1, 8)),
		videosAtOnce: Math.round(num(r.videosAtOnce, d.videosAtOnce, 1, 8)),
		contextWindow: Math.round(num(r.contextWindow, d.contextWindow, 4_000, 2_000_000)),
		prices: str(r.prices, d.prices),
		confirmAboveTokens: Math.round(num(r.confirmAboveTokens, d.confirmAboveTokens, 0, 100_000_000)),
		timeoutSeconds: Math.round(num(r.timeoutSeconds, d.timeoutSeconds, 10, 3600)),
		linkFromSource: r.linkFromSource === true,
	};
}

/** The provider preset served at this address (scheme, host and port); 127.0.0.1 and [::1] count as localhost. */
function presetAt(url: URL): ProviderPreset | undefined {
	const server = (u: URL) => `${u.protocol}//${u.hostname.replace(/^(?:127\.0\.0\.1|\[::1\])$/, "localhost")}:${u.port}`;
	return PROVIDER_PRESETS.find((p) => server(new URL(p.baseURL)) === server(url));
}

/** Refuses settings a model call cannot work with, before any call is made. */
export function endpointProblem(settings: Pick<Settings, "baseURL" | "model">): string | null {
	const words = hostWords();
	let url: URL | null = null;
	try {
		url = new URL(settings.baseURL);
	} catch {
		url = null;
	}
	if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
		return `The base URL "${settings.baseURL}" is not a web address. Set it ${words.baseURL}, e.g. https://api.openai.com/v1.`;
	}
	// A known provider's bare address ("http://localhost:11434") would send every call to a path it does not serve.
	const preset = url.pathname === "/" ? presetAt(url) : undefined;
	if (preset) return `The base URL "${settings.baseURL}" is missing the API path. Set it ${words.baseURL} to ${url.origin}${new URL(preset.baseURL).pathname}.`;
	if (!settings.model.trim()) return `No model is set. Enter a model name ${words.model}${words.modelNames}.`;
	return null;
}

/** The caption languages to ask YouTube for, best first: the setting's list, else the app's language, then English. */
export function captionLanguages(setting: string, appLanguage: string): string[] {
	const listed = setting
		.split(/[,\s]+/)
		.map((code) => code.trim())
		.filter((code) => /^[A-Z]{2,3}(?:-[A-Z0-9]{2,8})*$/i.test(code));
	const wanted = listed.length > 0 ? listed : [appLanguage, "en"];
	return [...new Set(wanted.filter((code) => code !== ""))];
}

/** The configured model's price: the user's table over the built-in one; null when unknown. */
export function priceOf(settings: Pick<Settings, "model" | "baseURL" | "prices">): Price | null {
	return priceFor(settings.model, settings.baseURL, { ...DEFAULT_PRICES, ...parsePriceTable(settings.prices).table });
}

/** The sampling and length parameters as a model request takes them: what the settings leave unset is not sent. */
export function modelParams(
	settings: Pick<Settings, "temperature" | "maxTokens" | "reasoningEffort">,
): Pick<EndpointOptions, "temperature" | "maxTokens" | "reasoningEffort"> {
	return {
		...(settings.temperature === null ? {} : { temperature: settings.temperature }),
		...(settings.maxTokens === null ? {} : { maxTokens: settings.maxTokens }),
		...(settings.reasoningEffort === "" ? {} : { reasoningEffort: settings.reasoningEffort }),
	};
}
