import { normalizedIndices } from "../ReserveLogic.js";
import type { AavePoolModel } from "../types.js";

/**
 * The pool at a later block time: every reserve's indices normalised to it (getReserveNormalizedIncome /
 * …VariableDebt), nothing stored, as a block that only passes time leaves the Pool.
 *
 * @param pool - the pool.
 * @param nowSeconds - the new time (not before the pool's).
 * @returns the pool at that time (a new object).
 */
export function advancePoolClock(pool: AavePoolModel, nowSeconds: bigint): AavePoolModel {
  return {
    ...pool,
    nowSeconds,
    reserves: pool.reserves.map((r) =>
      r.accrual ? { ...r, ...normalizedIndices(r.accrual, nowSeconds) } : r,
    ),
  };
}
