/**
 * Long synchronous work (reading a transcript, checking quotes) is written as a generator that yields between its
 * steps, and run either all at once or with the event loop given a turn at each yield: read or checked in one go,
 * ten hours of transcript held Obsidian's window for a noticeable time (issue 12: 662 ms).
 */
export type Steps<T> = Generator<void, T>;

export function allAtOnce<T>(steps: Steps<T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** The steps with `pause` awaited at each yield: in the plugin, `() => pause(signal)`, which also stops a cancelled run. */
export async function withPauses<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await pause();
	}
}
