/**
 * Trimming by hand. A pattern such as `[*_]+$` or `\/+$` is retried from every position of a long run of those
 * characters, which is quadratic; these walk each end once.
 */

/** `text` without the run of characters passing `lead` at its start and `trail` at its end. */
export function trimRuns(text: string, lead: (c: string) => boolean, trail = lead): string {
	let from = 0;
	while (from < text.length && lead(text.charAt(from))) from++;
	let to = text.length;
	while (to > from && trail(text.charAt(to - 1))) to--;
	return text.slice(from, to);
}

/** `text` without any number of `char` at its end: "https://host/v1//" → "https://host/v1". */
export function trimEndChar(text: string, char: string): string {
	return trimRuns(
		text,
		() => false,
		(c) => c === char,
	);
}
