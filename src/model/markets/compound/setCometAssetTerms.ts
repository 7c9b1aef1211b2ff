import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { CompoundMarketModel } from "../../cascade/types.js";
import type { ReserveTermsBy } from "../aave/setAaveReserveTerms.js";

/** Comet keeps 4 decimals of a factor (its constructor divides by FACTOR_DESCALE = 1e14): 1 bp = 1e14. */
export const COMET_FACTOR_PER_BPS = 10n ** 14n;

/**
 * New collateral factors for some of one Comet's assets, as a governance change makes them: each changed
 * factor set in the market's Configurator (`cometAssetFactor` actions: updateAssetBorrowCollateralFactor,
 * updateAssetLiquidateCollateralFactor), then one new implementation deployed from that configuration and
 * the proxy upgraded to it (`cometUpgrade`: CometProxyAdmin.deployAndUpgradeTo), so they are live from this
 * block on. The market's asset list is replaced (it may be shared with the state the cascade started from);
 * each asset's change is recorded as a parameter change of the round, in basis points. The liquidation
 * factor and the caps are kept.
 *
 * @param ctx - the cascade context.
 * @param change - the market, the assets' new factors (1e18-scaled; multiples of 1e14) by index, who changed them.
 * @throws {RangeError} when a borrow factor is not below its liquidation factor (Comet's constructor reverts `BorrowCFTooLarge`).
 * @example setCometAssetTerms(ctx, { market, assets: [{ index: 0, borrowCollateralFactor: 8e17, liquidateCollateralFactor: 85e16 }], by: "dao-margins" });
 */
export function setCometAssetTerms(
  ctx: CascadeContext,
  change: {
    market: CompoundMarketModel;
    assets: readonly { index: number; borrowCollateralFactor: bigint; liquidateCollateralFactor: bigint }[];
    by: ReserveTermsBy;
  },
): void {
  const { market, by } = change;
  if (change.assets.length === 0) return;
  const m = market.market;
  const next = [...m.assets];
  for (const a of change.assets) {
    const asset = m.assets[a.index]!;
    if (a.borrowCollateralFactor >= a.liquidateCollateralFactor)
      throw new RangeError(
        `Comet ${market.id} ${asset.symbol}: borrow factor ${a.borrowCollateralFactor} must be below the liquidation factor ${a.liquidateCollateralFactor}`,
      );
    for (const factor of ["borrowCollateralFactor", "liquidateCollateralFactor"] as const)
      if (a[factor] !== asset[factor])
        ctx.onAction?.({
          block: ctx.block,
          kind: "cometAssetFactor",
          market: market.id,
          asset: asset.symbol,
          factor,
          by,
          value: a[factor],
        });
    next[a.index] = {
      ...asset,
      borrowCollateralFactor: a.borrowCollateralFactor,
      liquidateCollateralFactor: a.liquidateCollateralFactor,
    };
    ctx.round.parameterChanges.push({
      market: market.id,
      asset: asset.symbol,
      by,
      ltvBps: Number(a.borrowCollateralFactor / COMET_FACTOR_PER_BPS),
      liquidationThresholdBps: Number(a.liquidateCollateralFactor / COMET_FACTOR_PER_BPS),
    });
  }
  market.market = { ...m, assets: next };
  ctx.onAction?.({ block: ctx.block, kind: "cometUpgrade", market: market.id });
}
