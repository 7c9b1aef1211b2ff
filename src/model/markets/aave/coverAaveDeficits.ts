// Mirrors aave-v3-origin 3.6.0 LiquidationLogic.executeEliminateDeficit, as Pool.eliminateReserveDeficit runs
// it for the Umbrella: updateState, the write-off capped at the deficit, its aTokens burned (rayDivCeil the
// index, at most the stake; the underlying stays in the aToken, so the virtual balance does not move), the
// deficit reduced and the rates recomputed.
import { rayDivCeil, rayMulFloor } from "../../lending/aave/WadRayMath.js";
import { settleAaveBurn } from "./settleAaveInterest.js";
import type { AaveMarketRun } from "./types.js";

/**
 * After a liquidation: each reserve in deficit with an Umbrella stake left is covered as far as the stake
 * goes, the Umbrella asking for min(deficit, its aTokens' balance); recorded as an `eliminateDeficit`
 * action for the chain, sent right after the liquidation in the same block.
 *
 * @param run - the Aave market in the cascade (its deficits already booked and its interest settled).
 */
export function coverAaveDeficits(run: AaveMarketRun): void {
  const { market, ctx } = run;
  for (const [k, stake] of (market.umbrella ?? []).entries()) {
    const i = stake.reserve;
    const r = market.reserves[i]!;
    const deficit = (r.deficit ?? 0n) + run.deficit[i]!;
    if (deficit === 0n || stake.scaledBalance === 0n) continue;
    const index = r.liquidityIndexRay;
    const balance = rayMulFloor(stake.scaledBalance, index);
    const amount = balance < deficit ? balance : deficit;
    if (amount === 0n) continue;
    const scaled = rayDivCeil(amount, index);
    stake.scaledBalance -= scaled;
    run.deficit[i] = run.deficit[i]! - amount;
    settleAaveBurn(run, i, { scaled, cashOut: 0n });
    run.covered[k]!.usd += (Number(amount) / 10 ** r.decimals) * ctx.prices.usd(r.symbol);
    run.covered[k]!.covers++;
    ctx.onAction?.({
      block: ctx.block,
      kind: "eliminateDeficit",
      market: market.id,
      asset: r.symbol,
      amount,
      expected: { covered: amount },
    });
  }
}
