/**
 * Frontmatter is never concatenated from raw values: a title such as `"\ntags: x\n---` would otherwise add
 * keys or end the block. Every string becomes a JSON string, which is also a valid YAML double-quoted scalar
 * and can hold no line break, so each value stays one value on one line.
 */

import { inertPlain } from "./inert-text";

export type YamlValue = string | number | boolean | string[] | undefined;

const KEY = /^[A-Z_][\w-]*$/i;

function quote(value: string): string {
	// JSON leaves these unescaped, but YAML 1.1 parsers read U+2028/U+2029 as line breaks and U+FEFF as a BOM.
	return JSON.stringify(inertPlain(value)).replace(/[\u2028\u2029\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The frontmatter block, `---` lines included, ending with a newline. Keys are the plugin's own, never untrusted. */
export function toYaml(fields: Record<string, YamlValue>): string {
	const lines = ["---"];
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (!KEY.test(key)) throw new Error(`Not a frontmatter key: ${JSON.stringify(key)}`);
		if (Array.isArray(value)) {
			lines.push(value.length === 0 ? `${key}: []` : `${key}:`, ...value.map((item) => `  - ${quote(item)}`));
		} else if (typeof value === "string") {
			lines.push(`${key}: ${quote(value)}`);
		} else if (typeof value === "number" && !Number.isFinite(value)) {
			throw new Error(`Frontmatter value of ${key} is not a finite number`);
		} else {
			lines.push(`${key}: ${String(value)}`);
		}
	}
	lines.push("---");
	return `${lines.join("\n")}\n`;
}
