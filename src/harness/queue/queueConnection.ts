import { Redis } from "ioredis";
import { secretRegistry } from "../../chain/secretRegistry.js";
import { UsageError } from "../../errors/UsageError.js";

/** The queue every sweep's variants go through, on the Redis a `--queue` URL names. */
export const SWEEP_QUEUE = "dlcm-sweep";

/**
 * A Redis client (ioredis) for BullMQ, connected to `url` (`redis://[user:password@]host:port[/db]`), its password
 * registered as a secret first so nothing DLCM prints shows it. Workers need `maxRetriesPerRequest: null`
 * (BullMQ's blocking commands wait as long as they must).
 *
 * @param url - the queue URL.
 * @returns the client (quit it when done).
 * @throws {UsageError} when the URL is not redis:// or rediss://.
 */
export function queueConnection(url: string): Redis {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError("--queue: expected a Redis URL such as redis://127.0.0.1:6379.");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new UsageError("--queue: expected a Redis URL such as redis://127.0.0.1:6379.");
  secretRegistry.addUrl(url);
  // A client of our own (BullMQ loads no Redis client itself under ESM); it duplicates it where it blocks.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
