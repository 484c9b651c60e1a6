/**
 * The planning turn's answer does not depend on the video: the model restates how it will imitate the
 * template's example. Kept per endpoint, model and opening message (the template as sent), it is reused while
 * all three stay the same, so a short video costs one call and the prompt's start is the same from run to run
 * (which providers' prompt caching needs).
 */
export interface PlanningKey {
	/** The endpoint's URL without credentials (`displayURL`): never a key. */
	endpoint: string;
	model: string;
	/** The opening message exactly as sent: the template, with any placeholders filled. */
	opening: string;
}

export interface PlanningCache {
	get(key: PlanningKey): Promise<string | undefined>;
	set(key: PlanningKey, answer: string): Promise<void>;
}

/** Where a host keeps the cache's one file: the plugin's folder in Obsidian, the user's cache directory for the CLI. */
export interface TextFile {
	/** Null when there is no file yet. */
	read(): Promise<string | null>;
	write(text: string): Promise<void>;
}

interface Entry extends PlanningKey {
	answer: string;
}

// One entry per template and model the user tried; a few cover switching back and forth.
const MAX_ENTRIES = 8;

function sameKey(entry: PlanningKey, key: PlanningKey): boolean {
	return entry.endpoint === key.endpoint && entry.model === key.model && entry.opening === key.opening;
}

function isEntry(value: unknown): value is Entry {
	if (typeof value !== "object" || value === null) return false;
	const e = value as Record<string, unknown>;
	return ["endpoint", "model", "opening", "answer"].every((field) => typeof e[field] === "string");
}

/** A file that is missing, unreadable or from another version holds nothing: the planning turn is simply asked again. */
function entriesOf(text: string | null): Entry[] {
	if (!text) return [];
	try {
		const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
		return parsed.version === 1 && Array.isArray(parsed.entries) ? parsed.entries.filter(isEntry) : [];
	} catch {
		return [];
	}
}

/**
 * The cache in one JSON file, newest entry first. Writes are queued, so two runs finishing together both
 * land; a failed read or write loses only the saving, never the run (the caller ignores a rejected `set`).
 */
export function fileBackedPlanningCache(file: TextFile): PlanningCache {
	let queue: Promise<unknown> = Promise.resolve();
	const read = async () => entriesOf(await file.read().catch(() => null));
	return {
		async get(key) {
			return (await read()).find((e) => sameKey(e, key))?.answer;
		},
		set(key, answer) {
			const next = queue.then(async () => {
				const kept = (await read()).filter((e) => !sameKey(e, key));
				const entries = [{ ...key, answer }, ...kept].slice(0, MAX_ENTRIES);
				await file.write(JSON.stringify({ version: 1, entries }));
			});
			queue = next.catch(() => undefined);
			return next;
		},
	};
}
