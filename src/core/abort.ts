/**
 * AbortSignal.throwIfAborted, which Safari lacks before 15.4: Obsidian also runs on older iPads. Throws
 * the same AbortError a cancelled fetch does, so every caller already knows it.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new DOMException("The operation was cancelled.", "AbortError");
}

/**
 * Gives the event loop a turn, then stops if the run was cancelled meanwhile. Checking quotes and rendering run
 * without awaiting anything, so without this a cancel from outside (Ctrl-C, the Cancel command, a button) could
 * not take effect until the note was written.
 */
export async function pause(signal: AbortSignal | undefined): Promise<void> {
	// Without a signal nothing can cancel the run, and a timer turn costs a millisecond or more.
	if (!signal) return;
	await new Promise<void>((resolve) => setTimeout(resolve, 0));
	throwIfAborted(signal);
}
