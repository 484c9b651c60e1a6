import { describe, expect, it } from "vitest";

import { risingIndices } from "../../../src/core/transcript/rising-stamps";

describe("risingIndices", () => {
	it("keeps every value of a rising list", () => {
		expect(risingIndices([0, 6, 11, 16])).toEqual([0, 1, 2, 3]);
	});

	it("drops a time said in speech that breaks the order", () => {
		// 196 is "verse 3:16" said at 0:11; 2700 is "45:00" said at 0:06.
		expect(risingIndices([0, 6, 196, 11, 16])).toEqual([0, 1, 3, 4]);
		expect(risingIndices([0, 6, 2700, 11, 16, 21])).toEqual([0, 1, 3, 4, 5]);
	});

	it("lets equal times repeat, as two speakers at 00:00:00 do", () => {
		expect(risingIndices([0, 0, 2, 14])).toEqual([0, 1, 2, 3]);
	});

	it("gives nothing for nothing", () => {
		expect(risingIndices([])).toEqual([]);
	});
});
