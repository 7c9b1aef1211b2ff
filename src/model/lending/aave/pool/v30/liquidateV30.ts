// The Pool-level side of @aave/core-v3 1.19.3 LiquidationLogic.executeLiquidationCall: executeLiquidationCall
// (profile v3.0) computes the amounts on the user; this applies them to the reserves and the liquidator.
import { executeLiquidationCall } from "../../executeLiquidationCall.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { rayMul } from "../../WadRayMath.js";
import type { LiquidateV36Parameters, LiquidateV36ReturnType } from "../liquidateV36.js";
import { repriceReserve } from "../repriceReserve.js";
import { touchReserve } from "../touchReserve.js";

/**
 * `Pool.liquidationCall(collateral, debt, borrower, debtToCover, receiveAToken)` on a v3.0 pool. The debt
 * reserve is updated, loses the burned debt and is priced with the repayment counted in; without
 * receiveAToken the collateral reserve is updated, priced on its cash less the seizure (before the
 * repayment arrives: one reserve for both is priced without it) and its aTokens burned; with it nothing
 * leaves, the collateral reserve is neither updated nor repriced, and a liquidator who held none of its
 * aTokens has it turned on as collateral when its LTV is above 0 (validateAutomaticUseAsCollateral).
 *
 * @throws {MathRevertError} where the contract reverts (see executeLiquidationCall, profile v3.0).
 */
export function liquidateV30(
  pool: AavePoolModel,
  borrower: AavePosition,
  liquidator: AavePosition,
  parameters: LiquidateV36Parameters,
): LiquidateV36ReturnType {
  const { collateralIndex: ci, debtIndex: di, receiveAToken } = parameters;
  // The debt reserve is updated first; the collateral reserve's normalised income is the same number.
  const reserves = pool.reserves.map((r, i) => (i === di ? touchReserve(r, pool.nowSeconds) : r));
  const cashBefore = pool.reserves.map((r) => r.cash ?? 0n);
  const result = executeLiquidationCall({
    profile: "v3.0",
    reserves,
    prices: pool.prices,
    position: borrower,
    collateralIndex: ci,
    debtIndex: di,
    debtToCover: parameters.debtToCover,
    cash: cashBefore,
    receiveAToken,
    ...(pool.eModeCategories.length > 0 ? { eModeCategories: pool.eModeCategories } : {}),
  });
  const seizedScaled = result.seizedScaledCollateral!;
  const next = reserves.map((r, i) => {
    if (i !== ci && i !== di) return r;
    let reserve = touchReserve(r, pool.nowSeconds);
    if (i === ci && receiveAToken && i !== di) return r;
    const burnedDebt = i === di ? borrower.scaledDebt[i]! - result.position.scaledDebt[i]! : 0n;
    reserve = {
      ...reserve,
      cash: result.cash![i]!,
      ...(reserve.accrual
        ? { accrual: { ...reserve.accrual, totalScaledDebt: reserve.accrual.totalScaledDebt - burnedDebt } }
        : {}),
      ...(i === ci && !receiveAToken
        ? { totalScaledSupply: (reserve.totalScaledSupply ?? 0n) - seizedScaled }
        : {}),
    };
    // One reserve for both, seized out: its last pricing (the collateral's) is on the cash before the repayment.
    const pricedCash =
      i === ci && i === di && !receiveAToken
        ? cashBefore[i]! - result.actualCollateralToLiquidate
        : reserve.cash!;
    const priced = repriceReserve({ ...reserve, cash: pricedCash });
    return { ...priced, cash: reserve.cash };
  });
  let taker = liquidator;
  if (receiveAToken) {
    const held = liquidator.scaledCollateral[ci] ?? 0n;
    const first = rayMul(held, reserves[ci]!.liquidityIndexRay) === 0n;
    taker = {
      ...liquidator,
      scaledCollateral: liquidator.scaledCollateral.map((s, i) => (i === ci ? s + seizedScaled : s)),
      usingAsCollateral: liquidator.usingAsCollateral.map((on, i) =>
        i === ci && first && reserves[ci]!.ltvBps !== 0n ? true : on,
      ),
    };
  }
  return { pool: { ...pool, reserves: next }, borrower: result.position, liquidator: taker, result };
}
