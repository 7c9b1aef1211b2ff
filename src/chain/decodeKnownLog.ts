import { type Abi, type AbiEvent, decodeEventLog, type Log, toEventSelector } from "viem";

/** Per ABI, the selectors (topic 0) of its events. */
const selectors = new WeakMap<Abi, Set<string>>();

/**
 * Decodes `log` with `abi` when its first topic is one of the ABI's events, and returns undefined at once
 * otherwise — without asking viem, which throws (and builds an error with a stack) for every log of
 * another event: a liquidation's receipt carries a dozen, and those throws were the chain loop's largest
 * cost in JavaScript.
 *
 * @param abi - the ABI whose events to decode (kept by identity: pass the same object each time).
 * @param log - a receipt's log.
 * @param strict - viem's `strict` (false: tolerate data that does not match the indexed layout).
 * @returns the decoded event, or undefined.
 */
export function decodeKnownLog(
  abi: Abi,
  log: Pick<Log, "data" | "topics">,
  strict = false,
): { eventName: string; args: Record<string, unknown> } | undefined {
  let known = selectors.get(abi);
  if (!known) {
    known = new Set(
      abi
        .filter((item): item is AbiEvent => item.type === "event")
        .map((e) => toEventSelector(e).toLowerCase()),
    );
    selectors.set(abi, known);
  }
  const topic = log.topics[0]?.toLowerCase();
  if (!topic || !known.has(topic)) return undefined;
  try {
    return decodeEventLog({ abi, data: log.data, topics: log.topics, strict }) as unknown as {
      eventName: string;
      args: Record<string, unknown>;
    };
  } catch {
    return undefined;
  }
}
