import { createServer } from "node:http";

import { describe, expect, it } from "vitest";

import { refusingOrigin } from "./closed-port";

/** The error of listening on `port`, or null when the listen succeeded (and was closed again). */
async function listenError(port: number, host?: string): Promise<unknown> {
	const server = createServer();
	const error = await new Promise<unknown>((resolve) => {
		server.once("error", resolve);
		server.listen(port, host, () => resolve(null));
	});
	if (error === null) await new Promise<void>((resolve) => server.close(() => resolve()));
	return error;
}

describe("refusingOrigin", () => {
	it("refuses connections, as a port nothing listens on does, and no server can take its port until it is closed", async () => {
		const nowhere = await refusingOrigin();
		const port = Number(new URL(nowhere.origin).port);
		try {
			await expect(fetch(`${nowhere.origin}/v1/models`)).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
			expect(await listenError(port, "127.0.0.1")).toMatchObject({ code: "EADDRINUSE" });
			expect(await listenError(port)).toMatchObject({ code: "EADDRINUSE" });
		} finally {
			await nowhere.close();
		}
		// Given back without a TIME_WAIT holding it.
		expect(await listenError(port, "127.0.0.1")).toBeNull();
	});
});
