import type { Abi, Hex } from "viem";
import { decodeRevert } from "./decodeRevert.js";

/** The revert reason in a mined transaction's call trace, or undefined where the node has no such trace. */
export async function tracedRevert(
  ask: (args: { method: string; params: unknown[] }) => Promise<unknown>,
  hash: Hex,
  abi: Abi | undefined,
): Promise<string | undefined> {
  try {
    const trace = (await ask({
      method: "debug_traceTransaction",
      params: [hash, { tracer: "callTracer", tracerConfig: { onlyTopCall: true } }],
    })) as { output?: Hex } | undefined;
    return trace?.output === undefined ? undefined : decodeRevert({ data: trace.output }, abi);
  } catch {
    return undefined;
  }
}
