import { wholeQuote } from "./quote-marks";
import { stripEmphasis, TIME_PATTERN, withoutLinks } from "./read-heading";

// TIME_PATTERN's runs of spaces around its brackets and dash can trade characters, so these patterns are
// only ever tried on the few characters at either end of a quote (`BOUND`), where a time can stand: over a
// whole quote of spaces they took minutes.
const BOUND = 80;

const TIME_AFTER = new RegExp(String.raw`\s*(?:[-–—,]\s*)?(?:at\s+)?${TIME_PATTERN}\s*[.,]?$`, "i");

const TIME_BEFORE = new RegExp(String.raw`^${TIME_PATTERN}\s*[-–—:]?\s*`, "i");

function withoutTimes(quote: string): string {
	const text = quote.trimEnd();
	const tail = text.slice(-BOUND);
	const after = TIME_AFTER.exec(tail);
	const cut = after ? text.slice(0, text.length - tail.length + after.index) : text;
	const before = TIME_BEFORE.exec(cut.slice(0, BOUND));
	return before ? cut.slice(before[0].length) : cut;
}

/** A quote's words alone: without the time, link or speaker the model put next to it, emphasis and quotation marks. */
export function cleanQuote(text: string): string {
	let quote = withoutLinks(text).trim();
	// Each mark may wrap another (*"…"* (1:23)), so peel until nothing changes; a few layers at most, so that
	// a line of a thousand times is not peeled a thousand times.
	for (let previous = "", layers = 0; previous !== quote && layers < 4; layers++) {
		previous = quote;
		quote = stripEmphasis(withoutTimes(quote));
		quote = (wholeQuote(quote) ?? quote).trim();
	}
	return quote;
}
