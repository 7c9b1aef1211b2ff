// Mirrors @aave/core-v3 1.19.3 BorrowLogic.executeBorrow and ValidationLogic.validateBorrow (variable rate;
// no isolation mode, e-mode categories without a price source, no price-oracle sentinel; every reserve has
// borrowing enabled).
import { calculateUserAccountData } from "../../calculateUserAccountData.js";
import { takeCashV30 } from "../../executeLiquidationCall.js";
import { percentDiv } from "../../PercentageMath.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { userEModeCategory } from "../../userEModeCategory.js";
import { rayDiv, rayMul } from "../../WadRayMath.js";
import { aaveRevert } from "../aaveRevert.js";
import { repriceReserve } from "../repriceReserve.js";
import { touchReserve } from "../touchReserve.js";
import type { PoolActionResult } from "../types.js";
import { withReserve } from "../withReserve.js";

/**
 * `Pool.borrow(asset, amount, 2, 0, user)` on v3.0: the reserve updated; validateBorrow before anything
 * moves (a zero amount; the cap on the variable debt rayMul the index, half up, plus `amount`; the user's
 * collateral not zero, its LTV not zero, its health factor above 1, and (debt + amount at the oracle)
 * percentDiv the LTV within the collateral); the debt minted half up (`amount` rayDiv the index); the rates
 * priced on the cash less the amount (a shortfall underflows there).
 *
 * @throws {MathRevertError} InvalidAmount (26), BorrowCapExceeded (50), InconsistentEmodeCategory (58),
 *   CollateralBalanceIsZero (34),
 *   LtvValidationFailed (57), HealthFactorLowerThanLiquidationThreshold (35),
 *   CollateralCannotCoverNewBorrow (36), InvalidMintAmount (24), panic 0x11.
 */
export function borrowV30(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  if (amount === 0n) throw aaveRevert("InvalidAmount");
  const unit = 10n ** BigInt(reserve.decimals);
  const cap = reserve.caps?.borrowCap ?? 0n;
  const totalScaledDebt = reserve.accrual?.totalScaledDebt ?? 0n;
  if (cap !== 0n && rayMul(totalScaledDebt, reserve.variableBorrowIndexRay) + amount > cap * unit)
    throw aaveRevert("BorrowCapExceeded");
  // In e-mode the reserve must be of the user's category (v3.0: one category per reserve).
  const category = userEModeCategory(position, pool.eModeCategories);
  if (category && !category.borrowable[index]) throw aaveRevert("InconsistentEmodeCategory");
  const pooled = withReserve(pool, index, reserve);
  const account = calculateUserAccountData(
    pooled.reserves,
    position,
    pool.prices,
    "v3.0",
    pool.eModeCategories,
  );
  if (account.totalCollateralBase === 0n) throw aaveRevert("CollateralBalanceIsZero");
  if (account.avgLtvBps === 0n) throw aaveRevert("LtvValidationFailed");
  if (account.healthFactor <= 10n ** 18n) throw aaveRevert("HealthFactorLowerThanLiquidationThreshold");
  const amountBase = (pool.prices[index]! * amount) / unit;
  if (percentDiv(account.totalDebtBase + amountBase, account.avgLtvBps) > account.totalCollateralBase)
    throw aaveRevert("CollateralCannotCoverNewBorrow");
  const scaled = rayDiv(amount, reserve.variableBorrowIndexRay);
  if (scaled === 0n) throw aaveRevert("InvalidMintAmount");
  reserve = {
    ...reserve,
    ...(reserve.accrual
      ? { accrual: { ...reserve.accrual, totalScaledDebt: totalScaledDebt + scaled } }
      : {}),
  };
  reserve = repriceReserve({ ...reserve, cash: takeCashV30(reserve, reserve.cash ?? 0n, amount) });
  const next: AavePosition = { ...position, scaledDebt: [...position.scaledDebt] };
  next.scaledDebt[index] = (next.scaledDebt[index] ?? 0n) + scaled;
  return { pool: withReserve(pool, index, reserve), position: next, amount };
}
