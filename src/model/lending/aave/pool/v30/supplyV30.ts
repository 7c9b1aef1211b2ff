// Mirrors @aave/core-v3 1.19.3 SupplyLogic.executeSupply (no isolation mode).
import type { AavePoolModel, AavePosition } from "../../types.js";
import { rayDiv, rayMul } from "../../WadRayMath.js";
import { aaveRevert } from "../aaveRevert.js";
import { moveSupply } from "../moveSupply.js";
import { touchReserve } from "../touchReserve.js";
import type { PoolActionResult } from "../types.js";
import { withReserve } from "../withReserve.js";

/**
 * `Pool.supply(asset, amount, user, 0)` on v3.0: the reserve updated; validateSupply (a zero amount; the cap
 * on the scaled supply with the treasury's share rayMul the index, half up, plus `amount`); the aTokens
 * minted half up (`amount` rayDiv the index, none minted: InvalidMintAmount); the cash grows; a first
 * supply turns the reserve on as collateral when its LTV is above 0 (validateAutomaticUseAsCollateral).
 *
 * @throws {MathRevertError} InvalidAmount (26), SupplyCapExceeded (51), InvalidMintAmount (24).
 */
export function supplyV30(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  amount: bigint,
): PoolActionResult {
  let reserve = touchReserve(pool.reserves[index]!, pool.nowSeconds);
  if (amount === 0n) throw aaveRevert("InvalidAmount");
  const cap = reserve.caps?.supplyCap ?? 0n;
  if (
    cap !== 0n &&
    rayMul(
      (reserve.totalScaledSupply ?? 0n) + (reserve.accrual?.accruedToTreasury ?? 0n),
      reserve.liquidityIndexRay,
    ) +
      amount >
      cap * 10n ** BigInt(reserve.decimals)
  )
    throw aaveRevert("SupplyCapExceeded");
  const scaled = rayDiv(amount, reserve.liquidityIndexRay);
  if (scaled === 0n) throw aaveRevert("InvalidMintAmount");
  const first = (position.scaledCollateral[index] ?? 0n) === 0n;
  const moved = moveSupply(reserve, position, index, (reserve.cash ?? 0n) + amount, scaled);
  reserve = moved.reserve;
  const next = moved.position;
  if (first && reserve.ltvBps !== 0n) next.usingAsCollateral[index] = true;
  return { pool: withReserve(pool, index, reserve), position: next, amount };
}
