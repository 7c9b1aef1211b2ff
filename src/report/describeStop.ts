import type { ModelReport } from "../model/runModel.js";

/**
 * A sentence for a cascade that stopped for a reason the reader must act on, or undefined for the normal
 * ends (a fixed point; the block limit is said by the stop reason itself).
 *
 * @param report - the model's report.
 * @returns e.g. "Stopped at block 35: pool weth-usdc-30 ran out of liquidity …".
 */
export function describeStop(report: Pick<ModelReport, "stopReason" | "drainedPool">): string | undefined {
  if (report.stopReason === "pool-drained" && report.drainedPool)
    return `Stopped at block ${report.drainedPool.block}: pool ${report.drainedPool.id} ran out of liquidity (its price went to Uniswap's limit), so prices from then on say nothing about a market. The scenario's liquidity does not reach the path's prices: widen the pool's positions or shorten the path.`;
  if (report.stopReason === "price-collapsed")
    return "Stopped: the reference price fell below a millionth of its start (the pools' liquidity is gone on the way down).";
  return undefined;
}
