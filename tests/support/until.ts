/**
 * Resolves once `condition()` holds, looking again every few milliseconds. For a state the code does not announce
 * (a request the fake server has recorded): waiting for it, rather than for a guessed time, keeps a test right on
 * a loaded machine. A condition that never holds fails by the test's own timeout.
 */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
