import type { Chapter, Segment, Transcript } from "../../src/core/types";

/** A seeded generator, so that every run plans the same transcript. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = "the model reads every word of a long talk and then writes short sections with quotes that match".split(" ");

export interface SyntheticOptions {
	seconds: number;
	seed?: number;
	speakers?: string[];
	chapters?: Chapter[];
}

/** Caption-like segments 3–8 s apart with ~13 words each (~150 words a minute), sometimes a longer pause. */
export function syntheticTranscript({ seconds, seed = 1, speakers, chapters = [] }: SyntheticOptions): Transcript {
	const next = random(seed);
	const segments: Segment[] = [];
	let t = 0;
	let speaker = 0;
	while (t < seconds) {
		const words = Array.from({ length: 9 + Math.floor(next() * 8) }, () => WORDS[Math.floor(next() * WORDS.length)] ?? "word");
		const segment: Segment = { start: Math.round(t * 10) / 10, text: words.join(" ") };
		if (speakers) {
			if (next() < 0.05) speaker = (speaker + 1) % speakers.length;
			segment.speaker = speakers[speaker];
		}
		segments.push(segment);
		t += 3 + next() * 5 + (next() < 0.02 ? 4 + next() * 6 : 0);
	}
	return { segments, timed: true, format: "timestamped-lines", chapters };
}

/** The same transcript as text a user could paste: one `[h:mm:ss] text` line per segment. */
export function syntheticTranscriptText(options: SyntheticOptions): string {
	const clock = (s: number) => {
		const t = Math.floor(s);
		return `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
	};
	return syntheticTranscript(options)
		.segments.map((s) => `[${clock(s.start)}] ${s.text}`)
		.join("\n");
}
