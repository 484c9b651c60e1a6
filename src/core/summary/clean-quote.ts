import { stripEmphasis, TIME_PATTERN } from "./read-heading";

const TIME_AFTER = new RegExp(String.raw`\s*(?:[-–—,]\s*)?(?:at\s+)?${TIME_PATTERN}\s*[.,]?$`, "i");
const TIME_BEFORE = new RegExp(String.raw`^${TIME_PATTERN}\s*[-–—:]?\s*`, "i");
const QUOTED = /^["“”„«‘’'»]\s*([\s\S]*?)\s*["”“»’‘'«]\s*[.,;]?$/;

/** A quote's words alone: without the time the model put next to it, emphasis and quotation marks. */
export function cleanQuote(text: string): string {
	let quote = text.trim();
	// Each mark may wrap another (*"…"* (1:23)), so peel until nothing changes.
	for (let previous = ""; previous !== quote; ) {
		previous = quote;
		quote = stripEmphasis(quote.replace(TIME_AFTER, "").replace(TIME_BEFORE, ""));
		quote = (QUOTED.exec(quote)?.[1] ?? quote).trim();
	}
	// An answer cut off mid-quote leaves the opening mark alone.
	if (/^["“„«]/.test(quote) && !/["”»]/.test(quote.slice(1))) quote = quote.slice(1).trim();
	return quote;
}
