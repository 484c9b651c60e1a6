import { readAnswer } from "../../src/core/summary/read-answer";
import type { ParsedSection } from "../../src/core/types";

/** The sections of an answer the test expects to be readable; fails the test with the shown words otherwise. */
export function sectionsOf(answer: string): ParsedSection[] {
	const reading = readAnswer(answer);
	if (!reading.ok) throw new Error(`the answer could not be read: ${reading.shown}`);
	return reading.sections;
}
