/**
 * Inputs that once took seconds to minutes (issue 10, item 1: every parser linear in its input), each at a multiple of its
 * base size (mostly 100×) (bench/pathological-cases.ts, where `npm run bench` also times them at 1×, 10×, 100×
 * and 1000×). Each test checks the real function's answer; that it finishes within vitest's per-test timeout
 * is the check that the work stays linear. No timings are asserted.
 *
 * Vitest cannot interrupt synchronous work, and a synchronous test that overruns its timeout still passes;
 * so each test first yields (so that the timeout's timer is set before the work starts), and yields again
 * after it, where that timer, due earlier, fires first.
 */
import { describe, expect, it } from "vitest";

import { PATHOLOGICAL_CASES } from "../../bench/pathological-cases";

describe("pathological inputs finish, with the right answer", () => {
	for (const c of PATHOLOGICAL_CASES) {
		it(`${c.name} (${c.where}), ${c.base * c.tested} ${c.unit}`, async () => {
			await new Promise((resolve) => setTimeout(resolve, 0));
			const right = c.run(c.base * c.tested);
			await new Promise((resolve) => setTimeout(resolve, 0));
			expect(right).toBe(true);
		});
	}
});
