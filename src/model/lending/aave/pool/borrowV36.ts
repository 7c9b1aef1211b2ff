// Mirrors aave-v3-origin 3.6.0 BorrowLogic.executeBorrow (variable rate; no siloed borrowing or isolation
// mode; every reserve has borrowing enabled).

import type { AavePoolModel, AavePosition } from "../types.js";
import { userEModeCategory } from "../userEModeCategory.js";
import { rayDivCeil, rayMulCeil, rayMulFloor } from "../WadRayMath.js";
import { aaveRevert } from "./aaveRevert.js";
import { repriceReserve } from "./repriceReserve.js";
import { touchReserve } from "./touchReserve.js";
import type { PoolActionResult } from "./types.js";
import { validateAccountV36 } from "./validateAccountV36.js";
import { withReserve } from "./withReserve.js";

/**
 * `Pool.borrow(asset, amount, 2, 0, user)`: the reserve is updated, debt minted rounded up (`amount`
 * rayDivCeil the index); in e-mode the asset must be on the category's borrowable bitmap; the aToken's
 * total supply must cover it, and the reserve's debt stay within the borrow cap; the cash gives it up (a shortfall underflows), the rates follow; then the
 * account must pass validateHFAndLtv.
 *
 * @param pool - the pool at the block's time.
 * @param position - the borrower.
 * @param index - the reserve.
 * @param amount - underlying borrowed.
 * @returns the pool and position after, and the amount.
 * @throws {MathRevertError} InvalidAmount, NotBorrowableInEMode, BorrowCapExceeded, panic 0x11 (cash), and
 *   the account checks.
 */
export function borrowV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const scaled = rayDivCeil(amount, reserve.variableBorrowIndexRay);
  if (scaled === 0n) throw aaveRevert("InvalidAmount");
  const category = userEModeCategory(position, pool.eModeCategories);
  if (category && !category.borrowable[index]) throw aaveRevert("NotBorrowableInEMode");
  if (
    reserve.totalScaledSupply !== undefined &&
    rayMulFloor(reserve.totalScaledSupply, reserve.liquidityIndexRay) <
      rayMulCeil(scaled, reserve.variableBorrowIndexRay)
  )
    throw aaveRevert("InvalidAmount");
  const cap = reserve.caps?.borrowCap ?? 0n;
  if (
    cap !== 0n &&
    rayMulCeil((reserve.accrual?.totalScaledDebt ?? 0n) + scaled, reserve.variableBorrowIndexRay) >
      cap * 10n ** BigInt(reserve.decimals)
  )
    throw aaveRevert("BorrowCapExceeded");
  if ((reserve.cash ?? 0n) < amount) throw aaveRevert("panic 0x11");
  reserve = repriceReserve({
    ...reserve,
    cash: (reserve.cash ?? 0n) - amount,
    ...(reserve.accrual
      ? { accrual: { ...reserve.accrual, totalScaledDebt: reserve.accrual.totalScaledDebt + scaled } }
      : {}),
  });
  const next: AavePosition = { ...position, scaledDebt: [...position.scaledDebt] };
  next.scaledDebt[index] = (next.scaledDebt[index] ?? 0n) + scaled;
  const after = withReserve(pool, index, reserve);
  validateAccountV36(after, next, "borrow");
  return { pool: after, position: next, amount };
}
