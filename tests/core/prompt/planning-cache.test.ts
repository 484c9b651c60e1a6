import { describe, expect, it } from "vitest";

import { fileBackedPlanningCache, type PlanningKey, type TextFile } from "../../../src/core/prompt/planning-cache";

/** A file in memory, with what was written, and faults on demand. */
function memoryFile(initial: string | null = null): TextFile & { text: string | null; writes: number; failWrites: boolean; failReads: boolean } {
	const file = {
		text: initial,
		writes: 0,
		failWrites: false,
		failReads: false,
		read: () => (file.failReads ? Promise.reject(new Error("EACCES")) : Promise.resolve(file.text)),
		write: (text: string) => {
			if (file.failWrites) return Promise.reject(new Error("ENOSPC"));
			file.writes++;
			file.text = text;
			return Promise.resolve();
		},
	};
	return file;
}

const KEY: PlanningKey = { endpoint: "https://api.openai.com/v1", model: "gpt-4.1-mini", opening: "the template" };

describe("the planning cache", () => {
	it("gives back a saved answer for the same endpoint, model and opening, and nothing when any of them differs", async () => {
		const cache = fileBackedPlanningCache(memoryFile());
		expect(await cache.get(KEY)).toBeUndefined();
		await cache.set(KEY, "I will imitate the example.");
		expect(await cache.get({ ...KEY })).toBe("I will imitate the example.");
		expect(await cache.get({ ...KEY, endpoint: "http://127.0.0.1:11434/v1" })).toBeUndefined();
		expect(await cache.get({ ...KEY, model: "gpt-5-mini" })).toBeUndefined();
		expect(await cache.get({ ...KEY, opening: "the template, edited" })).toBeUndefined();
	});

	it("keeps the file as version 1 with the newest entry first, one entry per key, at most eight", async () => {
		const file = memoryFile();
		const cache = fileBackedPlanningCache(file);
		for (let i = 0; i < 10; i++) await cache.set({ ...KEY, model: `m${i}` }, `plan ${i}`);
		await cache.set({ ...KEY, model: "m5" }, "plan 5 again");
		const saved = JSON.parse(file.text ?? "") as { version: number; entries: { model: string; answer: string }[] };
		expect(saved.version).toBe(1);
		expect(saved.entries.map((e) => e.model)).toEqual(["m5", "m9", "m8", "m7", "m6", "m4", "m3", "m2"]);
		expect(saved.entries[0]?.answer).toBe("plan 5 again");
		expect(await cache.get({ ...KEY, model: "m1" })).toBeUndefined();
	});

	it.each([
		["not JSON", "{ broken"],
		["another version", JSON.stringify({ version: 2, entries: [{ ...KEY, answer: "x" }] })],
		["entries of another shape", JSON.stringify({ version: 1, entries: [{ ...KEY, answer: 42 }, "text", null] })],
	])("reads a file holding %s as empty, and replaces it on the next save", async (_, text) => {
		const file = memoryFile(text);
		const cache = fileBackedPlanningCache(file);
		expect(await cache.get(KEY)).toBeUndefined();
		await cache.set(KEY, "fresh");
		expect(JSON.parse(file.text ?? "")).toEqual({ version: 1, entries: [{ ...KEY, answer: "fresh" }] });
	});

	it("an unreadable file is a miss; a failed write rejects that save only, and the next save still lands", async () => {
		const file = memoryFile();
		const cache = fileBackedPlanningCache(file);
		file.failReads = true;
		expect(await cache.get(KEY)).toBeUndefined();
		file.failReads = false;
		file.failWrites = true;
		await expect(cache.set(KEY, "lost")).rejects.toThrow("ENOSPC");
		file.failWrites = false;
		await cache.set({ ...KEY, model: "other" }, "kept");
		expect(await cache.get({ ...KEY, model: "other" })).toBe("kept");
		expect(await cache.get(KEY)).toBeUndefined();
	});

	it("two saves at once both land (writes are queued, each reading what the one before wrote)", async () => {
		const file = memoryFile();
		const cache = fileBackedPlanningCache(file);
		await Promise.all([cache.set({ ...KEY, model: "a" }, "plan a"), cache.set({ ...KEY, model: "b" }, "plan b")]);
		expect(file.writes).toBe(2);
		expect(await cache.get({ ...KEY, model: "a" })).toBe("plan a");
		expect(await cache.get({ ...KEY, model: "b" })).toBe("plan b");
	});
});
