/**
 * Token counts without a tokenizer: exact tokenizers add megabytes to main.js and hundreds of milliseconds
 * to every start. The estimate errs high, because a local server silently drops the start of a prompt that
 * does not fit its context.
 */

/** English runs ~3.8–4 characters per o200k token; 3.5 keeps a 10 % margin for other tokenizers. */
export const CHARS_PER_TOKEN = 3.5;

// Accented Latin, Greek, Cyrillic, Arabic and Hebrew split into more tokens per character than ASCII;
// CJK, kana and Hangul are about one token per character, and so is each half of an emoji.
const MID_CHARS_PER_TOKEN = 2.5;
const WIDE_FROM = 0x2e80;

// Outside ASCII: only then are the characters counted one by one, which costs milliseconds on a long prompt.
const NOT_ASCII = /[\u0080-\uffff]/;

/** The unrounded estimate, for adding up many small pieces (segments) without rounding each one up. */
export function tokenWeight(text: string): number {
	if (!NOT_ASCII.test(text)) return text.length / CHARS_PER_TOKEN;
	let ascii = 0;
	let mid = 0;
	let wide = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) ascii++;
		else if (code < WIDE_FROM) mid++;
		else wide++;
	}
	return ascii / CHARS_PER_TOKEN + mid / MID_CHARS_PER_TOKEN + wide;
}

/** About characters ÷ 3.5 for English text, more for scripts that tokenize less well; 0 for "". */
export function estimateTokens(text: string): number {
	return Math.ceil(tokenWeight(text));
}
