import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

export interface HookedProxy {
	/** `http://127.0.0.1:PORT`: requests to it go on to the target origin, path and all. */
	origin: string;
	close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `target` (an origin) that calls `before(method, path)` when a request arrives, and
 * passes the request on only once that has finished. A test can so make something happen at the very moment a
 * client in another process (the CLI) asks for something, instead of after a guessed time that a loaded machine
 * could overrun.
 */
export async function hookedProxy(target: string, before: (method: string, path: string) => void | Promise<void>): Promise<HookedProxy> {
	const server = createServer((request, response) => {
		void (async () => {
			await before(request.method ?? "GET", request.url ?? "/");
			const onward = forward(new URL(request.url ?? "/", target), { method: request.method, headers: request.headers }, (answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			});
			onward.on("error", () => response.destroy());
			request.pipe(onward);
		})().catch(() => response.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
