import { describe, expect, it } from "vitest";

import { SummaryError } from "../../../src/core/errors";
import { timeUrl, videoUrl } from "../../../src/core/note/links";

describe("links", () => {
	it("builds the watch URL", () => {
		expect(videoUrl("dQw4w9WgXcQ")).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
	});

	it("links to whole seconds, never below zero", () => {
		expect(timeUrl("dQw4w9WgXcQ", 754.9)).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=754s");
		expect(timeUrl("a-b_c1234XY", 0)).toBe("https://www.youtube.com/watch?v=a-b_c1234XY&t=0s");
		expect(timeUrl("dQw4w9WgXcQ", -3)).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0s");
		expect(timeUrl("dQw4w9WgXcQ", Number.NaN)).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0s");
	});

	it("refuses anything that is not a video id, since it lands inside a Markdown link", () => {
		for (const bad of ["", "abc", "dQw4w9WgXc)", "dQw4w9WgXcQ) ![x](https://e.example)", "dQw4w9WgXc "]) {
			expect(() => videoUrl(bad)).toThrow(SummaryError);
			expect(() => timeUrl(bad, 1)).toThrow(SummaryError);
		}
		try {
			videoUrl("abc");
		} catch (e) {
			expect(e).toMatchObject({ kind: "input" });
		}
	});
});
