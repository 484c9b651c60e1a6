import { readdirSync, readFileSync } from "node:fs";

import { formatClock } from "../../src/core/time";

/**
 * The known content every answer in tests/fixtures/answers/ carries (see CONTENT.md there), and the judge of a
 * note made from one: it lists what is wrong rather than stopping at the first problem, so a failing style
 * says everything it got wrong at once.
 */

export const VIDEO_ID = "zjkBMFhNj_g";
const WATCH = `https://www.youtube.com/watch?v=${VIDEO_ID}`;
const LAST_START = 535;

export interface KnownQuote {
	/** The words as the transcript has them. */
	words: string;
	/** The start of the segment where they are said. */
	at: number;
}

export interface KnownSection {
	title: string;
	start: number;
	summary: string;
	quotes: KnownQuote[];
}

export const INVENTED_QUOTE = "Training is basically free once you own the GPUs.";

export const KNOWN_SECTIONS: KnownSection[] = [
	{
		title: "What a large language model is",
		start: 24,
		summary: "A large language model is just two files: a parameters file with the weights and a small run file that executes them.",
		quotes: [
			{ words: "a large language model is just two files", at: 24 },
			{ words: "it would only require about 500 lines of C with no other dependencies", at: 143 },
		],
	},
	{
		title: "Running the model on a MacBook",
		start: 157,
		summary: "The two files form a self-contained package that runs offline on a laptop.",
		quotes: [{ words: "this is a fully self-contained package this is everything that's necessary", at: 164 }],
	},
	{
		title: "Training as lossy compression",
		start: 257,
		summary: "Training compresses about ten terabytes of internet text into the parameters, using thousands of GPUs for days.",
		quotes: [
			// Written re-punctuated in every answer: "So basically, what we're doing … of Internet."
			{ words: "so basically what we're doing can best be sort of understood as kind of a compression of a good chunk of Internet", at: 268 },
			{ words: "you need about 6,000 gpus and you would run this for about 12 days", at: 313 },
		],
	},
	{
		title: "Predicting the next word",
		start: 400,
		summary: "The network's one job is predicting the next word, which forces it to learn a great deal about the world.",
		quotes: [
			{ words: "this neural network basically is just trying to predict the next word in a sequence", at: 407 },
			{ words: "it forces you to learn a lot about the world inside the parameters of the neural network", at: 486 },
		],
	},
];

export interface CorpusEntry {
	file: string;
	answer: string;
	/** Titles in the answer's language, when it was asked for another one. */
	titles: string[];
	outputLanguage: string;
}

const DIR = new URL("../fixtures/answers/", import.meta.url);

export function corpus(): CorpusEntry[] {
	const overrides = JSON.parse(readFileSync(new URL("expect.json", DIR), "utf8")) as Record<string, { titles?: string[]; outputLanguage?: string }>;
	return readdirSync(DIR)
		.filter((file) => /^\d{2}-/.test(file))
		.sort()
		.map((file) => ({
			file,
			answer: readFileSync(new URL(file, DIR), "utf8"),
			titles: overrides[file]?.titles ?? KNOWN_SECTIONS.map((s) => s.title),
			outputLanguage: overrides[file]?.outputLanguage ?? "",
		}));
}

/** Lower case, letters and digits only, one space between words: how the judge compares text. */
export function plainWords(text: string): string {
	return text
		.normalize("NFKC")
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
		.replace(/[^\p{L}\p{N}']+/gu, " ")
		.trim();
}

// A quotation as the note shows it: in straight quotation marks, then its time link or the word unverified.
const SHOWN_QUOTE = /"([^"\n]+)" \((?:\[[^\]\n]*\]\([^)\s]*&t=(\d+)s\)|unverified)\)/g;
// Any run of three or more words in quotation marks, and what follows its closing mark.
const QUOTED = /["“„«]([^"“”„«»\n]+)["”»](?=([^\n]{0,80}))/g;
const CHATTER = [
	/here(?:'s| is| are) (?:a|the|your)\b/i,
	/hope (?:this|that) helps/i,
	/let me know/i,
	/feel free/i,
	/would you like/i,
	/<\/?(?:think|thinking|reasoning|summary|answer)>/i,
	/```/,
	/\bokay\b/i,
	/\bsure!/i,
	/\bnote:/i,
	/unparsed/i,
	/incomplete:/i,
	/if you(?:'d| would)? like/i,
];

/** Everything wrong with a note made from one answer of the corpus; empty when it is right. */
export function judgeNote(markdown: string, titles: string[], checkSummaries: boolean): string[] {
	const problems: string[] = [];
	const body = markdown.slice(markdown.indexOf("\n---\n") + 5);
	const lines = body.split("\n");
	const headings = lines.filter((l) => l.startsWith("## "));
	const expected = KNOWN_SECTIONS.map((s, i) => {
		const end = KNOWN_SECTIONS[i + 1]?.start ?? LAST_START;
		return `## ${titles[i] ?? s.title} ([${formatClock(s.start)}–${formatClock(end)}](${WATCH}&t=${s.start}s))`;
	});
	if (JSON.stringify(headings) !== JSON.stringify(expected)) problems.push(`headings: ${JSON.stringify(headings)}`);

	// Each quotation in the note with what follows it: its time link, or the word unverified.
	const shown = [...body.matchAll(SHOWN_QUOTE)].map((m) => ({ words: plainWords(m[1] ?? ""), at: m[2] === undefined ? null : Number(m[2]) }));
	for (const section of KNOWN_SECTIONS) {
		for (const quote of section.quotes) {
			const found = shown.filter((q) => q.words.includes(plainWords(quote.words)));
			if (!found.some((q) => q.at !== null && Math.abs(q.at - quote.at) <= 3)) problems.push(`quote not linked within 3 s of ${quote.at}: "${quote.words}"`);
		}
	}
	const invented = shown.filter((q) => q.words.includes(plainWords(INVENTED_QUOTE)));
	if (invented.length === 0 || invented.some((q) => q.at !== null)) problems.push(`invented quote not shown marked unverified: ${JSON.stringify(invented)}`);

	// Nothing shown as a quote goes unchecked: every quotation is followed by its time link or the word unverified.
	for (const line of lines) {
		if (line.startsWith("#") || line.startsWith("[Watch")) continue;
		for (const m of line.matchAll(QUOTED)) {
			if ((m[1] ?? "").trim().split(/\s+/).length < 3) continue;
			if (!/^ \((?:\[\d|unverified\))/.test(m[2] ?? "")) problems.push(`unchecked quotation: ${line}`);
		}
	}
	for (const pattern of CHATTER) if (pattern.test(body)) problems.push(`chatter ${pattern}: ${lines.find((l) => pattern.test(l)) ?? ""}`);
	if (checkSummaries) {
		const text = plainWords(body);
		for (const section of KNOWN_SECTIONS) if (!text.includes(plainWords(section.summary))) problems.push(`summary missing: ${section.summary}`);
	}
	for (const line of lines.filter((l) => l.startsWith("> [!abstract]"))) if (line.includes("&t=")) problems.push(`linked aside: ${line}`);
	return problems;
}
