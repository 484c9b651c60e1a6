import { unwrapAnswer } from "./unwrap-answer";

/**
 * An answer kept as it came, made readable: its reasoning left out (unless it is all there is) and JSON laid
 * out over lines rather than kept on one line of thousands of characters.
 */
export function readableAnswer(answer: string): string {
	const text = unwrapAnswer(answer) || answer.trim();
	if (!/^[[{]/.test(text)) return text;
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		return text;
	}
}
