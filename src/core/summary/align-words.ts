/**
 * Lines a quoted piece up against a stretch of transcript words, the way a reader would check a quote:
 * every quoted word must be accounted for (matched, changed or missing, one edit each), the transcript may
 * run on freely before and after, and a run of transcript words the model left out in the middle (an
 * aside, a repeated word) counts as one edit however long it is. The run's length is reported so that the
 * caller can refuse long ones.
 */

export interface Alignment {
	/** Edits: changed words, quoted words missing from the transcript, and runs of skipped transcript words. */
	cost: number;
	/** Quoted words that met an alike transcript word. */
	matched: number;
	/** Transcript words skipped inside the match. */
	skipped: number;
	/** Indices of the first and last transcript words taking part. */
	first: number;
	last: number;
}

/** Which match to keep when several are equally good: the earliest, or the latest (when searching backwards). */
export type Prefer = "early" | "late";

/** Whether `a` is the better match: fewer edits, then more matched words, then fewer skipped, then nearer. */
export function beats(a: Alignment, b: Alignment, prefer: Prefer): boolean {
	if (a.cost !== b.cost) return a.cost < b.cost;
	if (a.matched !== b.matched) return a.matched > b.matched;
	if (a.skipped !== b.skipped) return a.skipped < b.skipped;
	return prefer === "late" ? a.first > b.first : a.last < b.last;
}

// A path's score packs the comparison into one number, lowest best: edits first, then matched words
// (more is better), then skipped words. Exact while pieces and windows stay under 16,000 words.
const EDIT = 2 ** 30;
const MATCH = -(2 ** 15);
const SKIP = 1;

/** One row of the table, per transcript position: the best path so far and where it began and last paired. */
interface Row {
	score: Float64Array;
	first: Int32Array;
	last: Int32Array;
}

function row(width: number): Row {
	return { score: new Float64Array(width), first: new Int32Array(width), last: new Int32Array(width) };
}

function clear(r: Row): void {
	r.score.fill(Infinity);
	r.first.fill(-1);
}

/** Moves to cell `j` of `to` from cell `k` of `from` at a price, pairing transcript word `at` if it is not -1. */
function step(to: Row, j: number, from: Row, k: number, price: number, at: number): void {
	const score = (from.score[k] ?? Infinity) + price;
	if (!(score < (to.score[j] ?? Infinity))) return;
	const first = from.first[k] ?? -1;
	to.score[j] = score;
	to.first[j] = at >= 0 && first < 0 ? at : first;
	to.last[j] = at >= 0 ? at : (from.last[k] ?? -1);
}

/**
 * Best alignment of `piece` (word ids) inside `words[lo, hi)`, or null when nothing lines up.
 * `alike(q, t)` tells whether the quoted word id `q` may stand for the transcript word id `t`.
 */
export function alignWords(
	piece: readonly number[],
	words: ArrayLike<number>,
	lo: number,
	hi: number,
	alike: (q: number, t: number) => boolean,
	prefer: Prefer,
): Alignment | null {
	const width = hi - lo + 1;
	if (piece.length === 0 || width < 2) return null;
	// Two states: `match` ends on a quoted word, `skip` ends inside a run of skipped transcript words.
	let match = row(width);
	let skip = row(width);
	let nextMatch = row(width);
	let nextSkip = row(width);
	clear(match);
	clear(skip);
	match.score.fill(0); // the transcript may start anywhere
	for (const q of piece) {
		clear(nextMatch);
		clear(nextSkip);
		step(nextMatch, 0, match, 0, EDIT, -1);
		for (let j = 1; j < width; j++) {
			const at = lo + j - 1;
			const price = alike(q, words[at] ?? -1) ? MATCH : EDIT;
			step(nextMatch, j, match, j - 1, price, at);
			step(nextMatch, j, skip, j - 1, price, at);
			// The quoted word is not in the transcript.
			step(nextMatch, j, match, j, EDIT, -1);
			step(nextMatch, j, skip, j, EDIT, -1);
			// A skipped run only makes sense once the match has begun; before it, the free start covers it.
			if ((nextMatch.first[j - 1] ?? -1) >= 0) step(nextSkip, j, nextMatch, j - 1, EDIT + SKIP, -1);
			step(nextSkip, j, nextSkip, j - 1, SKIP, -1);
		}
		[match, nextMatch] = [nextMatch, match];
		[skip, nextSkip] = [nextSkip, skip];
	}
	let best = -1;
	for (let j = 1; j < width; j++) {
		if ((match.first[j] ?? -1) < 0) continue;
		const score = match.score[j] ?? Infinity;
		const bestScore = match.score[best] ?? Infinity;
		// On a tie the earliest end wins, or when searching backwards the latest start.
		if (best < 0 || score < bestScore || (score === bestScore && prefer === "late" && (match.first[j] ?? -1) > (match.first[best] ?? -1))) best = j;
	}
	return best < 0 ? null : unpack(match.score[best] ?? Infinity, match.first[best] ?? -1, match.last[best] ?? -1);
}

function unpack(score: number, first: number, last: number): Alignment {
	const cost = Math.round(score / EDIT);
	const rest = score - cost * EDIT;
	const matched = Math.ceil(rest / MATCH);
	return { cost, matched, skipped: rest - matched * MATCH, first, last };
}
