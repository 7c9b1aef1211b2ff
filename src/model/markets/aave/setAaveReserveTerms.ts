import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { AaveMarketModel } from "../../cascade/types.js";
import type { LendingMarket } from "../types.js";

/** Who changed a reserve's terms: a risk steward, or the DAO's margin lever or its standard margin rule. */
export type ReserveTermsBy = "steward" | "dao-margins" | "dao-standard-margin";

/**
 * New collateral terms for one Aave reserve, as `PoolConfigurator.configureReserveAsCollateral` sets them
 * (the liquidation bonus kept): the reserve is replaced (its array may be shared with the state the cascade
 * started from), the market refreshes what it caches (`reconfigure`), the update is recorded as a
 * `reserveConfig` action for the chain and as a parameter change of the round.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets (the one of `market` is told).
 * @param change - the market, the reserve's index, its new LTV and threshold, who changed them and (stewards) the volatility that made them.
 * @example setAaveReserveTerms(ctx, markets, { market, reserve: 0, ltvBps: 7900n, liquidationThresholdBps: 8200n, by: "dao-margins" });
 */
export function setAaveReserveTerms(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  change: {
    market: AaveMarketModel;
    reserve: number;
    ltvBps: bigint;
    liquidationThresholdBps: bigint;
    by: ReserveTermsBy;
    realisedVol?: number;
  },
): void {
  const { market, reserve: i, ltvBps, liquidationThresholdBps, by } = change;
  const r = market.reserves[i]!;
  market.reserves = market.reserves.map((x, k) => (k === i ? { ...r, ltvBps, liquidationThresholdBps } : x));
  markets.find((m) => m.id === market.id)?.reconfigure?.();
  const vol = change.realisedVol !== undefined ? { realisedVol: change.realisedVol } : {};
  ctx.onAction?.({
    block: ctx.block,
    kind: "reserveConfig",
    market: market.id,
    asset: r.symbol,
    by,
    ...vol,
    expected: { ltvBps, liquidationThresholdBps, liquidationBonusBps: r.liquidationBonusBps },
  });
  ctx.round.parameterChanges.push({
    market: market.id,
    asset: r.symbol,
    by,
    ...vol,
    ltvBps: Number(ltvBps),
    liquidationThresholdBps: Number(liquidationThresholdBps),
  });
}
