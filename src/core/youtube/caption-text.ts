/** Caption text as YouTube sends it → plain words. */

const NAMED: Record<string, string> = {
	amp: "&",
	lt: "<",
	gt: ">",
	quot: '"',
	apos: "'",
	nbsp: " ",
	hellip: "…",
	mdash: "—",
	ndash: "–",
	lsquo: "‘",
	rsquo: "’",
	ldquo: "“",
	rdquo: "”",
	laquo: "«",
	raquo: "»",
	shy: "",
	lrm: "",
	rlm: "",
	zwj: "",
	zwnj: "",
	copy: "©",
	reg: "®",
	trade: "™",
	deg: "°",
	eacute: "é",
	egrave: "è",
	agrave: "à",
	aacute: "á",
	ccedil: "ç",
	uuml: "ü",
	ouml: "ö",
	auml: "ä",
	szlig: "ß",
	ntilde: "ñ",
	iexcl: "¡",
	iquest: "¿",
};

const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi;

function decodeOne(entity: string, name: string): string {
	if (!name.startsWith("#")) return NAMED[name] ?? NAMED[name.toLowerCase()] ?? entity;
	const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
	return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/**
 * Named, decimal and hex entities. YouTube double-encodes some captions (`&amp;#39;` for an apostrophe),
 * so decode until nothing changes; three rounds cover every nesting seen, and stop a pathological input.
 */
export function decodeEntities(text: string): string {
	let current = text;
	for (let round = 0; round < 3; round++) {
		const next = current.replace(ENTITY, decodeOne);
		if (next === current) break;
		current = next;
	}
	return current;
}

// Only things shaped like tags: "x < y" or "<3" in speech stay.
const TAG = /<\/?[a-z][^<>]*>/gi;

/** Strips tags (`<i>`, `<font color=…>`, srv3's `<s>` word spans), turning `<br>` into a line break. */
export function stripTags(text: string): string {
	return text.replace(/<br\s*\/?>/gi, "\n").replace(TAG, "");
}

/** Markup in the raw body first, then entities, then the tags the entities spelled (`&lt;i>` in srv1). */
export function captionText(raw: string): string {
	return stripTags(decodeEntities(stripTags(raw)));
}
