import { describe, expect, it } from "vitest";

import { formatClock, parseClock } from "../../src/core/time";

describe("formatClock", () => {
	it("writes m:ss under an hour and h:mm:ss from the first hour on", () => {
		expect([0, 5, 24, 224, 3599, 3600, 3723, 36000].map(formatClock)).toEqual(["0:00", "0:05", "0:24", "3:44", "59:59", "1:00:00", "1:02:03", "10:00:00"]);
	});
	it("drops fractions instead of rounding up past the segment start", () => {
		expect(formatClock(59.99)).toBe("0:59");
	});
});

describe("parseClock", () => {
	it("reads the forms transcripts use", () => {
		expect(["0:24", "03:44", "1:02:03", "00:01:02,500", "00:01:02.250"].map(parseClock)).toEqual([24, 224, 3723, 62.5, 62.25]);
	});
	it("refuses what is not a time", () => {
		expect(["", "3", "1:2", "0:60", "1:60:00", "abc", "1:02:03:04"].map(parseClock)).toEqual([null, null, null, null, null, null, null]);
	});
});
