import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SharedTranscript {
	/** Where the file is on this machine: `../shared/transcripts/` beside the repository, found from this file. */
	path: string;
	present: boolean;
	/** Added to the name of a test that needs the file: empty when it is here, else which file is missing and why. */
	missing: string;
}

/**
 * One of the long real podcast transcripts in `../shared/transcripts/` (48 and 88 minutes). Their licence keeps
 * them out of the repository, so only a developer's machine has them: a test that reads one is skipped elsewhere,
 * and says so, in its name and in a note on standard error.
 */
export function sharedTranscript(name: string): SharedTranscript {
	const path = fileURLToPath(new URL(`../../../shared/transcripts/${name}`, import.meta.url));
	const present = existsSync(path);
	const missing = present ? "" : ` (skipped: ../shared/transcripts/${name} is missing; its licence keeps it out of the repository)`;
	if (!present)
		console.warn(`Skipping the tests that read ../shared/transcripts/${name}: the file is not on this machine (its licence keeps it out of the repository).`);
	return { path, present, missing };
}
