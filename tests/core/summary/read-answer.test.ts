import { describe, expect, it } from "vitest";

import { readAnswer } from "../../../src/core/summary/read-answer";
import { exampleOutput } from "../../support/prompt-example";
import { sectionsOf } from "../../support/read-sections";

/** The words shown instead of a summary. */
function refused(answer: string): string {
	const reading = readAnswer(answer);
	if (reading.ok) throw new Error("read as a summary");
	return reading.shown;
}

describe("readAnswer on the prompt's own example output (written on one line)", () => {
	const sections = sectionsOf(exampleOutput);

	it("finds the three sections with their titles and times", () => {
		expect(exampleOutput).not.toContain("\n");
		expect(sections.map((s) => [s.title, s.start, s.end])).toEqual([
			["What is a large language model?", 24, 224],
			["LLM Training", 257, 399],
			["Next-Word Prediction and Neural Networks", 400, 535],
		]);
	});

	it("splits each section into its three summary points and three quotes", () => {
		expect(sections.map((s) => [s.summary.length, s.quotes.length])).toEqual([
			[3, 3],
			[3, 3],
			[3, 3],
		]);
		expect(sections[0]?.summary[1]).toBe(
			"The run file is relatively simple, requiring only about 500 lines of C code with no dependencies. This makes the model completely self-contained and able to run offline on a local machine.",
		);
		expect(sections[0]?.quotes[0]).toBe("A large language model is just two files... the parameters file and the Run file that runs those parameters.");
		// Inner single quotes belong to the quote; only the outer marks go.
		expect(sections[2]?.quotes[0]).toBe(
			"This neural network basically is just trying to predict the next word in a sequence... so you can feed in a sequence of words for example 'C sat on a' this feeds into a neural net.",
		);
	});
});

const realistic = `<thinking>
The example output uses ### headings with a time range, a numbered summary and a numbered list of quotes.
### Title (0:00 - 1:00) is the shape I will use, with at least five sections.
</thinking>

Thank you for the transcript! Here is the summary.

<summary>
# The Busy Person's Intro to LLMs

### Why this talk exists (0:00 - 0:24)
Andrej re-records a 30-minute talk that was not recorded the first time.
It is meant as a short introduction.

People asked for it after the live event.

**Quotes:**
1. "hi everyone so recently I gave a 30-minute talk on large language models" (0:00)
2. “unfortunately that talk was not recorded” — 0:06

---

## Two files [0:24–3:44]
- A model is a parameters file plus a small run file.
- Llama 2 70B stores 140 GB of weights.

Key quotes:
- «a large language model is just two files»
> "it's only these two files"

Running it on a MacBook 3:44 to 4:17
The run file is about 500 lines of C.

#### Quotes
* *"not a lot is necessary to run the model"* [3:44]

**Training as compression (4:17 - 6:39)**
1. Training squeezes about ten terabytes of text
   with about 6,000 GPUs over 12 days.
Quotes:
1. "model training is a competition very involved process"

1. **Predicting the next word** (6:40-8:55)
   - Next-word prediction forces the network to learn about the world.
   - Quotes:
     1. "this neural network basically is just trying to predict the next word in a sequence"

## [8:55] What comes next
Closing remarks.

### Questions from the audience
No times here.
</summary>`;

describe("readAnswer on a realistic multi-line answer", () => {
	const sections = sectionsOf(realistic);

	it("skips the reasoning, the preamble and the empty top title, and reads every heading form", () => {
		expect(sections.map((s) => [s.title, s.start, s.end])).toEqual([
			["Why this talk exists", 0, 24],
			["Two files", 24, 224],
			["Running it on a MacBook", 224, 257],
			["Training as compression", 257, 399],
			["Predicting the next word", 400, 535],
			["What comes next", 535, null],
		]);
		// A deeper heading without a time inside a timed section is part of that section, not a section of its own.
		expect(sections[5]?.summary).toEqual(["Closing remarks.", "Questions from the audience", "No times here."]);
	});

	it("keeps one summary entry per paragraph or list item, joining wrapped lines", () => {
		expect(sections[0]?.summary).toEqual([
			"Andrej re-records a 30-minute talk that was not recorded the first time. It is meant as a short introduction.",
			"People asked for it after the live event.",
		]);
		expect(sections[1]?.summary).toEqual(["A model is a parameters file plus a small run file.", "Llama 2 70B stores 140 GB of weights."]);
		expect(sections[3]?.summary).toEqual(["Training squeezes about ten terabytes of text with about 6,000 GPUs over 12 days."]);
		expect(sections[4]?.summary).toEqual(["Next-word prediction forces the network to learn about the world."]);
	});

	it("reads quotes under every label, without marks, emphasis or the times beside them", () => {
		expect(sections.map((s) => s.quotes)).toEqual([
			["hi everyone so recently I gave a 30-minute talk on large language models", "unfortunately that talk was not recorded"],
			["a large language model is just two files", "it's only these two files"],
			["not a lot is necessary to run the model"],
			["model training is a competition very involved process"],
			["this neural network basically is just trying to predict the next word in a sequence"],
			[],
		]);
	});
});

