import { updateRates } from "../ReserveLogic.js";
import type { AaveReserve } from "../types.js";

/**
 * ReserveLogic.updateInterestRatesAndVirtualBalance's rate update, from the reserve's state once the
 * action is done (its cash is the virtual balance after the liquidity added or taken, its accrual's scaled
 * total debt the one after the mint or burn), as the Pool prices its rates. A reserve without accrual
 * keeps its zero rates.
 *
 * @param reserve - the reserve after the action.
 * @returns the reserve with its new rates (a new object).
 */
export function repriceReserve(reserve: AaveReserve): AaveReserve {
  if (!reserve.accrual) return reserve;
  return {
    ...reserve,
    accrual: updateRates(reserve.accrual, {
      virtualUnderlyingBalance: reserve.cash ?? 0n,
      deficit: reserve.deficit ?? 0n,
    }),
  };
}
