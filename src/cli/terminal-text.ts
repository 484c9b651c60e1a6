/**
 * Text from outside (the model's words, a server's error body, a video's title, a file name) can carry
 * terminal escapes: ESC sequences that clear the screen, set the window title or write the clipboard
 * (OSC 52), BEL, and bidi overrides that make a line read differently from what it is. Everything the
 * CLI prints goes through `terminalSafe`, which keeps newlines and tabs and drops the rest of C0, DEL,
 * C1, and the bidi embeddings, overrides and isolates. The CLI's own escapes (the progress line's `\r`
 * and erase-line) are added after it.
 */
const UNSAFE =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
	/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
	return text.replace(UNSAFE, "");
}

/** Standard output, made safe. */
export function printOut(text: string): void {
	process.stdout.write(terminalSafe(text));
}

/** Standard error, made safe. */
export function printErr(text: string): void {
	process.stderr.write(terminalSafe(text));
}
