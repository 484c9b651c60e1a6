/**
 * A note's frontmatter read without a YAML library, for the CLI, which has no metadata cache: top-level
 * `key: value` lines whose value is a scalar (plain, single- or double-quoted) or a list (`[a, b]` or `- item`
 * lines). That covers every property this plugin writes and most a user adds by hand; anything richer (nested
 * mappings, block scalars, anchors) is skipped, never interpreted. The text is untrusted, so nothing in it is
 * evaluated, and values are plain strings.
 */

/** A property's value: a scalar as its text, a list as its items. */
export type FrontmatterValue = string | string[];

const OPEN = /^\uFEFF?---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const QUOTED_KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/;
/** What YAML does not let a plain key start with (`- ` starts a list item, read before keys). */
const NOT_A_KEY_START = /^[\s"'#:[\]{},&*!|>%@`?]/;

/** One scalar's text, its quotes undone; null when it is not a scalar this reader takes. */
function scalar(raw: string): string | null {
	const text = raw.trim();
	if (text.startsWith('"')) {
		const quoted = /^("(?:[^"\\]|\\.)*")[ \t]*(?:#.*)?$/.exec(text)?.[1];
		if (quoted === undefined) return null;
		try {
			// A YAML double-quoted scalar with JSON's escapes; one with YAML's own (\x41, \e) is left unread.
			const value: unknown = JSON.parse(quoted);
			return typeof value === "string" ? value : null;
		} catch {
			return null;
		}
	}
	if (text.startsWith("'")) {
		const quoted = /^'((?:[^']|'')*)'[ \t]*(?:#.*)?$/.exec(text)?.[1];
		return quoted === undefined ? null : quoted.replace(/''/g, "'");
	}
	const comment = text.search(/(?:^|[ \t])#/);
	const plain = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
	// Block scalars, anchors, aliases, tags and nested collections are more YAML than this reader takes.
	if (/^[|>&*!{[]/.test(plain)) return null;
	return plain;
}

/** A flow list `[a, "b, c", 'd']`, split on the commas outside quotes; null when an item is not a scalar. */
function flowList(raw: string): string[] | null {
	const inner = /^\[(.*)\][ \t]*(?:#.*)?$/.exec(raw.trim())?.[1];
	if (inner === undefined) return null;
	if (inner.trim() === "") return [];
	const items: string[] = [];
	let current = "";
	let quote = "";
	for (let i = 0; i < inner.length; i++) {
		const c = inner.charAt(i);
		if (quote === '"' && c === "\\") {
			current += c + inner.charAt(++i);
			continue;
		}
		if (quote !== "" && c === quote) quote = "";
		else if (quote === "" && (c === '"' || c === "'")) quote = c;
		else if (quote === "" && c === ",") {
			items.push(current);
			current = "";
			continue;
		}
		current += c;
	}
	items.push(current);
	const values = items.map(scalar);
	return values.every((v): v is string => v !== null) ? values : null;
}

/** A list item's text (`- item`, at any indentation), or null when the line is not one. */
function listItem(line: string): string | null {
	const rest = line.trimStart();
	return rest === "-" || rest.startsWith("- ") || rest.startsWith("-\t") ? rest.slice(1) : null;
}

/** A `key: value` line split at its colon, the key's quotes undone; null when the line is not one. */
function keyLine(line: string): { key: string; rest: string } | null {
	const quoted = QUOTED_KEY.exec(line)?.[0];
	let at: number;
	if (quoted !== undefined) {
		at = quoted.length;
		while (line.charAt(at) === " " || line.charAt(at) === "\t") at++;
	} else {
		if (NOT_A_KEY_START.test(line)) return null;
		// A plain key ends at the first colon followed by a space or the end of the line: `a:b: c` is key `a:b`.
		at = line.indexOf(":");
		while (at >= 0 && !/^(?:[ \t]|$)/.test(line.slice(at + 1, at + 2))) at = line.indexOf(":", at + 1);
	}
	if (at < 0 || line.charAt(at) !== ":" || !/^(?:[ \t]|$)/.test(line.slice(at + 1, at + 2))) return null;
	const key = quoted !== undefined ? scalar(quoted) : line.slice(0, at).trimEnd();
	return key === null || key === "" ? null : { key, rest: line.slice(at + 1).trim() };
}

/**
 * The frontmatter's properties, or null when the text has none or it cannot be read as a mapping (a key given
 * twice, or a line that is neither a property nor part of one): as Obsidian, which then shows no properties.
 * The record has no prototype, so a key such as `__proto__` is a property like any other.
 */
export function readFrontmatter(text: string): Record<string, FrontmatterValue> | null {
	const lines = text.split(/\r?\n/);
	if (!OPEN.test(lines[0] ?? "")) return null;
	const properties = Object.create(null) as Record<string, FrontmatterValue>;
	const seen = new Set<string>();
	// The key whose value is given on the lines below it: list items, or nested YAML, which is skipped.
	let open: { key: string; items: string[]; nested: boolean } | null = null;
	// The key given last on a line of its own: an indented line below it continues its value.
	let last: string | null = null;
	const closeOpen = () => {
		// A key with nothing below it is YAML's null: no value, not an empty list.
		if (open && !open.nested && open.items.length > 0) properties[open.key] = open.items;
		open = null;
	};
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] ?? "";
		if (CLOSE.test(line)) {
			closeOpen();
			return properties;
		}
		if (/^[ \t]*(?:#.*)?$/.test(line)) continue;
		// YAML lets a list under a key start at the key's own indentation: `tags:` then `- a`.
		const item = listItem(line);
		if (/^[ \t]/.test(line) || item !== null) {
			if (open === null) {
				if (last === null) return null;
				// A plain scalar folded onto more lines: a value this reader does not put together, so it has none.
				delete properties[last];
				continue;
			}
			const value = item === null ? null : scalar(item);
			// Not a list of scalars: the property is nested YAML, which is skipped, not misread.
			if (value === null) open.nested = true;
			else open.items.push(value);
			continue;
		}
		closeOpen();
		const { key, rest } = keyLine(line) ?? {};
		if (key === undefined || rest === undefined || seen.has(key)) return null;
		seen.add(key);
		last = key;
		if (rest === "" || rest.startsWith("#")) {
			open = { key, items: [], nested: false };
			continue;
		}
		const value = rest.startsWith("[") ? flowList(rest) : scalar(rest);
		if (value !== null) properties[key] = value;
	}
	// A block that never ends is no frontmatter: Obsidian reads it as the note's text.
	return null;
}
