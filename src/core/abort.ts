/**
 * AbortSignal.throwIfAborted, which Safari lacks before 15.4: Obsidian also runs on older iPads. Throws
 * the same AbortError a cancelled fetch does, so every caller already knows it.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new DOMException("The operation was cancelled.", "AbortError");
}
