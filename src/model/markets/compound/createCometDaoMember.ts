import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { CompoundMarketModel } from "../../cascade/types.js";
import type { DaoMember } from "../../dao/types.js";
import { COMET_FACTOR_PER_BPS, setCometAssetTerms } from "./setCometAssetTerms.js";

/**
 * A Comet market as a DAO member: each collateral's borrow factor (its LTV) and liquidation factor (its
 * threshold) in basis points, set through the governor's path (`setCometAssetTerms`: the Configurator,
 * then one proxy upgrade for the whole change). Comet wants the borrow factor strictly below the
 * liquidation factor.
 *
 * @param ctx - the cascade context.
 * @param model - the member.
 * @returns the member.
 */
export function createCometDaoMember(ctx: CascadeContext, model: CompoundMarketModel): DaoMember {
  return {
    id: model.id,
    terms: () =>
      model.market.assets.map((a) => ({
        asset: a.symbol,
        ltvBps: a.borrowCollateralFactor / COMET_FACTOR_PER_BPS,
        liquidationThresholdBps: a.liquidateCollateralFactor / COMET_FACTOR_PER_BPS,
      })),
    maxLtvBps: (lt) => (lt > 0n ? lt - 1n : 0n),
    set(changes, by) {
      setCometAssetTerms(ctx, {
        market: model,
        by,
        assets: changes.map((c) => ({
          index: model.market.assets.findIndex((a) => a.symbol === c.asset),
          borrowCollateralFactor: c.ltvBps * COMET_FACTOR_PER_BPS,
          liquidateCollateralFactor: c.liquidationThresholdBps * COMET_FACTOR_PER_BPS,
        })),
      });
    },
  };
}
