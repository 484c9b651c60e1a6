import { expect } from "vitest";

import { SummaryError } from "../../src/core/errors";

/** The rejection of a promise, which must be a SummaryError. */
export async function failure(promise: Promise<unknown>): Promise<SummaryError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(SummaryError);
		return error as SummaryError;
	}
	throw new Error("expected a rejection");
}
