import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { AaveMarketModel } from "../../cascade/types.js";
import type { DaoMember } from "../../dao/types.js";
import type { LendingMarket } from "../types.js";
import { setAaveReserveTerms } from "./setAaveReserveTerms.js";

/**
 * An Aave market as a DAO member: its reserves' LTV and liquidation threshold, set one reserve at a time
 * through the configurator (`setAaveReserveTerms`: configureReserveAsCollateral as risk admin). Aave lets
 * the LTV equal the threshold.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets (the member's is told to refresh what it caches).
 * @param model - the member.
 * @returns the member.
 */
export function createAaveDaoMember(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  model: AaveMarketModel,
): DaoMember {
  return {
    id: model.id,
    terms: () =>
      model.reserves.map((r) => ({
        asset: r.symbol,
        ltvBps: r.ltvBps,
        liquidationThresholdBps: r.liquidationThresholdBps,
      })),
    maxLtvBps: (lt) => lt,
    set(changes, by) {
      for (const c of changes)
        setAaveReserveTerms(ctx, markets, {
          market: model,
          reserve: model.reserves.findIndex((r) => r.symbol === c.asset),
          ltvBps: c.ltvBps,
          liquidationThresholdBps: c.liquidationThresholdBps,
          by,
        });
    },
  };
}
