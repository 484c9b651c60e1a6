/**
 * Indices of the longest run of `values` that never goes down. Real timestamps rise through a transcript,
 * while a time said in speech ("verse 3:16") usually breaks that order, so keeping only this run drops
 * stray times without having to recognise them. Equal values may repeat (two speakers at 00:00:00).
 */
export function risingIndices(values: readonly number[]): number[] {
	// ends[k] is the index of the smallest value that can end a rising run of length k + 1 (patience sorting).
	const ends: number[] = [];
	const previous: number[] = [];
	values.forEach((value, i) => {
		let lo = 0;
		let hi = ends.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((values[ends[mid] ?? 0] ?? 0) <= value) lo = mid + 1;
			else hi = mid;
		}
		previous[i] = lo > 0 ? (ends[lo - 1] ?? -1) : -1;
		ends[lo] = i;
	});
	const run: number[] = [];
	for (let i = ends[ends.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) run.push(i);
	return run.reverse();
}
