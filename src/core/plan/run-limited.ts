/** Why a signal was aborted; old runtimes leave `reason` unset. */
function reasonOf(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * Runs `work` on every item with at most `limit` calls in flight (providers answer 429 to bursts), and
 * resolves with the results in input order. The first failure aborts the calls still in flight and is the
 * rejection: their AbortErrors, caused by that abort, would only hide what went wrong. An abort of `signal`
 * rejects at once with its reason. A `limit` below 1, fractional or NaN is taken as the next valid count.
 */
export function runLimited<T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
	signal?: AbortSignal,
): Promise<R[]> {
	const max = limit >= 1 ? Math.floor(limit) : 1;
	return new Promise<R[]>((resolve, reject) => {
		if (signal?.aborted) {
			reject(reasonOf(signal));
			return;
		}
		const controller = new AbortController();
		const results = new Array<R>(items.length);
		let next = 0;
		let active = 0;
		let finished = 0;
		let settled = false;

		const onOuterAbort = () => fail(signal ? reasonOf(signal) : undefined);
		signal?.addEventListener("abort", onOuterAbort, { once: true });

		function settle(): boolean {
			if (settled) return false;
			settled = true;
			signal?.removeEventListener("abort", onOuterAbort);
			return true;
		}

		function fail(error: unknown): void {
			if (!settle()) return;
			controller.abort(error);
			reject(error);
		}

		function launch(): void {
			while (!settled && active < max && next < items.length) {
				const index = next++;
				active++;
				let call: Promise<R>;
				try {
					call = work(items[index] as T, index, controller.signal);
				} catch (e) {
					call = Promise.reject(e);
				}
				Promise.resolve(call).then(
					(value) => {
						active--;
						if (settled) return;
						results[index] = value;
						finished++;
						if (finished === items.length) {
							if (settle()) resolve(results);
						} else launch();
					},
					(error: unknown) => {
						active--;
						fail(error);
					},
				);
			}
		}

		if (items.length === 0) {
			settle();
			resolve(results);
		} else launch();
	});
}
