// The Pool-level side of aave-v3-origin 3.6.0 LiquidationLogic.executeLiquidationCall: liquidationCallV36
// computes the amounts on the user; this applies them to the reserves the transaction touches.
import type { ExecuteLiquidationCallReturnType } from "../executeLiquidationCall.js";
import { liquidationCallV36 } from "../liquidationCallV36.js";
import type { AavePoolModel, AavePosition } from "../types.js";
import { accrueTwice } from "./accrueTwice.js";
import { repriceReserve } from "./repriceReserve.js";
import { touchReserve } from "./touchReserve.js";

export type LiquidateV36Parameters = {
  collateralIndex: number;
  debtIndex: number;
  /** type(uint256).max: as much as the close factor allows. */
  debtToCover: bigint;
  receiveAToken: boolean;
};

export type LiquidateV36ReturnType = {
  pool: AavePoolModel;
  borrower: AavePosition;
  liquidator: AavePosition;
  result: ExecuteLiquidationCallReturnType;
};

/**
 * `Pool.liquidationCall(collateral, debt, borrower, debtToCover, receiveAToken)` on the pool: the amounts
 * of liquidationCallV36, then each touched reserve as the Pool leaves it. The debt reserve, the collateral
 * reserve and every reserve whose debt is burned into the deficit are updated (updateState; on v3.6 twice,
 * for the treasury, when collateral and debt are one reserve: v3.7 fixed it); the debt
 * reserve gains the repayment as cash and loses the burned scaled debt; the collateral reserve loses the
 * seized underlying and its burned aTokens, unless the liquidator takes aTokens (then nothing leaves it,
 * and its rates are not recomputed); every reserve whose state changed is repriced from its state after.
 *
 * @param pool - the pool at the block's time.
 * @param borrower - the user liquidated.
 * @param liquidator - the liquidator's own position (it receives the aTokens with receiveAToken).
 * @param parameters - the pair, the amount asked, and receiveAToken.
 * @returns the pool, the borrower and liquidator after, and the liquidation's amounts.
 * @throws {MathRevertError} where the contract reverts (see liquidationCallV36).
 */
export function liquidateV36(
  pool: AavePoolModel,
  borrower: AavePosition,
  liquidator: AavePosition,
  parameters: LiquidateV36Parameters,
): LiquidateV36ReturnType {
  const { collateralIndex: ci, debtIndex: di, receiveAToken } = parameters;
  const result = liquidationCallV36({
    profile: pool.profile ?? "v3.6",
    reserves: pool.reserves,
    prices: pool.prices,
    position: borrower,
    collateralIndex: ci,
    debtIndex: di,
    debtToCover: parameters.debtToCover,
    cash: pool.reserves.map((r) => r.cash ?? 0n),
    eModeCategories: pool.eModeCategories,
    receiveAToken,
  });
  const seizedScaled = result.seizedScaledCollateral!;
  const reserves = pool.reserves.map((r, i) => {
    const burnedDebt = (borrower.scaledDebt[i] ?? 0n) - (result.position.scaledDebt[i] ?? 0n);
    const touched = i === ci || i === di || burnedDebt > 0n;
    if (!touched) return r;
    let next = touchReserve(r, pool.nowSeconds);
    if (i === ci && ci === di && (pool.profile ?? "v3.6") === "v3.6") next = accrueTwice(r, next);
    next = {
      ...next,
      cash: result.cash![i]!,
      deficit: (next.deficit ?? 0n) + result.deficit[i]!,
      ...(next.accrual
        ? { accrual: { ...next.accrual, totalScaledDebt: next.accrual.totalScaledDebt - burnedDebt } }
        : {}),
    };
    if (i === ci && !receiveAToken)
      next = { ...next, totalScaledSupply: (next.totalScaledSupply ?? 0n) - seizedScaled };
    const repriced = i === di || burnedDebt > 0n || (i === ci && !receiveAToken);
    return repriced ? repriceReserve(next) : next;
  });
  const taker: AavePosition = receiveAToken
    ? {
        ...liquidator,
        scaledCollateral: liquidator.scaledCollateral.map((s, i) => (i === ci ? s + seizedScaled : s)),
      }
    : liquidator;
  return { pool: { ...pool, reserves }, borrower: result.position, liquidator: taker, result };
}
