import type { Transcript } from "../types";
import { type Alignment, alignWords, beats, type Prefer } from "./align-words";
import { scanWords, wordsAlike, wordsOf } from "./normalize-words";

/**
 * Finding a model's quote in the transcript. The transcript is turned into words once; each quote is
 * split at its ellipses into pieces, the longest piece is looked up through the word n-grams it shares
 * with the transcript, and the other pieces are looked up the same way just before or after it. Only a
 * few candidate places are ever aligned, so a long transcript costs little more than a short one.
 */

export interface TranscriptWords {
	segments: Transcript["segments"];
	/** Per word, in transcript order and without fillers: its id, its segment and its span in that segment's text. */
	ids: Int32Array;
	segment: Int32Array;
	from: Int32Array;
	to: Int32Array;
	vocabulary: Vocabulary;
	/** Where each transcript word id occurs: `places[offsets[id] .. offsets[id + 1])`, in order. */
	offsets: Int32Array;
	places: Int32Array;
}

/** Word ids: the transcript's words first, then words that only the quotes use. */
interface Vocabulary {
	ids: Map<string, number>;
	spellings: string[];
}

export interface FoundQuote {
	/** The transcript's own words for each piece, joined by " … ". */
	text: string;
	/** Index of the segment where the quote starts. */
	segment: number;
}

// Pieces further apart than this are not one quote (roughly two to three minutes of speech).
const MAX_GAP_WORDS = 400;
const MAX_CANDIDATES = 8;
// Aligning a piece costs its length times its window (about twice its length), so a longer piece is looked
// up in runs of this many words, placed one after another like pieces, and shown as one stretch: a quote
// of 5,600 words took seconds as one piece.
const MAX_PIECE_WORDS = 100;

export function indexTranscript(transcript: Transcript): TranscriptWords {
	// Typed arrays sized for the most words the text could hold: growing plain arrays word by word was
	// most of the time spent on a long transcript.
	const most = transcript.segments.reduce((sum, seg) => sum + Math.ceil(seg.text.length / 2), 0);
	const ids = new Int32Array(most);
	const segment = new Int32Array(most);
	const from = new Int32Array(most);
	const to = new Int32Array(most);
	const vocabulary: Vocabulary = { ids: new Map(), spellings: [] };
	const known = new Map<string, string>();
	let count = 0;
	transcript.segments.forEach((seg, s) => {
		// Context that was never said (an earlier summary's own prose) is no place a quote can be found.
		if (seg.said === false) return;
		scanWords(seg.text, known, (norm, start, end) => {
			ids[count] = idOf(vocabulary, norm);
			segment[count] = s;
			from[count] = start;
			to[count] = end;
			count++;
		});
	});
	const words = ids.subarray(0, count);
	const offsets = new Int32Array(vocabulary.spellings.length + 1);
	for (const id of words) offsets[id + 1] = (offsets[id + 1] ?? 0) + 1;
	for (let id = 1; id < offsets.length; id++) offsets[id] = (offsets[id] ?? 0) + (offsets[id - 1] ?? 0);
	const filled = offsets.slice(0, -1);
	const places = new Int32Array(count);
	words.forEach((id, at) => {
		const slot = filled[id] ?? 0;
		places[slot] = at;
		filled[id] = slot + 1;
	});
	return {
		segments: transcript.segments,
		ids: words,
		segment: segment.subarray(0, count),
		from: from.subarray(0, count),
		to: to.subarray(0, count),
		vocabulary,
		offsets,
		places,
	};
}

