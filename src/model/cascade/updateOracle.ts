import type { OracleModel } from "./types.js";

/**
 * One block of a push oracle. `marketE8` is the market price history by block (index = block).
 * - push: observes the market price of `block − latency`; pushes it when it deviates from the last
 *   push by ≥ deviationBps or the heartbeat has elapsed.
 * - twap: pushes every block the mean of the window ending at `block − latency` (floored).
 * - fixed: never changes; exchange-rate: not a market observer (stepOracles derives it from its peg asset's
 *   oracle), so unchanged here.
 * @returns The oracle after the block (a new object when it pushed, else the same one).
 */
export function updateOracle(
  oracle: OracleModel,
  block: number,
  blockTimeSeconds: number,
  marketE8: readonly bigint[],
): OracleModel {
  const policy = oracle.policy;
  if (policy.kind === "fixed" || policy.kind === "exchange-rate") return oracle;
  const observedBlock = Math.max(0, block - policy.latencyBlocks);
  if (policy.kind === "twap") {
    const from = Math.max(0, observedBlock - policy.windowBlocks + 1);
    let sum = 0n;
    for (let b = from; b <= observedBlock; b++) sum += marketE8[b]!;
    const priceE8 = sum / BigInt(observedBlock - from + 1);
    return priceE8 === oracle.priceE8 ? oracle : { ...oracle, priceE8, lastPushBlock: block };
  }
  const observed = marketE8[observedBlock]!;
  const last = oracle.priceE8;
  const diff = observed > last ? observed - last : last - observed;
  const deviated = diff * 10_000n >= BigInt(Math.round(policy.deviationBps)) * last && diff !== 0n;
  const heartbeat = (block - oracle.lastPushBlock) * blockTimeSeconds >= policy.heartbeatSeconds;
  if (!deviated && !heartbeat) return oracle;
  return { ...oracle, priceE8: observed, lastPushBlock: block };
}
