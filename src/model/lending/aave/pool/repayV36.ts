// Mirrors aave-v3-origin 3.6.0 BorrowLogic.executeRepay, on behalf of oneself, with the underlying (repay)
// or with the reserve's aTokens (repayWithATokens).
import { MAX_UINT256 } from "../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../types.js";
import { rayDivCeil, rayDivFloor, rayMulCeil, rayMulFloor } from "../WadRayMath.js";
import { aaveRevert } from "./aaveRevert.js";
import { repriceReserve } from "./repriceReserve.js";
import { touchReserve } from "./touchReserve.js";
import type { PoolActionResult } from "./types.js";
import { validateAccountV36 } from "./validateAccountV36.js";
import { withReserve } from "./withReserve.js";

/**
 * `Pool.repay(asset, amount, 2, user)`, or with `useATokens` `Pool.repayWithATokens(asset, amount, 2)`:
 * the reserve is updated; the payback is `amount` (type(uint256).max: with aTokens the whole aToken
 * balance, rounded down; otherwise the whole debt) capped at the debt (rounded up); the debt is burned
 * rounded down (`payback` rayDivFloor the index); the cash grows by the payback — with aTokens it does
 * not, their burn (rounded up) pays instead, an emptied collateral is turned off and a borrower must stay
 * at HF ≥ 1 —; the rates follow.
 *
 * @param pool - the pool at the block's time.
 * @param position - the borrower.
 * @param index - the reserve.
 * @param amount - underlying offered, or MAX_UINT256.
 * @param useATokens - pay with the reserve's aTokens.
 * @returns the pool and position after, and the amount paid back.
 * @throws {MathRevertError} InvalidAmount, NoDebtOfSelectedType, InvalidBurnAmount, panic 0x11 (aTokens
 *   short), HealthFactorLowerThanLiquidationThreshold.
 */
export function repayV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
  useATokens = false,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const debtScaled = position.scaledDebt[index] ?? 0n;
  if (amount === 0n) throw aaveRevert("InvalidAmount");
  if (debtScaled === 0n) throw aaveRevert("NoDebtOfSelectedType");
  const debt = rayMulCeil(debtScaled, reserve.variableBorrowIndexRay);
  const aTokens = position.scaledCollateral[index] ?? 0n;
  const offered =
    useATokens && amount === MAX_UINT256 ? rayMulFloor(aTokens, reserve.liquidityIndexRay) : amount;
  const payback = offered > debt ? debt : offered;
  const burned = rayDivFloor(payback, reserve.variableBorrowIndexRay);
  if (burned === 0n) throw aaveRevert("InvalidBurnAmount");
  const aTokensBurned = useATokens ? rayDivCeil(payback, reserve.liquidityIndexRay) : 0n;
  reserve = repriceReserve({
    ...reserve,
    cash: (reserve.cash ?? 0n) + (useATokens ? 0n : payback),
    ...(useATokens ? { totalScaledSupply: (reserve.totalScaledSupply ?? 0n) - aTokensBurned } : {}),
    ...(reserve.accrual
      ? { accrual: { ...reserve.accrual, totalScaledDebt: reserve.accrual.totalScaledDebt - burned } }
      : {}),
  });
  const next: AavePosition = { ...position, scaledDebt: [...position.scaledDebt] };
  next.scaledDebt[index] = debtScaled - burned;
  const after = withReserve(pool, index, reserve);
  if (useATokens) {
    if (aTokensBurned === 0n) throw aaveRevert("InvalidBurnAmount");
    if (aTokensBurned > aTokens) throw aaveRevert("panic 0x11");
    next.scaledCollateral = [...position.scaledCollateral];
    next.scaledCollateral[index] = aTokens - aTokensBurned;
    if (next.usingAsCollateral[index]) {
      if (next.scaledCollateral[index] === 0n) {
        next.usingAsCollateral = [...position.usingAsCollateral];
        next.usingAsCollateral[index] = false;
      }
      if (next.scaledDebt.some((d) => d > 0n)) validateAccountV36(after, next, "health");
    }
  }
  return { pool: after, position: next, amount: payback };
}
