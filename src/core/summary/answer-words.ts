/**
 * The words models use around their content, in the languages the plugin is asked to write in. Each pattern
 * is tested against a short, already trimmed label, so none of them can take long.
 */

// Stems, so that `Key quotes`, `Illustrative quotes`, `Quotes from this section`, `Zitate`, `Citations`,
// `Citas`, `Citações`, `Citazioni`, `Cytaty`, `Цитаты`, `引用` are all a quotes label.
const QUOTE_STEM = /quot|zitat|citation|\bcitas?\b|citaç|citazion|cytat|цитат|引用|引言|名言|인용|in (?:his|her|their) (?:own )?words/i;
const SUMMARY_LABEL =
	/^(?:(?:short |brief |section )?summary|zusammenfassung|r[ée]sum[ée]|resumen|riassunto|resumo|samenvatting|(?:key |main )?points|kernpunkte|points cl[ée]s|puntos clave|notes|details|highlights|what (?:is|was) (?:said|covered)|description)$/i;
const ASIDE_TITLE =
	/^(?:(?:video |overall |executive |quick |brief |short |general |high[- ]level )?(?:overview|summary)|summary of the (?:video|talk|transcript)|tl;? ?dr|introduction|key (?:takeaways?|insights|lessons|themes)|(?:main |final )?takeaways?|main (?:themes|ideas)|conclusions?|final (?:thoughts|summary|remarks)|closing (?:thoughts|remarks)|in summary|wrap[- ]?up|bottom line|überblick|zusammenfassung|fazit|kernaussagen|aper[çc]u|r[ée]sum[ée]|conclusion g[ée]n[ée]rale|resumen|conclusión)$/i;

/** A label's words, without emphasis, emoji, numbering and the colon, in lower case. */
function labelWords(text: string): string {
	return text
		.replace(/[*_`#>]/g, "")
		.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, "")
		.replace(/^\s*\d{1,3}[.)]\s+/, "")
		.replace(/[:：]\s*$/, "")
		.trim()
		.toLowerCase();
}

export type Part = "summary" | "quotes";

/**
 * Which part of a section a label line opens (`Quotes:`, `💬 **Key Quotes:**`, `Zitate:`, `**Summary**`),
 * and any text after its colon; null when the line is not a label.
 */
export function labelOf(line: string): { part: Part; rest: string } | null {
	const colon = line.search(/[:：]/);
	const head = colon >= 0 && colon <= 48 ? line.slice(0, colon + 1) : line;
	if (head.length > 48) return null;
	const rest =
		colon >= 0 && colon <= 48
			? line
					.slice(colon + 1)
					.replace(/^[\s*_]+/, "")
					.trim()
			: "";
	const words = labelWords(head);
	if (words === "" || words.split(/\s+/).length > 5) return null;
	if (QUOTE_STEM.test(words)) return { part: "quotes", rest };
	if (SUMMARY_LABEL.test(words)) return { part: "summary", rest };
	return null;
}

/** Whether an untimed heading names an overview or takeaways block rather than a stretch of the video. */
export function isAsideTitle(title: string): boolean {
	return ASIDE_TITLE.test(labelWords(title));
}

// Openings and closings that talk to the user rather than about the video. Only plain lines are tested: a
// quoted line is always checked as a quote.
const CHATTER =
	/^(?:here(?:'s| is| are)\b|(?:sure|certainly|absolutely|of course|okay|ok|great|alright|understood|got it)\s*[!,.]|i hope\b|hope (?:this|that|you)\b|let me know\b|feel free\b|if you(?:'d| would)? (?:like|want|need)\b|would you like\b|do you want\b|shall i\b|i can (?:also )?(?:provide|expand|help|create|summarize|go)\b|i(?:'d| would) be (?:happy|glad)\b|happy to help\b|below is\b|the following (?:is|are)\b|is there anything\b|thank(?:s| you)\b|please (?:note|let)\b|\(?note\s*:|disclaimer\s*:|\[?end of (?:summary|answer)\]?)/i;

export function isChatter(line: string): boolean {
	const words = line.replace(/^[\s*_>#-]+/, "");
	return CHATTER.test(words) || (/:\s*$/.test(words) && /\b(?:summary|summarized|format|transcript|requested)\b/i.test(words) && words.length < 200);
}
