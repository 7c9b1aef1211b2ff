// Mirrors aave-v3-origin 3.6.0 SupplyLogic.executeWithdraw.
import { MAX_UINT256 } from "../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../types.js";
import { rayDivCeil, rayMulFloor } from "../WadRayMath.js";
import { aaveRevert } from "./aaveRevert.js";
import { moveSupply } from "./moveSupply.js";
import { touchReserve } from "./touchReserve.js";
import type { PoolActionResult } from "./types.js";
import { validateAccountV36 } from "./validateAccountV36.js";
import { withReserve } from "./withReserve.js";

/**
 * `Pool.withdraw(asset, amount, user)`: type(uint256).max takes the whole balance (rounded down), any other
 * amount burns `amount` rayDivCeil the index; the cash gives it up (a shortfall underflows), the rates
 * follow; an emptied collateral is turned off, and a borrower must stay at HF ≥ 1 (validateHFAndLtvzero).
 *
 * @param pool - the pool at the block's time.
 * @param position - the user.
 * @param index - the reserve.
 * @param amount - underlying, or MAX_UINT256 for all.
 * @returns the pool and position after, and the amount withdrawn.
 * @throws {MathRevertError} InvalidAmount, NotEnoughAvailableUserBalance, panic 0x11 (cash), and the
 *   account checks.
 */
export function withdrawV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const balance = position.scaledCollateral[index] ?? 0n;
  const scaled = amount === MAX_UINT256 ? balance : rayDivCeil(amount, reserve.liquidityIndexRay);
  const taken = amount === MAX_UINT256 ? rayMulFloor(balance, reserve.liquidityIndexRay) : amount;
  if (scaled === 0n) throw aaveRevert("InvalidAmount");
  if (scaled > balance) throw aaveRevert("NotEnoughAvailableUserBalance");
  if ((reserve.cash ?? 0n) < taken) throw aaveRevert("panic 0x11");
  const moved = moveSupply(reserve, position, index, (reserve.cash ?? 0n) - taken, -scaled);
  reserve = moved.reserve;
  const next = moved.position;
  const after = withReserve(pool, index, reserve);
  if (next.usingAsCollateral[index]) {
    if (next.scaledCollateral[index] === 0n) next.usingAsCollateral[index] = false;
    if (next.scaledDebt.some((d) => d > 0n)) validateAccountV36(after, next, { ltvzero: index });
  }
  return { pool: after, position: next, amount: taken };
}
