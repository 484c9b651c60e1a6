import { describe, expect, it } from "vitest";

import { parseTranscript } from "../../../src/core/transcript/parse-transcript";

describe("lines that open with a timestamp", () => {
	it("reads every way of writing the stamp", () => {
		const text = [
			"0:00 welcome to the quarterly review of the allotment society",
			"[00:01:02] the treasurer reports that the accounts are balanced",
			"(1:10) the water bill went up again this year",
			"00:01:20 - so the fee rises by five pounds per plot",
			"- [00:01:31] any objections should be raised at the next meeting",
			"1:02:03 — and that closes the meeting for today",
		].join("\n");
		const t = parseTranscript(text);
		expect(t.format).toBe("timestamped-lines");
		expect(t.timed).toBe(true);
		expect(t.segments).toEqual([
			{ start: 0, text: "welcome to the quarterly review of the allotment society" },
			{ start: 62, text: "the treasurer reports that the accounts are balanced" },
			{ start: 70, text: "the water bill went up again this year" },
			{ start: 80, text: "so the fee rises by five pounds per plot" },
			{ start: 91, text: "any objections should be raised at the next meeting" },
			{ start: 3723, text: "and that closes the meeting for today" },
		]);
		expect(t.chapters).toEqual([]);
	});

	it("keeps a time of day and an out-of-order clock at a line start as speech", () => {
		const text = [
			"3:20 the bus timetable changes next week for everyone",
			"3:30 pm is the new time of the last bus",
			"3:40 and the morning bus leaves ten minutes earlier",
			"3:16 is also the verse on the poster at the stop",
			"3:50 please tell your neighbours about the change",
		].join("\n");
		expect(parseTranscript(text).segments).toEqual([
			{ start: 200, text: "the bus timetable changes next week for everyone 3:30 pm is the new time of the last bus" },
			{ start: 220, text: "and the morning bus leaves ten minutes earlier 3:16 is also the verse on the poster at the stop" },
			{ start: 230, text: "please tell your neighbours about the change" },
		]);
	});

	it("joins lines without a stamp to the segment above and keeps a title before the first stamp", () => {
		const text =
			"Council meeting\n\n0:00 good evening and welcome\nto the meeting of the parish council\n\n0:09 we start with the minutes of the last meeting which were circulated by email to all members last week";
		expect(parseTranscript(text).segments).toEqual([
			{ start: 0, text: "Council meeting" },
			{ start: 0, text: "good evening and welcome to the meeting of the parish council" },
			{ start: 9, text: "we start with the minutes of the last meeting which were circulated by email to all members last week" },
		]);
	});
});
