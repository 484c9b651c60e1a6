/**
 * Words as the quote checker compares them: lower case, no accents, no apostrophes, split at every
 * other punctuation mark (so "state-of-the-art" and "state of the art" agree), fillers left out.
 */

export interface Word {
	/** The compared form. */
	norm: string;
	/** Where the word sits in the text it came from, so the transcript's own spelling can be copied out. */
	from: number;
	to: number;
}

// Marks included, so that a letter followed by a combining accent stays one word.
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const APOSTROPHES = /['’ʼ]/;

// A hand-written scanner rather than a global regex: a four-hour transcript has some 40,000 words, and
// allocating a match object for each made reading it the slowest step of checking a summary.
function isWordChar(text: string, at: number): boolean {
	const code = text.charCodeAt(at);
	if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
	return LETTER_OR_DIGIT.test(text.charAt(at));
}

// Speech noise that captions keep and models drop (or the other way round).
const FILLERS = new Set(["uh", "um", "uhm", "umm", "uhh", "hmm", "mhm", "huh", "er", "erm"]);

export function normalizeWord(raw: string): string {
	// Only words outside ASCII can carry accents to fold away, and normalizing is slow.
	let word = /[\u0080-\uffff]/.test(raw) ? raw.normalize("NFKD").replace(/\p{M}/gu, "") : raw;
	if (APOSTROPHES.test(word)) word = word.replace(/['’ʼ]/g, "");
	return word.toLowerCase();
}

/** The words of `text` that count when comparing, with their spans in `text`. */
export function wordsOf(text: string): Word[] {
	const words: Word[] = [];
	scanWords(text, new Map(), (norm, from, to) => words.push({ norm, from, to }));
	return words;
}

/**
 * Calls `visit` for each word of `text` that counts when comparing. A long transcript repeats the same
 * few thousand words, so a caller reading many texts passes one `known` map to normalize each only once.
 */
export function scanWords(text: string, known: Map<string, string>, visit: (norm: string, from: number, to: number) => void): void {
	let at = 0;
	while (at < text.length) {
		if (!isWordChar(text, at)) {
			at++;
			continue;
		}
		const from = at;
		// Apostrophes stay inside a word ("you're") but quotation marks around it do not.
		do at++;
		while (at < text.length && (isWordChar(text, at) || (APOSTROPHES.test(text.charAt(at)) && isWordChar(text, at + 1))));
		const raw = text.slice(from, at);
		let norm = known.get(raw);
		if (norm === undefined) known.set(raw, (norm = normalizeWord(raw)));
		if (!FILLERS.has(norm)) visit(norm, from, at);
	}
}

/**
 * Whether two normalized words may stand for each other: equal, one a cut-off form of the other
 * ("terab"/"terabytes"), or a caption typo away ("set"/"sat", "predition"/"prediction"). Numbers must be
 * equal, since a changed number changes what was said.
 */
export function wordsAlike(a: string, b: string): boolean {
	if (a === b) return true;
	const shorter = Math.min(a.length, b.length);
	if (shorter < 3) return false;
	// Short words only change a letter ("set"/"sat"); else "the" would stand for "they", "them" and "there".
	if (shorter === 3 && a.length !== b.length) return false;
	const alike = a.startsWith(b) || b.startsWith(a) || editDistanceAtMost(a, b, shorter >= 8 ? 2 : 1);
	return alike && !/\d/.test(a + b);
}

// Longer words (a run of letters with no space, pasted or invented) are only ever equal or cut off: their
// table would cost the product of their lengths.
const MAX_EDITED_WORD = 64;

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
	if (Math.abs(a.length - b.length) > limit) return false;
	// Only the middles between a common start and a common end can differ; most pairs of words differ
	// in more than `limit` characters there, which settles them without any table.
	let head = 0;
	while (head < a.length && a[head] === b[head]) head++;
	let endA = a.length;
	let endB = b.length;
	while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	if (endA - head <= limit && endB - head <= limit) return true;
	if (limit === 1 || endA - head > MAX_EDITED_WORD || endB - head > MAX_EDITED_WORD) return false;
	const x = a.slice(head, endA);
	const y = b.slice(head, endB);
	let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) {
			const cost = x[i - 1] === y[j - 1] ? 0 : 1;
			current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
		}
		previous = current;
	}
	return (previous[y.length] ?? Infinity) <= limit;
}
