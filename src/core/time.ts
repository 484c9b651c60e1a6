/** Clock strings as people and YouTube write them: `m:ss` under an hour, `h:mm:ss` from the first hour on. */

export function formatClock(seconds: number): string {
	const total = Math.max(0, Math.floor(seconds));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, "0");
	return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

/**
 * Reads `m:ss`, `mm:ss`, `h:mm:ss`, `hh:mm:ss` and the same with a fraction (`00:01:02,500` in SRT,
 * `00:01:02.500` in WebVTT). Returns null for anything else, including minutes or seconds above 59 after
 * an hour field, so that a stray number is never taken for a time.
 */
export function parseClock(text: string): number | null {
	const m = CLOCK.exec(text.trim());
	if (!m) return null;
	const hours = m[1] === undefined ? 0 : Number(m[1]);
	const minutes = Number(m[2]);
	const seconds = Number(m[3]);
	if (seconds > 59) return null;
	if (m[1] !== undefined && minutes > 59) return null;
	const fraction = m[4] === undefined ? 0 : Number(`0.${m[4]}`);
	return hours * 3600 + minutes * 60 + seconds + fraction;
}
