import { describe, expect, it } from "vitest";

import { DEFAULT_PRICES, formatPriceTable, isLocalEndpoint, parsePriceTable, priceFor } from "../../../src/core/usage/prices";

const OPENAI = "https://api.openai.com/v1";
const OPENROUTER = "https://openrouter.ai/api/v1";

describe("DEFAULT_PRICES", () => {
	it("knows OpenAI's current models, directly and under OpenRouter's ids", () => {
		for (const id of ["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o4-mini"]) {
			expect(DEFAULT_PRICES[id]).toBeDefined();
			expect(DEFAULT_PRICES[`openai/${id}`]).toEqual(DEFAULT_PRICES[id]);
		}
		expect(DEFAULT_PRICES["gpt-4.1-mini"]).toEqual({ input: 0.4, output: 1.6, cachedInput: 0.1 });
	});

	it("prices output above input for every model", () => {
		for (const price of Object.values(DEFAULT_PRICES)) expect(price.output).toBeGreaterThan(price.input);
	});

	it("prices cached input below input for every model", () => {
		for (const price of Object.values(DEFAULT_PRICES)) expect(price.cachedInput).toBeLessThan(price.input);
	});
});

describe("priceFor", () => {
	it("finds the model in the table", () => {
		expect(priceFor("gpt-4.1-mini", OPENAI, DEFAULT_PRICES)).toEqual({ input: 0.4, output: 1.6, cachedInput: 0.1 });
		expect(priceFor("openai/gpt-4.1-mini", OPENROUTER, DEFAULT_PRICES)).toEqual({ input: 0.4, output: 1.6, cachedInput: 0.1 });
	});

	it("matches regardless of case, spaces and a date suffix", () => {
		expect(priceFor(" GPT-4o ", OPENAI, DEFAULT_PRICES)).toEqual({ input: 2.5, output: 10, cachedInput: 1.25 });
		expect(priceFor("gpt-4.1-nano-2025-04-14", OPENAI, DEFAULT_PRICES)).toEqual({ input: 0.1, output: 0.4, cachedInput: 0.025 });
	});

	it("returns null for a model the table does not know", () => {
		expect(priceFor("llama3.1", OPENAI, DEFAULT_PRICES)).toBeNull();
		expect(priceFor("gpt-4.1-mini", OPENAI, {})).toBeNull();
	});

	it("costs nothing on a local server, whatever the model", () => {
		for (const url of [
			"http://localhost:11434/v1",
			"http://127.0.0.1:1234/v1",
			"localhost:8080",
			"http://[::1]:11434/v1",
			"http://192.168.1.20:11434/v1",
			"http://studio.local:1234/v1",
		]) {
			expect(priceFor("gpt-4.1", url, DEFAULT_PRICES)).toEqual({ input: 0, output: 0 });
		}
	});

	it("costs nothing for OpenRouter's free variants", () => {
		expect(priceFor("meta-llama/llama-3.3-70b-instruct:free", OPENROUTER, DEFAULT_PRICES)).toEqual({ input: 0, output: 0 });
	});

	it("prices a user's own entry", () => {
		expect(priceFor("my-model", "https://example.com/v1", { "my-model": { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
	});
});

describe("isLocalEndpoint", () => {
	it("tells remote hosts from this device and the home network", () => {
		expect(isLocalEndpoint("https://api.openai.com/v1")).toBe(false);
		expect(isLocalEndpoint("http://172.20.0.5:8000/v1")).toBe(true);
		expect(isLocalEndpoint("http://172.32.0.5:8000/v1")).toBe(false);
		expect(isLocalEndpoint("http://localhostile.com/v1")).toBe(false);
		expect(isLocalEndpoint("")).toBe(false);
		expect(isLocalEndpoint("not a url at all")).toBe(false);
	});
});

describe("parsePriceTable", () => {
	it("reads `model = input / output` lines, skipping blanks and comments", () => {
		const text = [
			"# dollars per million tokens",
			"",
			"gpt-4.1-mini = 0.40 / 1.60",
			"  openai/gpt-4o = $2.50 / $10  # list price",
			"// my own server",
			"mistral:7b=0/0",
		].join("\n");
		expect(parsePriceTable(text)).toEqual({
			table: { "gpt-4.1-mini": { input: 0.4, output: 1.6 }, "openai/gpt-4o": { input: 2.5, output: 10 }, "mistral:7b": { input: 0, output: 0 } },
			badLines: [],
		});
	});

	it("reports the numbers of the lines it could not read, and keeps the rest", () => {
		const text =
			"gpt-4o = 2.5 / 10\r\ngpt-4o-mini = 0.15\n= 1 / 2\nmy model = 1 / 2\no4-mini = 1.1 / -4.4\no3 = one / two\ngpt-4.1 = 2 / 8 / 9 / 1\ngpt-5 = 1 / 2 / x\no4-mini = 1.10 / 4.40";
		const { table, badLines } = parsePriceTable(text);
		expect(badLines).toEqual([2, 3, 4, 5, 6, 7, 8]);
		expect(table).toEqual({ "gpt-4o": { input: 2.5, output: 10 }, "o4-mini": { input: 1.1, output: 4.4 } });
	});

	it("reads an optional third price, for cached input", () => {
		expect(parsePriceTable("gpt-4.1 = 2 / 8 / 0.5\nmine = 1 / 2 / 0").table).toEqual({
			"gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
			mine: { input: 1, output: 2, cachedInput: 0 },
		});
	});

	it("lets a later line for the same model win", () => {
		expect(parsePriceTable("gpt-4o = 1 / 2\ngpt-4o = 3 / 4").table).toEqual({ "gpt-4o": { input: 3, output: 4 } });
	});
});

describe("formatPriceTable", () => {
	it("writes one line a model, prices with at least cents", () => {
		expect(formatPriceTable({ "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 }, cheap: { input: 0.075, output: 0.3 } })).toBe(
			"gpt-4.1-mini = 0.40 / 1.60 / 0.10\ncheap = 0.075 / 0.30",
		);
	});

	it("reads back as the same table", () => {
		const odd = { ...DEFAULT_PRICES, tiny: { input: 1e-7, output: 12345.678 } };
		expect(parsePriceTable(formatPriceTable(odd))).toEqual({ table: odd, badLines: [] });
	});
});
