// Mirrors aave-v3-origin 3.6.0 BorrowLogic.executeRepay with the underlying (not aTokens), on behalf of
// oneself.
import { MAX_UINT256 } from "../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../types.js";
import { rayDivFloor, rayMulCeil } from "../WadRayMath.js";
import { aaveRevert } from "./aaveRevert.js";
import { repriceReserve } from "./repriceReserve.js";
import { touchReserve } from "./touchReserve.js";
import type { PoolActionResult } from "./types.js";

/**
 * `Pool.repay(asset, amount, 2, user)`: the reserve is updated, the payback is `amount` capped at the debt
 * (rounded up; type(uint256).max repays all of it), the debt burned rounded down (`payback` rayDivFloor
 * the index), the cash grows by the payback, the rates follow.
 *
 * @param pool - the pool at the block's time.
 * @param position - the borrower.
 * @param index - the reserve.
 * @param amount - underlying offered, or MAX_UINT256 for the whole debt.
 * @returns the pool and position after, and the amount paid back.
 * @throws {MathRevertError} InvalidAmount, NoDebtOfSelectedType, InvalidBurnAmount.
 */
export function repayV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const debtScaled = position.scaledDebt[index] ?? 0n;
  if (amount === 0n) throw aaveRevert("InvalidAmount");
  if (debtScaled === 0n) throw aaveRevert("NoDebtOfSelectedType");
  const debt = rayMulCeil(debtScaled, reserve.variableBorrowIndexRay);
  const payback = amount > debt ? debt : amount;
  const burned = rayDivFloor(payback, reserve.variableBorrowIndexRay);
  if (burned === 0n) throw aaveRevert("InvalidBurnAmount");
  reserve = repriceReserve({
    ...reserve,
    cash: (reserve.cash ?? 0n) + payback,
    ...(reserve.accrual
      ? { accrual: { ...reserve.accrual, totalScaledDebt: reserve.accrual.totalScaledDebt - burned } }
      : {}),
  });
  const next: AavePosition = { ...position, scaledDebt: [...position.scaledDebt] };
  next.scaledDebt[index] = debtScaled - burned;
  return {
    pool: { ...pool, reserves: pool.reserves.map((r, i) => (i === index ? reserve : r)) },
    position: next,
    amount: payback,
  };
}
