import { normalizedIndices, updateState } from "../ReserveLogic.js";
import type { AaveReserve } from "../types.js";

/**
 * ReserveLogic.updateState on one reserve at `nowSeconds`, as every Pool action runs it first on the
 * reserves it acts on: the indices are cumulated and stored (the normalised ones are then the stored
 * ones) and the last update moves to now. A reserve without accrual is returned as it is.
 *
 * @param reserve - the reserve (indices normalised to now).
 * @param nowSeconds - the block time.
 * @returns the updated reserve (a new object).
 */
export function touchReserve(reserve: AaveReserve, nowSeconds: bigint): AaveReserve {
  if (!reserve.accrual) return reserve;
  const accrual = updateState(reserve.accrual, nowSeconds);
  return { ...reserve, accrual, ...normalizedIndices(accrual, nowSeconds) };
}
