import { describe, expect, it } from "vitest";

import { runLimited } from "../../../src/core/plan/run-limited";

/** Resolves after `turns` macrotasks, or rejects with the signal's reason as soon as it aborts. */
function wait(turns: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) return onAbort();
		signal.addEventListener("abort", onAbort, { once: true });
		const step = (left: number) => {
			if (signal.aborted) return;
			if (left <= 0) {
				signal.removeEventListener("abort", onAbort);
				resolve();
			} else setTimeout(() => step(left - 1), 0);
		};
		step(turns);
	});
}

/** A gate that never opens by itself: the call ends only through its signal. */
function hang(signal: AbortSignal): Promise<never> {
	return new Promise((_, reject) =>
		signal.addEventListener("abort", () => reject(new DOMException("The user aborted a request.", "AbortError")), { once: true }),
	);
}

function counter() {
	let active = 0;
	let peak = 0;
	return {
		async around<R>(run: () => Promise<R>): Promise<R> {
			active++;
			peak = Math.max(peak, active);
			try {
				return await run();
			} finally {
				active--;
			}
		},
		get peak() {
			return peak;
		},
	};
}

const items = Array.from({ length: 12 }, (_, i) => i);

describe("runLimited", () => {
	it("never has more than `limit` calls in flight, and does use all of them", async () => {
		const c = counter();
		await runLimited(items, 3, (item, _, signal) => c.around(() => wait(1 + ((item * 7) % 5), signal)));
		expect(c.peak).toBe(3);
	});

	it("returns the results in input order even when later calls finish first", async () => {
		const finished: number[] = [];
		const results = await runLimited(items, 4, async (item, index, signal) => {
			await wait(items.length - item, signal);
			finished.push(item);
			return `${index}:${item * 2}`;
		});
		expect(results).toEqual(items.map((i) => `${i}:${i * 2}`));
		expect(finished).not.toEqual(items);
	});

	it.each([
		[0, 1],
		[-2, 1],
		[Number.NaN, 1],
		[2.7, 2],
		[Number.POSITIVE_INFINITY, items.length],
	])("takes a limit of %s as %s", async (limit, expected) => {
		const c = counter();
		await runLimited(items, limit, (_, __, signal) => c.around(() => wait(2, signal)));
		expect(c.peak).toBe(expected);
	});

	it("resolves an empty list without calling anything", async () => {
		let calls = 0;
		await expect(runLimited([], 2, async () => ++calls)).resolves.toEqual([]);
		expect(calls).toBe(0);
	});

	it("rejects with the first failure, aborts the calls in flight and starts no more", async () => {
		const started: number[] = [];
		const signals: AbortSignal[] = [];
		const boom = new Error("429 from the provider");
		const run = runLimited(items, 3, async (item, _, signal) => {
			started.push(item);
			signals.push(signal);
			if (item === 1) {
				await wait(2, signal);
				throw boom;
			}
			// The others answer with their own AbortError once aborted, as the SDK does.
			return hang(signal);
		});
		await expect(run).rejects.toBe(boom);
		expect(started).toEqual([0, 1, 2]);
		expect(signals.every((s) => s.aborted)).toBe(true);
	});

	it("rejects with a failure thrown before the call returns a promise", async () => {
		const bad = new TypeError("no model");
		await expect(
			runLimited(items, 2, (item) => {
				if (item === 0) throw bad;
				return Promise.resolve(item);
			}),
		).rejects.toBe(bad);
	});

	it("rejects at once with the reason when the caller aborts, and aborts the calls in flight", async () => {
		const outer = new AbortController();
		const signals: AbortSignal[] = [];
		const run = runLimited(
			items,
			2,
			(_, __, signal) => {
				signals.push(signal);
				return hang(signal);
			},
			outer.signal,
		);
		const reason = new Error("cancelled by the user");
		setTimeout(() => outer.abort(reason), 0);
		await expect(run).rejects.toBe(reason);
		expect(signals).toHaveLength(2);
		expect(signals.every((s) => s.aborted)).toBe(true);
	});

	it("rejects without calling anything when the signal is already aborted", async () => {
		const outer = new AbortController();
		outer.abort();
		let calls = 0;
		await expect(runLimited(items, 2, async () => ++calls, outer.signal)).rejects.toMatchObject({ name: "AbortError" });
		expect(calls).toBe(0);
	});
});
