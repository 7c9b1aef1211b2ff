import type { AavePoolModel, AaveReserve } from "../types.js";

/**
 * The pool with one reserve replaced (the others, and the pool's other fields, shared): what an action's
 * state change leaves behind.
 *
 * @param pool - the pool before (not modified).
 * @param index - the reserve's index.
 * @param reserve - its state after.
 * @returns a new pool.
 * @example withReserve(pool, 0, { ...pool.reserves[0]!, cash: 0n })
 */
export function withReserve(pool: AavePoolModel, index: number, reserve: AaveReserve): AavePoolModel {
  return { ...pool, reserves: pool.reserves.map((r, i) => (i === index ? reserve : r)) };
}
