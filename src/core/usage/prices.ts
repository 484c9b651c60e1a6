/** US dollars per million tokens. */
export interface Price {
	input: number;
	output: number;
	/** Prompt tokens served from the provider's prompt cache; absent: billed as `input`. */
	cachedInput?: number;
}

/** Model id → price; the user can edit it, because list prices change more often than plugin releases. */
export type PriceTable = Record<string, Price>;

// OpenAI's standard-tier list prices (platform.openai.com/docs/pricing), with the cached-input rate it bills
// for the part of a prompt it reports in `prompt_tokens_details.cached_tokens`; batch prices are lower still.
const OPENAI_PRICES: PriceTable = {
	"gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
	"gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
	"gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 0.005 },
	"gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
	"gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
	"gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
	"gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
	"gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
	"o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
};

/** OpenRouter passes OpenAI's models through at OpenAI's prices, under `openai/…` ids. */
export const DEFAULT_PRICES: PriceTable = {
	...OPENAI_PRICES,
	...Object.fromEntries(Object.entries(OPENAI_PRICES).map(([id, price]) => [`openai/${id}`, price])),
};

const FREE: Price = { input: 0, output: 0 };

function hostOf(baseURL: string): string | null {
	const text = baseURL.trim();
	if (!text) return null;
	try {
		return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname.toLowerCase();
	} catch {
		return null;
	}
}

/**
 * A server on this device or the home network (Ollama on a desktop, reached from a phone) costs nothing per
 * token, whatever model it runs.
 */
export function isLocalEndpoint(baseURL: string): boolean {
	const host = hostOf(baseURL);
	if (host === null) return false;
	if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) return true;
	if (host === "[::1]" || host === "0.0.0.0") return true;
	const ip = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
	if (!ip) return false;
	const a = Number(ip[1]);
	const b = Number(ip[2]);
	return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

// The API answers with dated snapshots (`gpt-4.1-mini-2025-04-14`) of the ids people configure.
const DATED = /-\d{4}-\d{2}-\d{2}$/;

/**
 * The price of `model` at `baseURL`: free on a local server and for OpenRouter's `:free` variants, else the
 * table's entry for the id (case-insensitive, without a date suffix); null when the table does not know it.
 */
export function priceFor(model: string, baseURL: string, table: PriceTable): Price | null {
	if (isLocalEndpoint(baseURL)) return FREE;
	const id = model.trim();
	if (id.endsWith(":free")) return FREE;
	const exact = table[id];
	if (exact) return exact;
	const wanted = [id.toLowerCase(), id.toLowerCase().replace(DATED, "")];
	for (const [key, price] of Object.entries(table)) {
		if (wanted.includes(key.toLowerCase())) return price;
	}
	return null;
}

export interface ParsedPriceTable {
	table: PriceTable;
	/** 1-based numbers of the lines that were neither blank, a comment, nor `model = input / output [/ cached input]`. */
	badLines: number[];
}

const AMOUNT = /^\$?((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$/i;

function amount(text: string): number | null {
	const m = AMOUNT.exec(text.trim());
	return m ? Number(m[1]) : null;
}

/**
 * Reads a table the user typed, one `model = input / output` a line (`gpt-4.1-mini = 0.40 / 1.60`, dollars
 * per million tokens), with an optional third price for cached input (`… / 1.60 / 0.10`). `#` starts a
 * comment; blank lines are skipped; a later line for the same model wins.
 */
export function parsePriceTable(text: string): ParsedPriceTable {
	const table: PriceTable = {};
	const badLines: number[] = [];
	text.split(/\r\n|\r|\n/).forEach((raw, i) => {
		const hash = raw.indexOf("#");
		const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
		if (!line || line.startsWith("//")) return;
		const eq = line.indexOf("=");
		const model = eq > 0 ? line.slice(0, eq).trim() : "";
		const prices = eq > 0 ? line.slice(eq + 1).split("/") : [];
		const counted = prices.length === 2 || prices.length === 3;
		const input = counted ? amount(prices[0] ?? "") : null;
		const output = counted ? amount(prices[1] ?? "") : null;
		const cachedInput = prices.length === 3 ? amount(prices[2] ?? "") : undefined;
		if (!model || /\s/.test(model) || input === null || output === null || cachedInput === null) badLines.push(i + 1);
		else table[model] = { input, output, ...(cachedInput === undefined ? {} : { cachedInput }) };
	});
	return { table, badLines };
}

/** Cents are how prices are quoted; finer prices keep all their digits. */
function formatAmount(n: number): string {
	const plain = String(n);
	const decimals = plain.includes(".") ? (plain.split(".")[1] ?? "").length : 0;
	return !plain.includes("e") && decimals < 2 ? n.toFixed(2) : plain;
}

/** The table in the format parsePriceTable reads, one model a line in the table's order. */
export function formatPriceTable(table: PriceTable): string {
	return Object.entries(table)
		.map(([model, price]) => {
			const cached = price.cachedInput === undefined ? "" : ` / ${formatAmount(price.cachedInput)}`;
			return `${model} = ${formatAmount(price.input)} / ${formatAmount(price.output)}${cached}`;
		})
		.join("\n");
}
