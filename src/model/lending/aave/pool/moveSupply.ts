import type { AavePosition, AaveReserve } from "../types.js";
import { repriceReserve } from "./repriceReserve.js";

/**
 * What supply and withdraw end with, in v3.0 as in v3.6 (SupplyLogic: updateInterestRates on the cash the
 * action leaves, then the aToken's mint or burn): the reserve with its cash and scaled supply moved and its
 * rates repriced, and the position with `scaled` aTokens added to its balance in the reserve (negative: a
 * burn), on copies of its collateral arrays, which the caller's collateral rule may change next. Each
 * version's validation and rounding stay in its own mirror.
 *
 * @param reserve - the reserve, updated to now (touchReserve).
 * @param position - the supplier's position (not modified).
 * @param index - the reserve's index.
 * @param cash - the reserve's cash after the action.
 * @param scaled - the aTokens minted (positive) or burned (negative), scaled.
 * @returns the reserve and the position after.
 */
export function moveSupply(
  reserve: AaveReserve,
  position: AavePosition,
  index: number,
  cash: bigint,
  scaled: bigint,
): { reserve: AaveReserve; position: AavePosition } {
  const after = repriceReserve({
    ...reserve,
    cash,
    totalScaledSupply: (reserve.totalScaledSupply ?? 0n) + scaled,
  });
  const next: AavePosition = {
    ...position,
    scaledCollateral: [...position.scaledCollateral],
    usingAsCollateral: [...position.usingAsCollateral],
  };
  next.scaledCollateral[index] = (next.scaledCollateral[index] ?? 0n) + scaled;
  return { reserve: after, position: next };
}