describe("readAnswer on each heading form", () => {
	it.each([
		["### Title (0:24 - 3:44)", 24, 224],
		["## Title [0:24–3:44]", 24, 224],
		["Title 0:24-3:44", 24, 224],
		["### Title (00:00:24)", 24, null],
		["### Title (0:24 – 3:44)", 24, 224],
		["### Title (0:24 — 3:44)", 24, 224],
		["### Title (0:24 to 3:44)", 24, 224],
		["## [0:24] Title", 24, null],
		["## [0:24 - 3:44] Title", 24, 224],
		["**Title (0:24 - 3:44)**", 24, 224],
		["**Title** (0:24 - 3:44)", 24, 224],
		["1. **Title** (0:24-3:44)", 24, 224],
		["- **Title (0:24-3:44)**", 24, 224],
		["### Title (1:02:03 - 1:10:00)", 3723, 4200],
		["### **Title** | 0:24 - 3:44", 24, 224],
	])("%s", (heading, start, end) => {
		const answer = `${heading}\nA point.\nQuotes:\n1. "Some words"`;
		expect(sectionsOf(answer)).toEqual([{ title: "Title", start, end, summary: ["A point."], quotes: ["Some words"] }]);
	});

	it("gives null times to a heading without any", () => {
		expect(sectionsOf('### Title\n- A point.\n\nQuotes:\n- "Some words"')[0]).toMatchObject({ start: null, end: null });
	});

	it("does not take a summary point that cites a time for a heading", () => {
		const sections = sectionsOf("### Title (0:24 - 3:44)\n1. **Parameters**: stored as 2 bytes each (1:47)\n2. The run file (2:11)");
		expect(sections).toHaveLength(1);
		expect(sections[0]?.summary).toEqual(["**Parameters**: stored as 2 bytes each (1:47)", "The run file (2:11)"]);
	});
});

describe("readAnswer on wrapped and broken answers", () => {
	it("reads an answer in a markdown code fence", () => {
		const sections = sectionsOf('<summary>\n```markdown\n### Title (0:24 - 3:44)\n- A point.\n\nQuotes:\n1. "Some words"\n```\n</summary>');
		expect(sections).toEqual([{ title: "Title", start: 24, end: 224, summary: ["A point."], quotes: ["Some words"] }]);
	});

	it("reads a bare fenced answer without tags", () => {
		const sections = sectionsOf("```\n## Title (0:24)\nA point.\n```");
		expect(sections).toEqual([{ title: "Title", start: 24, end: null, summary: ["A point."], quotes: [] }]);
	});

	it("reads an answer cut off inside its summary and inside a quote", () => {
		const answer =
			'<thinking>plan</thinking>\n<summary>\n### One (0:00 - 1:00)\n- First.\n\nQuotes:\n1. "hello there"\n\n### Two (1:00 - 2:00)\n- Second.\nQuotes:\n1. "cut off in the mid';
		const sections = sectionsOf(answer);
		expect(sections.map((s) => s.title)).toEqual(["One", "Two"]);
		expect(sections[1]?.quotes).toEqual(["cut off in the mid"]);
	});

	it("drops reasoning that was never closed, up to the summary or the first heading", () => {
		const toSummary = sectionsOf("<thinking>\nI will write ## headings.\n<summary>\n## Title (0:24)\nA point.");
		expect(toSummary.map((s) => s.title)).toEqual(["Title"]);
		const toHeading = sectionsOf("<think>\nPlanning **Bold (1:00)** lines\n## Title (0:24)\nA point.");
		expect(toHeading.map((s) => s.title)).toEqual(["Title"]);
	});

	it("drops reasoning whose opening tag the provider removed", () => {
		const sections = sectionsOf("Plan: ### Wrong (9:99)\n**Not this (1:00)**\n</think>\n## Title (0:24)\nA point.");
		expect(sections.map((s) => s.title)).toEqual(["Title"]);
	});

	it("refuses an answer that asks for the transcript, showing the model's words without its reasoning", () => {
		const shown = refused(
			"<thinking>The user has not sent the transcript yet.</thinking>\n\nI'm ready! Please share the transcript of the video you'd like me to summarize.",
		);
		expect(shown).toBe("I'm ready! Please share the transcript of the video you'd like me to summarize.");
	});

	it("refuses bold lines and points that carry neither times nor quotes", () => {
		const shown = refused("**Please paste the transcript.**\n- I will then split it into sections.\n- Each gets quotes.");
		expect(shown).toBe("**Please paste the transcript.**\n- I will then split it into sections.\n- Each gets quotes.");
	});

	it("shortens a long refusal to about 500 characters", () => {
		const shown = refused(`I can't help with that. ${"Really. ".repeat(200)}`);
		expect(shown.length).toBeLessThanOrEqual(501);
		expect(shown.startsWith("I can't help with that. Really.")).toBe(true);
		expect(shown.endsWith("…")).toBe(true);
	});
});

