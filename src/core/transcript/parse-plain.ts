import type { Segment } from "../types";

const TARGET = 300;

/** Paragraphs; a single block is cut after the sentence that reaches ~300 characters, or at twice that. */
export function parsePlain(text: string): Segment[] {
	const paragraphs = text
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s+/g, " ").trim())
		.filter(Boolean);
	if (paragraphs.length !== 1) return paragraphs.map((p) => ({ start: 0, text: p }));
	const groups: string[] = [];
	let current = "";
	for (const word of (paragraphs[0] ?? "").split(" ")) {
		current = current ? `${current} ${word}` : word;
		const sentenceEnd = /[.!?…]["'”’)\]]*$/.test(word);
		if ((current.length >= TARGET && sentenceEnd) || current.length >= 2 * TARGET) {
			groups.push(current);
			current = "";
		}
	}
	if (current) groups.push(current);
	return groups.map((g) => ({ start: 0, text: g }));
}