/** The first word said at or after `seconds`, so that a time can steer the search. */
function wordAt(index: TranscriptWords, seconds: number): number {
	let lo = 0;
	let hi = index.ids.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((index.segments[index.segment[mid] ?? 0]?.start ?? 0) < seconds) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Where the quote is in the transcript, or null when it cannot be found closely enough. Short, common
 * quotes ("I don't know") occur many times: `near`, the time the model gave the quote's section, picks
 * the occurrence closest to it among equally good ones.
 */
export function locateQuote(index: TranscriptWords, quote: string, near = 0): FoundQuote | null {
	const target = wordAt(index, near);
	const pieces: number[][] = [];
	// Whether a piece goes on from the one before it (a run of a long piece) rather than after an ellipsis.
	const goesOn: boolean[] = [];
	for (const text of quote.split(/\.{3,}|…/)) {
		const words = wordsOf(text).map((w) => idOf(index.vocabulary, w.norm));
		for (let at = 0; at < words.length; at += MAX_PIECE_WORDS) {
			// The last run takes the remainder whole when it is short, so that no run is a word or two.
			const whole = words.length - at < MAX_PIECE_WORDS + MAX_PIECE_WORDS / 2;
			pieces.push(words.slice(at, whole ? words.length : at + MAX_PIECE_WORDS));
			goesOn.push(at > 0);
			if (whole) break;
		}
	}
	if (pieces.length === 0) return null;
	let anchor = 0;
	pieces.forEach((piece, i) => {
		if (piece.length > (pieces[anchor]?.length ?? 0)) anchor = i;
	});
	let best: { cost: number; found: Alignment[] } | null = null;
	const distance = (found: Alignment[]) => Math.abs((found[0]?.first ?? 0) - target);
	for (const at of matchesOf(index, pieces[anchor] ?? [], 0, index.ids.length, "early", target)) {
		const found = placeAround(index, pieces, anchor, at);
		if (found === null) continue;
		const cost = found.reduce((sum, a) => sum + a.cost, 0);
		if (best === null || cost < best.cost || (cost === best.cost && distance(found) < distance(best.found))) best = { cost, found };
	}
	if (best === null) return null;
	return {
		text: joinRuns(best.found, goesOn)
			.map((a) => spanText(index, a))
			.join(" … "),
		segment: index.segment[best.found[0]?.first ?? 0] ?? 0,
	};
}

/**
 * The acceptance rule: at least 80 % of the piece's words found; at most a quarter of its length in edits
 * (but two allowed from eight words up, one below eight, none below three); skipped transcript words
 * adding up to at most half its length (three at least).
 */
function fits(length: number, a: Alignment | null): a is Alignment {
	if (a === null) return false;
	const edits = length < 3 ? 0 : length < 8 ? 1 : Math.max(2, Math.floor(length / 4));
	const skips = length < 3 ? 0 : Math.max(3, Math.ceil(length / 2));
	return a.matched >= 0.8 * length && a.cost <= edits && a.skipped <= skips;
}

function slackFor(length: number): number {
	return Math.max(4, Math.ceil(length / 2));
}

/** Every acceptable match of `piece` lying within `[lo, hi)`, best first. */
function matchesOf(index: TranscriptWords, piece: number[], lo: number, hi: number, prefer: Prefer, target = lo): Alignment[] {
	const slack = slackFor(piece.length);
	// Trigrams, or bigrams when the piece shares no trigram, as when caption typos fall every few words.
	// A longer piece must then share two bigrams at one place, else common pairs ("of the") of an
	// invented quote would each cost an alignment.
	let starts = candidateStarts(index, piece, Math.min(3, piece.length), lo, hi, 1, target);
	if (starts.length === 0 && piece.length >= 3) starts = candidateStarts(index, piece, 2, lo, hi, piece.length < 8 ? 1 : 2, target);
	return starts
		.map((start) => align(index, piece, Math.max(lo, start - slack), Math.min(hi, start + piece.length + slack), prefer))
		.filter((a): a is Alignment => fits(piece.length, a))
		.sort((a, b) => (beats(a, b, prefer) ? -1 : beats(b, a, prefer) ? 1 : 0));
}

/** Places the other pieces in order around the anchor's match; null if any of them is missing. */
function placeAround(index: TranscriptWords, pieces: number[][], anchor: number, at: Alignment): Alignment[] | null {
	const found: Alignment[] = [at];
	for (let i = anchor - 1; i >= 0; i--) {
		const end = found[0]?.first ?? 0;
		const [a] = matchesOf(index, pieces[i] ?? [], Math.max(0, end - MAX_GAP_WORDS), end, "late");
		if (a === undefined) return null;
		found.unshift(a);
	}
	for (let i = anchor + 1; i < pieces.length; i++) {
		const begin = (found[found.length - 1]?.last ?? 0) + 1;
		const [a] = matchesOf(index, pieces[i] ?? [], begin, Math.min(index.ids.length, begin + MAX_GAP_WORDS), "early");
		if (a === undefined) return null;
		found.push(a);
	}
	return found;
}

function align(index: TranscriptWords, piece: number[], lo: number, hi: number, prefer: Prefer): Alignment | null {
	const { spellings } = index.vocabulary;
	const alike = (q: number, t: number): boolean => q === t || wordsAlike(spellings[q] ?? "", spellings[t] ?? "");
	return alignWords(piece, index.ids, lo, hi, alike, prefer);
}

/**
 * Likely start positions of `piece` in `[lo, hi)`: each n-gram it shares with the transcript votes for
 * the start it implies. Only starts with `minVotes` and a fair share of the best one's votes are kept, a
 * few at most, the ones nearest `target` first among equal votes.
 */
function candidateStarts(index: TranscriptWords, piece: number[], n: number, lo: number, hi: number, minVotes: number, target: number): number[] {
	const slack = slackFor(piece.length);
	const votes = new Map<number, number>();
	for (let i = 0; i + n <= piece.length; i++) {
		// A start a little before `lo` still counts: the piece's first words may be ones the model changed.
		for (const at of occurrences(index, piece, i, n, lo - slack + i, hi + i)) votes.set(at - i, (votes.get(at - i) ?? 0) + 1);
	}
	const ranked = [...votes].sort((a, b) => b[1] - a[1] || Math.abs(a[0] - target) - Math.abs(b[0] - target) || a[0] - b[0]);
	const least = Math.max(minVotes, (ranked[0]?.[1] ?? 0) / 4);
	const chosen: number[] = [];
	for (const [start, count] of ranked) {
		if (count < least || chosen.length === MAX_CANDIDATES) break;
		if (!chosen.some((c) => Math.abs(c - start) <= slack)) chosen.push(start);
	}
	return chosen;
}

/**
 * Transcript positions in `[from, to)` of the n-gram `piece[i, i + n)`, found through its rarest word. A word's
 * places are in transcript order, so only those that can start inside the range are looked at: a piece placed
 * in a window beside its anchor does not walk every place of its word in a long transcript.
 */
function occurrences(index: TranscriptWords, piece: number[], i: number, n: number, from: number, to: number): number[] {
	let rarest = i;
	for (let k = i; k < i + n; k++) if (count(index, piece[k] ?? -1) < count(index, piece[rarest] ?? -1)) rarest = k;
	const id = piece[rarest] ?? -1;
	const found: number[] = [];
	if (count(index, id) === 0) return found;
	const { places, ids } = index;
	const shift = rarest - i;
	const first = index.offsets[id] ?? 0;
	const last = index.offsets[id + 1] ?? 0;
	// Indexed loops over the one table: a common word has thousands of places, and iterating a subarray of them
	// was most of the time checking a summary took before the code warmed up.
	const end = firstAtLeast(places, first, last, to + shift);
	for (let p = firstAtLeast(places, first, last, from + shift); p < end; p++) {
		const at = (places[p] ?? 0) - shift;
		let k = 0;
		while (k < n && ids[at + k] === piece[i + k]) k++;
		if (k === n) found.push(at);
	}
	return found;
}

/** The first position in `[lo, hi)` of ascending `values` holding at least `value` (`hi` when none does). */
function firstAtLeast(values: Int32Array, lo: number, hi: number, value: number): number {
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((values[mid] ?? 0) < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function count(index: TranscriptWords, id: number): number {
	// Ids of words that only quotes use lie beyond the transcript's table.
	if (id < 0 || id + 1 >= index.offsets.length) return 0;
	return (index.offsets[id + 1] ?? 0) - (index.offsets[id] ?? 0);
}

function idOf(vocabulary: Vocabulary, norm: string): number {
	let id = vocabulary.ids.get(norm);
	if (id === undefined) {
		id = vocabulary.spellings.length;
		vocabulary.ids.set(norm, id);
		vocabulary.spellings.push(norm);
	}
	return id;
}

/** The matches with each run of a long piece joined to the one before it. */
function joinRuns(found: Alignment[], goesOn: boolean[]): Alignment[] {
	const joined: Alignment[] = [];
	found.forEach((a, i) => {
		const previous = joined[joined.length - 1];
		if (goesOn[i] && previous) joined[joined.length - 1] = { ...previous, last: a.last };
		else joined.push(a);
	});
	return joined;
}

/** The transcript's own text from the first to the last word of the match, across segment boundaries. */
function spanText(index: TranscriptWords, a: Alignment): string {
	const firstSeg = index.segment[a.first] ?? 0;
	const lastSeg = index.segment[a.last] ?? 0;
	const parts: string[] = [];
	for (let s = firstSeg; s <= lastSeg; s++) {
		const text = index.segments[s]?.text ?? "";
		const from = s === firstSeg ? (index.from[a.first] ?? 0) : 0;
		const to = s === lastSeg ? (index.to[a.last] ?? text.length) : text.length;
		parts.push(text.slice(from, to));
	}
	return parts.join(" ").replace(/\s+/g, " ").trim();
}
