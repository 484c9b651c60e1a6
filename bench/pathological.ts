/**
 * The pathological-input table of `npm run bench`: each input of bench/pathological-cases.ts at 1×, 10×, 100×
 * (and 1000× where the case allows) of its base size, the time each took (the median of a few runs), and the
 * growth from one size to the next: about 10× per 10× is linear, 100× per 10× quadratic.
 */
import { PATHOLOGICAL_CASES } from "./pathological-cases";

function timeRun(run: () => boolean, times: number): { ms: number; right: boolean } {
	const all: number[] = [];
	let right = true;
	for (let i = 0; i < times; i++) {
		const began = performance.now();
		right = run() && right;
		all.push(performance.now() - began);
	}
	all.sort((a, b) => a - b);
	return { ms: all[Math.floor(all.length / 2)] ?? Number.NaN, right };
}

export function pathologicalTable(): Record<string, string>[] {
	return PATHOLOGICAL_CASES.map((c) => {
		const row: Record<string, string> = { input: c.name, where: c.where, "base (1×)": `${c.base.toLocaleString("en")} ${c.unit}` };
		let previous: number | null = null;
		let allRight = true;
		for (let multiple = 1; multiple <= c.most; multiple *= 10) {
			const { ms, right } = timeRun(() => c.run(c.base * multiple), multiple >= 1000 ? 1 : 5);
			allRight &&= right;
			row[`${multiple}× ms`] = ms.toFixed(ms < 10 ? 2 : 1);
			if (previous !== null) row[`÷ ${multiple / 10}×`] = `${(ms / previous).toFixed(1)}×`;
			previous = ms;
		}
		row.right = allRight ? "yes" : "NO";
		return row;
	});
}
