import type { CheckedSection } from "../types";

/**
 * The note's order: the overview first, the timed sections by start, each running to the next one's start (the
 * last to the end of the transcript), then the takeaways. Untimed asides never take part in the ranges.
 */
export function inTimeOrder(sections: CheckedSection[], lastStart: number): CheckedSection[] {
	const main = sections.filter((s) => s.aside === undefined).sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
	const ranged = main.map((s, i) => (s.start === null ? s : { ...s, end: main[i + 1]?.start ?? Math.max(lastStart, s.start) }));
	return [...sections.filter((s) => s.aside === "overview"), ...ranged, ...sections.filter((s) => s.aside === "closing")];
}
