/**
 * Quotation marks as models write them in any language: straight and curly, German „…“, French and Swiss
 * «…», Japanese 「…」 and 『…』. Each opening mark is paired with the marks that may close it.
 */
const CLOSERS: Record<string, string> = {
	'"': '"”',
	"“": "”“",
	"”": "”",
	"„": "“”",
	"«": "»",
	"»": "«",
	"‘": "’‘",
	"‚": "‘’",
	"‹": "›",
	"「": "」",
	"『": "』",
	"'": "'",
};

// What may follow a closing mark on a quote's line: punctuation, then a time, a speaker or a source, each short.
// Tried only on a tail with its spaces collapsed and no longer than MAX_TAIL, so its runs of spaces stay short.
// eslint-disable-next-line regexp/no-super-linear-backtracking -- bounded input (MAX_TAIL).
const TAIL = /^\s*[.,;!?…]?\s*(?:(?:[-–—~]+|,)\s*[^"“”«»\n]{0,80}|\([^()\n]{0,80}\)|\[[^[\]\n]{0,40}\])?\s*[.,;]?\s*$/;
const MAX_TAIL = 200;
const EMPHASIS = /^[*_]{1,3}/;

/** `text` without emphasis marks at its end, cut by hand (`[*_]+$` is retried from every position). */
function withoutTrailingEmphasis(text: string): string {
	let end = text.length;
	while (end > 0 && (text.charAt(end - 1) === "*" || text.charAt(end - 1) === "_")) end--;
	return text.slice(0, end);
}

export function opensQuote(text: string): boolean {
	return CLOSERS[text.replace(EMPHASIS, "").charAt(0)] !== undefined;
}

/**
 * The words inside a line that is one quotation, as `"…" — 0:35`, `*“…”* (Speaker)` or `«…»`; a line whose
 * closing mark never comes (a quote wrapped or cut off) counts too. Null when the line is prose that merely
 * starts with a quotation.
 */
export function wholeQuote(line: string): string | null {
	const text = line.trim().replace(EMPHASIS, "");
	const closers = CLOSERS[text.charAt(0)];
	if (closers === undefined) return null;
	let close = -1;
	for (const mark of closers) close = Math.max(close, text.lastIndexOf(mark));
	if (close <= 0) return withoutTrailingEmphasis(text.slice(1)).trim();
	const tail = text
		.slice(close + 1)
		.replace(EMPHASIS, "")
		.replace(/\s+/g, " ");
	return tail.length <= MAX_TAIL && TAIL.test(tail) ? withoutTrailingEmphasis(text.slice(1, close)).trim() : null;
}

interface QuotedSpan {
	/** Where the span starts and ends in the text, marks included. */
	index: number;
	end: number;
	words: string;
}

const MIN_WORDS = 3;

/**
 * Quotations inside a sentence (`He says "…" and …`) of three words or more; shorter ones are terms or
 * scare quotes ("Gestalt"), not claims about what was said. Straight single quotes are left alone: they are
 * apostrophes far more often than quotation marks.
 */
export function quotedSpans(text: string): QuotedSpan[] {
	const spans: QuotedSpan[] = [];
	for (let i = 0; i < text.length; i++) {
		const closers = CLOSERS[text.charAt(i)];
		if (closers === undefined || text.charAt(i) === "'" || /[\p{L}\d]/u.test(text.charAt(i - 1))) continue;
		let close = -1;
		for (let j = i + 1; j < text.length && close < 0; j++) if (closers.includes(text.charAt(j))) close = j;
		if (close < 0) break;
		const words = text.slice(i + 1, close).trim();
		if (words.split(/\s+/).length >= MIN_WORDS) spans.push({ index: i, end: close + 1, words });
		i = close;
	}
	return spans;
}

/** The quotations in one quote entry: models sometimes list two on one line (`"…" and "…"`). */
export function quotations(entry: string): string[] {
	const spans = quotedSpans(entry);
	return spans.length >= 2 ? spans.map((s) => s.words) : [entry];
}
