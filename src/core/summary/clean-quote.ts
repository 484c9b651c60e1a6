import { wholeQuote } from "./quote-marks";
import { stripEmphasis, TIME_PATTERN, withoutLinks } from "./read-heading";

const TIME_AFTER = new RegExp(String.raw`\s*(?:[-–—,]\s*)?(?:at\s+)?${TIME_PATTERN}\s*[.,]?$`, "i");
const TIME_BEFORE = new RegExp(String.raw`^${TIME_PATTERN}\s*[-–—:]?\s*`, "i");

/** A quote's words alone: without the time, link or speaker the model put next to it, emphasis and quotation marks. */
export function cleanQuote(text: string): string {
	let quote = withoutLinks(text).trim();
	// Each mark may wrap another (*"…"* (1:23)), so peel until nothing changes; a few layers at most, so that
	// a line of a thousand times is not peeled a thousand times.
	for (let previous = "", layers = 0; previous !== quote && layers < 4; layers++) {
		previous = quote;
		quote = stripEmphasis(quote.replace(TIME_AFTER, "").replace(TIME_BEFORE, ""));
		quote = (wholeQuote(quote) ?? quote).trim();
	}
	return quote;
}
