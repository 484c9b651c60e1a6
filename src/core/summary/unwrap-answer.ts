/**
 * The part of a model's answer that is meant for the reader: without its reasoning blocks, inside its
 * <summary> tag when it wrote one, and without Markdown code fences around it.
 */
export function unwrapAnswer(answer: string): string {
	let text = answer
		.replace(/\r\n?/g, "\n")
		.replace(/<(thinking|think)>[\s\S]*?<\/\1>/gi, "")
		// Some providers strip the opening tag and leave only the closing one.
		.replace(/^[\s\S]*?<\/(?:thinking|think)>/i, "");
	const open = /^\s*<(?:thinking|think)>/i.exec(text);
	if (open) {
		// Cut off while still reasoning, or never closed: the reasoning runs until the summary begins.
		const rest = text.slice(open[0].length);
		const begins = rest.search(/<summary>|^#{1,6}\s/im);
		text = begins < 0 ? "" : rest.slice(begins);
	}
	const summary = /<summary>([\s\S]*?)(?:<\/summary>|$)/i.exec(text);
	if (summary) text = summary[1] ?? "";
	return text
		.split("\n")
		.filter((line) => !/^\s*```\s*(?:markdown|md)?\s*$/i.test(line))
		.join("\n")
		.trim();
}
