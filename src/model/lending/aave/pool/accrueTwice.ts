import type { AaveReserve } from "../types.js";

/**
 * executeLiquidationCall caches both reserves before updating either; when the collateral is the debt
 * asset, the second updateState runs on a cache that still has the old timestamp, so it writes the same
 * indices again and accrues the treasury's share a second time. The second accrual, mirrored.
 *
 * @param before - the reserve before the liquidation's updateState.
 * @param once - the reserve after one updateState.
 * @returns `once` with the treasury's accrual counted twice.
 */
export function accrueTwice(before: AaveReserve, once: AaveReserve): AaveReserve {
  const b = before.accrual?.accruedToTreasury ?? 0n;
  const a = once.accrual?.accruedToTreasury ?? 0n;
  if (!once.accrual || a === b) return once;
  return { ...once, accrual: { ...once.accrual, accruedToTreasury: a + (a - b) } };
}
