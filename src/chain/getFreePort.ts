import { createServer } from "node:net";

/**
 * A TCP port free on 127.0.0.1 right now (the OS picks it). Each anvil start takes a new one: viem's
 * WebSocket transport caches sockets by URL, so reusing a port within one process breaks.
 *
 * @returns a port number.
 */
export async function getFreePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
