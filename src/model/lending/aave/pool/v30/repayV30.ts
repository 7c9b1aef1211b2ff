// Mirrors @aave/core-v3 1.19.3 BorrowLogic.executeRepay on behalf of oneself, with the underlying (repay)
// or with the reserve's aTokens (repayWithATokens).
import { MAX_UINT256 } from "../../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { rayDiv, rayMul } from "../../WadRayMath.js";
import { aaveRevert } from "../aaveRevert.js";
import { repriceReserve } from "../repriceReserve.js";
import { touchReserve } from "../touchReserve.js";
import type { PoolActionResult } from "../types.js";
import { withReserve } from "../withReserve.js";

/**
 * `Pool.repay(asset, amount, 2, user)` or `Pool.repayWithATokens(asset, amount, 2)` on v3.0: the reserve
 * updated; validateRepay (a zero amount; no variable debt); the payback is the debt (its balance, half up)
 * or less; with aTokens type(uint256).max offers the aToken balance (half up); the debt burned half up;
 * the cash grows by the payback unless it is paid with aTokens, whose burn (half up) pays instead — v3.0
 * neither turns an emptied collateral off nor checks the health factor there.
 *
 * @throws {MathRevertError} InvalidAmount (26), NoDebtOfSelectedType (39), InvalidBurnAmount (25),
 *   panic 0x11 (aTokens short).
 */
export function repayV30(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
  useATokens = false,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  if (amount === 0n) throw aaveRevert("InvalidAmount");
  const debtScaled = position.scaledDebt[index] ?? 0n;
  const debt = rayMul(debtScaled, reserve.variableBorrowIndexRay);
  if (debt === 0n) throw aaveRevert("NoDebtOfSelectedType");
  const aTokens = position.scaledCollateral[index] ?? 0n;
  const offered = useATokens && amount === MAX_UINT256 ? rayMul(aTokens, reserve.liquidityIndexRay) : amount;
  const payback = offered < debt ? offered : debt;
  const burned = rayDiv(payback, reserve.variableBorrowIndexRay);
  if (burned === 0n) throw aaveRevert("InvalidBurnAmount");
  if (burned > debtScaled) throw aaveRevert("panic 0x11");
  reserve = repriceReserve({
    ...reserve,
    cash: (reserve.cash ?? 0n) + (useATokens ? 0n : payback),
    ...(reserve.accrual
      ? { accrual: { ...reserve.accrual, totalScaledDebt: reserve.accrual.totalScaledDebt - burned } }
      : {}),
  });
  const next: AavePosition = { ...position, scaledDebt: [...position.scaledDebt] };
  next.scaledDebt[index] = debtScaled - burned;
  if (useATokens) {
    const aTokensBurned = rayDiv(payback, reserve.liquidityIndexRay);
    if (aTokensBurned === 0n) throw aaveRevert("InvalidBurnAmount");
    if (aTokensBurned > aTokens) throw aaveRevert("panic 0x11");
    next.scaledCollateral = [...position.scaledCollateral];
    next.scaledCollateral[index] = aTokens - aTokensBurned;
    reserve = { ...reserve, totalScaledSupply: (reserve.totalScaledSupply ?? 0n) - aTokensBurned };
  }
  return { pool: withReserve(pool, index, reserve), position: next, amount: payback };
}
