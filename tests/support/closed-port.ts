import { connect, createServer, type Socket } from "node:net";

export interface RefusingOrigin {
	/** `http://127.0.0.1:PORT`: a connection to it is refused at once (ECONNREFUSED), as when no server runs there. */
	origin: string;
	/** Gives the port back. */
	close(): Promise<void>;
}

/**
 * A port on 127.0.0.1 where nothing listens, held for as long as the test needs it. A port merely freed after a
 * `listen(0)` could be handed to the next `listen(0)` of any process (another test file's fake server) before it
 * is used; this one is the local end of an open connection to a throwaway server, and no listen can take a port
 * in use (EADDRINUSE), while a connection to it finds no listener and is refused, as a stopped server's is.
 */
export async function refusingOrigin(): Promise<RefusingOrigin> {
	let taken = (_socket: Socket) => {};
	const accepted = new Promise<Socket>((resolve) => (taken = resolve));
	const holder = createServer((socket) => {
		socket.on("error", () => undefined);
		taken(socket);
	});
	await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
	const address = holder.address();
	if (address === null || typeof address === "string") throw new Error("the holding server has no port");
	const held = connect({ host: "127.0.0.1", port: address.port });
	held.on("error", () => undefined);
	await new Promise<void>((resolve, reject) => {
		held.once("connect", resolve);
		held.once("error", reject);
	});
	const other = await accepted;
	const port = held.localPort;
	if (port === undefined) throw new Error("the holding connection has no local port");
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				// A reset, not a close: no TIME_WAIT keeps the port after the test.
				held.resetAndDestroy();
				other.destroy();
				holder.close(() => resolve());
			}),
	};
}
