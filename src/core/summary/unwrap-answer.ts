/**
 * The part of a model's answer that is meant for the reader: without its reasoning blocks (`<think>`,
 * `<thinking>`, `<reasoning>`, closed or not), inside its <summary> tag when it wrote one, and without the
 * code fences around it. Scanned with indexOf, so an answer full of unclosed tags still costs linear time.
 */
export function unwrapAnswer(answer: string, beginsAnswer: (line: string, next: string) => boolean = (line) => /^#{1,6}\s/.test(line)): string {
	let text = answer.replace(/\r\n?/g, "\n");
	// Some providers strip the opening tag and leave only the closing one.
	const firstClose = REASONING_CLOSE.exec(text);
	const firstOpen = text.search(REASONING_OPEN);
	if (firstClose && (firstOpen < 0 || firstClose.index < firstOpen)) text = text.slice(firstClose.index + firstClose[0].length);
	text = withoutReasoning(text, beginsAnswer);
	const open = text.search(/<summary>/i);
	if (open >= 0) {
		const inner = text.slice(open + "<summary>".length);
		const close = inner.search(/<\/summary>/i);
		text = close < 0 ? inner : inner.slice(0, close);
	}
	return text
		.split("\n")
		.filter((line) => !/^\s*(?:```|~~~)[\w-]*\s*$/.test(line))
		.join("\n")
		.trim();
}

const REASONING_OPEN = /<(think|thinking|reasoning)>/gi;
const REASONING_CLOSE = /<\/(?:think|thinking|reasoning)>/i;

function withoutReasoning(text: string, beginsAnswer: (line: string, next: string) => boolean): string {
	const lower = text.toLowerCase();
	let out = "";
	let from = 0;
	REASONING_OPEN.lastIndex = 0;
	for (let open = REASONING_OPEN.exec(text); open; open = REASONING_OPEN.exec(text)) {
		out += text.slice(from, open.index);
		const tag = `</${(open[1] ?? "").toLowerCase()}>`;
		const close = lower.indexOf(tag, REASONING_OPEN.lastIndex);
		if (close < 0) return out + answerAfterOpenReasoning(text.slice(REASONING_OPEN.lastIndex), beginsAnswer);
		from = close + tag.length;
		REASONING_OPEN.lastIndex = from;
	}
	return out + text.slice(from);
}

/** Reasoning cut off or never closed runs until the answer begins: a <summary> tag or the first line that starts one. */
function answerAfterOpenReasoning(text: string, beginsAnswer: (line: string, next: string) => boolean): string {
	const summary = text.search(/<summary>/i);
	const lines = (summary < 0 ? text : text.slice(0, summary)).split("\n");
	const first = lines.findIndex((line, i) => beginsAnswer(line.trim(), (lines[i + 1] ?? "").trim()));
	if (first >= 0) return lines.slice(first).join("\n") + (summary < 0 ? "" : text.slice(summary));
	return summary < 0 ? "" : text.slice(summary);
}
