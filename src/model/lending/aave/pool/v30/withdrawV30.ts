// Mirrors @aave/core-v3 1.19.3 SupplyLogic.executeWithdraw.
import { MAX_UINT256 } from "../../calculateUserAccountData.js";
import { takeCashV30 } from "../../executeLiquidationCall.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { rayDiv, rayMul } from "../../WadRayMath.js";
import { aaveRevert } from "../aaveRevert.js";
import { moveSupply } from "../moveSupply.js";
import { touchReserve } from "../touchReserve.js";
import type { PoolActionResult } from "../types.js";
import { withReserve } from "../withReserve.js";
import { validateHFAndLtvV30 } from "./validateAccountV30.js";

/**
 * `Pool.withdraw(asset, amount, user)` on v3.0: the balance is the scaled balance rayMul the index (half
 * up), type(uint256).max takes all of it; validateWithdraw (zero, above the balance); the rates priced on
 * the cash less the amount (a shortfall underflows there); withdrawing the whole balance turns the
 * collateral off; the aTokens burned half up (`amount` rayDiv the index); a borrower whose reserve was
 * collateral must pass validateHFAndLtv.
 *
 * @throws {MathRevertError} InvalidAmount (26), NotEnoughAvailableUserBalance (32), panic 0x11 (cash),
 *   InvalidBurnAmount (25), and the account checks.
 */
export function withdrawV30(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  const held = position.scaledCollateral[index] ?? 0n;
  const balance = rayMul(held, reserve.liquidityIndexRay);
  const taken = amount === MAX_UINT256 ? balance : amount;
  if (taken === 0n) throw aaveRevert("InvalidAmount");
  if (taken > balance) throw aaveRevert("NotEnoughAvailableUserBalance");
  const cash = takeCashV30(reserve, reserve.cash ?? 0n, taken);
  const scaled = rayDiv(taken, reserve.liquidityIndexRay);
  if (scaled === 0n) throw aaveRevert("InvalidBurnAmount");
  if (scaled > held) throw aaveRevert("panic 0x11");
  const moved = moveSupply(reserve, position, index, cash, -scaled);
  reserve = moved.reserve;
  const next = moved.position;
  const wasCollateral = position.usingAsCollateral[index] === true;
  if (wasCollateral && taken === balance) next.usingAsCollateral[index] = false;
  const after = withReserve(pool, index, reserve);
  if (wasCollateral && next.scaledDebt.some((d) => d > 0n)) validateHFAndLtvV30(after, next, index);
  return { pool: after, position: next, amount: taken };
}
