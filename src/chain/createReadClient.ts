import { createPublicClient, http, type PublicClient, webSocket } from "viem";
import { secretRegistry } from "./secretRegistry.js";

/**
 * A read-only client of any node (the GEX feed's): nothing is sent through it, so the node need not be a
 * dev node. The URL is registered as a secret first, so no error can echo it.
 *
 * @param url - an http(s) or ws(s) RPC URL.
 * @returns the client.
 */
export function createReadClient(url: string): PublicClient {
  secretRegistry.addUrl(url);
  const transport = /^wss?:/i.test(url) ? webSocket(url, { retryCount: 2 }) : http(url, { retryCount: 2 });
  return createPublicClient({ transport });
}
