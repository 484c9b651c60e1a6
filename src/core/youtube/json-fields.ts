/** Safe reads from YouTube's JSON, which is never guaranteed to have the shape it had last month. */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
	return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
	return typeof value === "string" ? value : undefined;
}

/** Numbers arrive as numbers or as digit strings (`"lengthSeconds": "721"`). */
export function asNumber(value: unknown): number | undefined {
	if (typeof value === "number" && Number.isFinite(value)) return value;
	if (typeof value === "string" && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
	return undefined;
}

/** Follows object keys; undefined as soon as one is missing. */
export function field(value: unknown, ...keys: string[]): unknown {
	let current = value;
	for (const key of keys) {
		const object = asObject(current);
		if (!object) return undefined;
		current = object[key];
	}
	return current;
}

/**
 * YouTube's text objects: `{simpleText}` on the web, `{runs: [{text}]}` on the apps. Runs are pieces of one
 * sentence split where a link starts, so they join without a separator.
 */
export function readText(value: unknown): string | undefined {
	if (typeof value === "string") return value;
	const simple = asString(field(value, "simpleText"));
	if (simple !== undefined) return simple;
	const runs = asArray(field(value, "runs"))
		.map((run) => asString(field(run, "text")))
		.filter((text): text is string => text !== undefined);
	return runs.length > 0 ? runs.join("") : undefined;
}

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
