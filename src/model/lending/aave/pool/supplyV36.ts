// Mirrors aave-v3-origin 3.6.0 SupplyLogic.executeSupply (no isolation mode).

import type { AavePoolModel, AavePosition, AaveReserve } from "../types.js";
import { userEModeCategory } from "../userEModeCategory.js";
import { userReserveTerms } from "../userReserveTerms.js";
import { rayDivFloor, rayMulFloor } from "../WadRayMath.js";
import { aaveRevert } from "./aaveRevert.js";
import { moveSupply } from "./moveSupply.js";
import { touchReserve } from "./touchReserve.js";
import type { PoolActionResult } from "./types.js";
import { withReserve } from "./withReserve.js";

/**
 * `Pool.supply(asset, amount, user, 0)`: the reserve is updated, the aTokens minted rounded down
 * (`amount` rayDivFloor the index) within the supply cap, the cash grows by `amount`, the rates follow; a first supply turns the
 * reserve on as collateral when its LTV for the user is above 0 (validateAutomaticUseAsCollateral).
 *
 * @param pool - the pool at the block's time.
 * @param position - the supplier.
 * @param index - the reserve.
 * @param amount - underlying supplied.
 * @returns the pool and position after, and the amount.
 * @throws {MathRevertError} InvalidAmount when it mints no scaled unit, SupplyCapExceeded.
 */
export function supplyV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const scaled = rayDivFloor(amount, reserve.liquidityIndexRay);
  if (scaled === 0n) throw aaveRevert("InvalidAmount");
  if (supplyCapExceeded(reserve, scaled)) throw aaveRevert("SupplyCapExceeded");
  const first = (position.scaledCollateral[index] ?? 0n) === 0n;
  const moved = moveSupply(reserve, position, index, (reserve.cash ?? 0n) + amount, scaled);
  reserve = moved.reserve;
  const next = moved.position;
  if (first) {
    const category = userEModeCategory(position, pool.eModeCategories);
    if (userReserveTerms(reserve, index, category).ltvBps !== 0n) next.usingAsCollateral[index] = true;
  }
  return { pool: withReserve(pool, index, reserve), position: next, amount };
}

/**
 * ValidationLogic.validateSupply's cap: the scaled supply after minting `scaled`, with the treasury's
 * accrued share, at the reserve's (updated) index, rounded down, above the cap in whole tokens.
 *
 * @param reserve - the reserve after updateState.
 * @param scaled - the aTokens to be minted, scaled.
 */
export function supplyCapExceeded(
  reserve: Pick<AaveReserve, "caps" | "totalScaledSupply" | "accrual" | "liquidityIndexRay" | "decimals">,
  scaled: bigint,
): boolean {
  const cap = reserve.caps?.supplyCap ?? 0n;
  return (
    cap !== 0n &&
    rayMulFloor(
      (reserve.totalScaledSupply ?? 0n) + scaled + (reserve.accrual?.accruedToTreasury ?? 0n),
      reserve.liquidityIndexRay,
    ) >
      cap * 10n ** BigInt(reserve.decimals)
  );
}
