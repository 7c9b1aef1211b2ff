import { RpcError } from "../errors/RpcError.js";

/** Errors worth retrying: rate limits, timeouts, dropped connections, a busy node. */
const TRANSIENT =
  /429|rate.?limit|too many requests|timeout|timed out|ECONNRESET|ECONNREFUSED|socket hang up|-32005|-32603|header not found|busy/i;

/**
 * Runs an RPC read with exponential backoff on transient failures (rate limits, timeouts, resets); other
 * errors are thrown at once. After the last attempt an RpcError says what was tried and why it failed.
 *
 * @param what - what the call does, for the error message (no URLs: keys must never be printed).
 * @param fn - the call.
 * @param options - attempts (default 5), first delay in ms (default 250, doubled each time), sleep.
 * @returns the call's result.
 * @throws {RpcError} after the last attempt of a transient failure.
 * @example await withRetry("eth_getLogs 100-199", () => client.getLogs({ ... }))
 */
export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  options: { attempts?: number; delayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = options.delayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (!TRANSIENT.test(message)) throw error;
      if (attempt >= attempts)
        throw new RpcError(`${what} failed ${attempts} times: the RPC endpoint keeps refusing.`, {
          cause: error,
          metaMessages: [
            "Rate limited or unreachable. Retry later, lower the request rate (smaller --log-chunk), or use another endpoint.",
          ],
        });
      await sleep(delay);
      delay *= 2;
    }
  }
}
