import { describe, expect, it } from "vitest";

import { quoteChecker } from "../../../src/core/summary/check-summary";
import { readMerge } from "../../../src/core/summary/read-merge";
import type { CheckedSection, Prose } from "../../../src/core/types";
import { exampleTranscript } from "../../support/prompt-example";

/** Summaries without quotations stay one plain piece. */
const asIs = (text: string): Prose => [text];

const section = (n: number, start: number): CheckedSection => ({
	title: `Part section ${n}`,
	start,
	end: null,
	summary: [[`Summary ${n}.`]],
	quotes: [{ text: `quote ${n}`, start: start + 5, verified: true }],
});
const sections = [section(1, 0), section(2, 300), section(3, 600), section(4, 900), section(5, 1200)];

describe("readMerge", () => {
	it("joins the named sections under the model's title and summary, taking their start and quotes", () => {
		const merged = readMerge(
			"<summary>\n### Opening [S1-S2]\nThe talk opens.\n\n### Middle [S3–S4]\n1. Training, as in part two (S3).\n\n**Close** [S5]\nThe end.\n</summary>",
			sections,
			asIs,
		);
		expect(merged).toEqual([
			{
				title: "Opening",
				start: 0,
				end: null,
				summary: [["The talk opens."]],
				quotes: [
					{ text: "quote 1", start: 5, verified: true },
					{ text: "quote 2", start: 305, verified: true },
				],
			},
			{
				title: "Middle",
				start: 600,
				end: null,
				summary: [["Training, as in part two (S3)."]],
				quotes: [
					{ text: "quote 3", start: 605, verified: true },
					{ text: "quote 4", start: 905, verified: true },
				],
			},
			{ title: "Close", start: 1200, end: null, summary: [["The end."]], quotes: [{ text: "quote 5", start: 1205, verified: true }] },
		]);
	});

	it("reads id lists and keeps, unchanged, every section no group claims", () => {
		const merged = readMerge("### First three [S1, S2, S3]\nA.\n### Bogus [S9-S12]\nB.", sections, asIs);
		expect(merged.map((s) => [s.title, s.start])).toEqual([
			["First three", 0],
			["Part section 4", 900],
			["Part section 5", 1200],
		]);
	});

	it("ignores groups out of order, so the merge can only regroup, never lose or repeat", () => {
		const merged = readMerge("### Later [S3-S5]\nX.\n### Earlier [S1-S2]\nY.", sections, asIs);
		expect(merged.map((s) => s.title)).toEqual(["Part section 1", "Part section 2", "Later"]);
	});

	it("gives the sections back as they were for an answer without groups", () => {
		expect(readMerge("I cannot help with that.", sections, asIs)).toEqual(sections);
	});

	it("checks a quotation in the model's own merged summary: found ones are linked, invented ones marked", () => {
		const [merged] = readMerge(
			'### Two files [S1-S2]\nHe says "a large language model is just two files" and that "training costs nothing at all".',
			sections,
			quoteChecker(exampleTranscript).prose,
		);
		expect(merged?.summary).toEqual([
			[
				"He says ",
				{ text: "a large language model is just two files", start: 24, verified: true },
				" and that ",
				{ text: "training costs nothing at all", start: null, verified: false },
				".",
			],
		]);
	});
});
