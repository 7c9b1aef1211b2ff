import { setAaveReserveTerms } from "../../markets/aave/setAaveReserveTerms.js";
import type { LendingMarket } from "../../markets/types.js";
import type { CascadeContext } from "../createCascadeContext.js";
import { realisedVolatility } from "../realisedVolatility.js";
import type { AaveMarketModel, RiskStewardModel } from "../types.js";

/** `current` moved toward `target` by at most `step`. */
function toward(current: bigint, target: bigint, step: bigint): bigint {
  if (target < current) return current - target > step ? current - step : target;
  return target - current > step ? current + step : target;
}

/**
 * The risk stewards' stage, after the oracles and before the liquidations: a steward whose realised
 * volatility is above one of its levels moves its Aave reserve's LTV and liquidation threshold toward that
 * level's (the highest level crossed), each by at most `maxChangeBps`, when `minDelaySeconds` have passed
 * since its last update; the reserve's terms change at once (the liquidation bonus is kept), the markets are
 * told (`reconfigure`), and the update is recorded as a `reserveConfig` action for the chain.
 *
 * @returns whether any reserve changed (the cascade then rebuilds its liquidation queues).
 */
export function stewardRisk(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  blocksPerYear: number,
): boolean {
  const { state } = ctx;
  let changed = false;
  const now = ctx.block * state.blockTimeSeconds;
  for (const steward of state.riskStewards ?? []) {
    const vol = realisedVolatility(state.priceHistory, steward.windowBlocks, blocksPerYear);
    const level = highestCrossed(steward, vol);
    if (!level) continue;
    if (steward.lastUpdateSeconds !== undefined && now - steward.lastUpdateSeconds < steward.minDelaySeconds)
      continue;
    const market = state.markets.find((m) => m.id === steward.market) as AaveMarketModel | undefined;
    const i = market?.reserves.findIndex((r) => r.symbol === steward.asset) ?? -1;
    if (!market || i < 0) continue;
    const r = market.reserves[i]!;
    const step = BigInt(steward.maxChangeBps);
    const liquidationThresholdBps = toward(
      r.liquidationThresholdBps,
      BigInt(level.liquidationThresholdBps),
      step,
    );
    let ltvBps = toward(r.ltvBps, BigInt(level.ltvBps), step);
    if (ltvBps > liquidationThresholdBps) ltvBps = liquidationThresholdBps;
    if (ltvBps === r.ltvBps && liquidationThresholdBps === r.liquidationThresholdBps) continue;
    setAaveReserveTerms(ctx, markets, {
      market,
      reserve: i,
      ltvBps,
      liquidationThresholdBps,
      by: "steward",
      realisedVol: vol,
    });
    steward.lastUpdateSeconds = now;
    changed = true;
  }
  return changed;
}

function highestCrossed(
  steward: RiskStewardModel,
  vol: number,
): RiskStewardModel["levels"][number] | undefined {
  let best: RiskStewardModel["levels"][number] | undefined;
  for (const l of steward.levels)
    if (vol > l.realisedVolAbove && (!best || l.realisedVolAbove > best.realisedVolAbove)) best = l;
  return best;
}