describe("readAnswer on each habit real models have", () => {
	const brief = (answer: string) =>
		sectionsOf(answer).map((s) => ({ title: s.title, start: s.start, end: s.end, quotes: s.quotes, ...(s.aside ? { aside: s.aside } : {}) }));

	it("drops a preamble and a closing remark instead of reading them as quotes", () => {
		const answer =
			'Here is the summary you asked for:\n\n### Two files (0:24 - 2:37)\nA point.\n\nQuotes:\n1. "two files"\n2. "the run file"\n\nI hope this helps! Let me know if you would like more detail.';
		expect(brief(answer)).toEqual([{ title: "Two files", start: 24, end: 157, quotes: ["two files", "the run file"] }]);
	});

	it("keeps an untimed overview first and takeaways last as asides, without touching the sections' times", () => {
		const answer =
			"## Overview\nA short talk.\n\n## Two files (0:24 - 2:37)\nA point.\n\n## Training (4:17 - 6:40)\nAnother.\n\n## Key Takeaways\n- Small to run.";
		expect(brief(answer)).toEqual([
			{ title: "Overview", start: null, end: null, quotes: [], aside: "overview" },
			{ title: "Two files", start: 24, end: 157, quotes: [] },
			{ title: "Training", start: 257, end: 400, quotes: [] },
			{ title: "Key Takeaways", start: null, end: null, quotes: [], aside: "closing" },
		]);
	});

	it("reads blockquotes as quotes, with or without a label, marks or a speaker line under them", () => {
		const answer =
			'**Two files (0:24 - 2:37)**\nA point.\n\n💬 **Key Quotes:**\n> "two files"\n> — *Andrej Karpathy*\n\n> the run file\n\nQuotes from this section:\n"a binary" — 2:49';
		expect(brief(answer)[0]?.quotes).toEqual(["two files", "the run file", "a binary"]);
	});

	it("takes each bare quotation line as its own quote", () => {
		const answer = '### Two files (0:24 - 2:37)\nA point.\n"two files" — 0:24\n"the run file" — 1:35\n“a binary” (2:49)';
		expect(brief(answer)[0]?.quotes).toEqual(["two files", "the run file", "a binary"]);
	});

	it.each([
		["### Two files\n**Timestamp:** 00:24 - 02:37", "Two files", 24, 157],
		["**0:24 - 2:37: Two files**", "Two files", 24, 157],
		["### `Two files` (from 0:24 to 2:37)", "Two files", 24, 157],
		["### Two files (0:24 – 2:37) (3 min)", "Two files", 24, 157],
		["## Section 1: Two files [00:00:24 - 00:02:37]", "Two files", 24, 157],
		["1. Two files (0:24 - 2:37)", "Two files", 24, 157],
		["- **0:24–2:37** Two files", "Two files", 24, 157],
		["| 0:24 - 2:37 | Two files | A point. |", "Two files", 24, 157],
		["## Two files ([0:24](https://www.youtube.com/watch?v=x&t=24s) – [2:37](https://www.youtube.com/watch?v=x&t=157s))", "Two files", 24, 157],
		["### 🧠 Two files (0:24)", "Two files", 24, null],
	])("reads the section %j", (heading, title, start, end) => {
		expect(brief(`${heading}\nA point.\n\nQuotes:\n1. "two files" [[00:24](https://youtu.be/x?t=24)]`)).toEqual([{ title, start, end, quotes: ["two files"] }]);
	});

	it("reads a JSON answer, raw or fenced, like a Markdown one", () => {
		const json = {
			sections: [{ title: "Two files", timestamp: "00:24-02:37", key_points: ["A point."], quotes: [{ text: "two files", timestamp: "0:24" }] }],
			takeaways: ["Small to run."],
		};
		const expected = [
			{ title: "Two files", start: 24, end: 157, quotes: ["two files"] },
			{ title: "Takeaways", start: null, end: null, quotes: [], aside: "closing" },
		];
		expect(brief(JSON.stringify(json))).toEqual(expected);
		expect(brief(`Here is the JSON:\n\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\``)).toEqual(expected);
	});

	it("reads bold-line sections after reasoning left open", () => {
		const answer =
			'<thinking>\nThe example uses headings with times. I will do the same.\n\n**Two files (0:24 - 2:37)**\nA point.\n\n**Quotes:**\n1. "two files"';
		expect(brief(answer)).toEqual([{ title: "Two files", start: 24, end: 157, quotes: ["two files"] }]);
	});

	it("reads quotes under a translated label", () => {
		for (const label of ["Zitate:", "**Citations :**", "Citas:", "Citações:", "引用:"]) {
			expect(brief(`### Zwei Dateien (0:24 - 2:37)\nEin Punkt.\n\n${label}\n1. „two files“`)[0]?.quotes).toEqual(["two files"]);
		}
	});

	it("shows the whole answer when reasoning left open hides everything", () => {
		const reading = readAnswer("<think>\nI could not find the transcript.");
		expect(reading).toEqual({ ok: false, shown: "<think>\nI could not find the transcript." });
	});

	it("reads a bold lead-in with a time as a section, and its text as the summary", () => {
		const answer = '* **Two files (00:24 - 02:37):** A point.\n    * "two files"\n* **Training (04:17 - 06:40):** Another.';
		expect(sectionsOf(answer)).toEqual([
			{ title: "Two files", start: 24, end: 157, summary: ["A point."], quotes: ["two files"] },
			{ title: "Training", start: 257, end: 400, summary: ["Another."], quotes: [] },
		]);
	});

	it("takes single-time lead-ins for sections where the sections are such lines, and for points under a heading", () => {
		const sections =
			"## Key Points\n- **Two files** ([0:24](https://youtu.be/x?t=24)) - A point.\n- **Training** ([4:17](https://youtu.be/x?t=257)) - Another.";
		expect(brief(sections).map((s) => [s.title, s.start])).toEqual([
			["Two files", 24],
			["Training", 257],
		]);
		const points = "### Two files (0:24 - 2:37)\n- **Parameters** (1:47): stored as 2 bytes each.\n- **Run file** (2:23): about 500 lines of C.";
		expect(sectionsOf(points)).toEqual([
			{
				title: "Two files",
				start: 24,
				end: 157,
				summary: ["**Parameters** (1:47): stored as 2 bytes each.", "**Run file** (2:23): about 500 lines of C."],
				quotes: [],
			},
		]);
	});

	it("takes an untimed heading's time from the first line under it", () => {
		expect(brief('## Two files\n\n[00:00:24] **Files**: A point.\n\n[00:00:24] "two files"')).toEqual([
			{ title: "Two files", start: 24, end: null, quotes: ["two files"] },
		]);
		expect(sectionsOf("**Two files**\nA point. (0:24-2:37) He says more.")[0]).toMatchObject({ start: 24, end: 157, summary: ["A point. He says more."] });
	});

	it("splits two quotations written on one quote line, and reads a quote after its own time", () => {
		expect(
			brief('### Two files (0:24)\nQuotes:\n1. "a large language model is" and "just two files right"\n2. **0:24 - 0:27**: "there will be two files"')[0]
				?.quotes,
		).toEqual(["a large language model is", "just two files right", "there will be two files"]);
	});
});
