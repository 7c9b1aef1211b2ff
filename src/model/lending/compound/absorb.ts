// Mirrors Comet.absorbInternal (compound-finance/comet contracts/Comet.sol): all collateral is seized
// at liquidationFactor value; the account's debt is cleared up to that value; anything beyond is paid by reserves.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInternal } from "./accrueInternal.js";
import {
  divPrice,
  mulFactor,
  mulPrice,
  presentValue,
  principalValue,
  repayAndSupplyAmount,
} from "./CometMath.js";
import { isLiquidatable } from "./isLiquidatable.js";
import type { CometMarket, CometPosition, CometPrices } from "./types.js";

export type AbsorbReturnType = {
  market: CometMarket;
  position: CometPosition;
  seized: bigint[];
  /** The account's debt at the accrued indices (−oldBalance), base units. */
  debt: bigint;
  /** Base the protocol paid out to clear the debt (newBalance − oldBalance). */
  basePaidOut: bigint;
  /** Debt (base units) not covered by the seized collateral's full oracle value: the market's bad debt. */
  shortfall: bigint;
};

/**
 * Simulates `Comet.absorb(absorber, [account])` for one account: interest accrued to `nowSeconds` first
 * (absorb calls accrueInternal), then the account checked and absorbed at the accrued indices.
 * @throws {MathRevertError} NotLiquidatable where the contract reverts.
 */
export function absorb(
  stored: CometMarket,
  position: CometPosition,
  prices: CometPrices,
  nowSeconds: bigint = stored.lastAccrualSeconds,
): AbsorbReturnType {
  const market = accrueInternal(stored, nowSeconds);
  if (!isLiquidatable(market, position, prices)) throw new MathRevertError("Comet: NotLiquidatable().");
  const oldPrincipal = position.principal;
  const oldBalance = presentValue(oldPrincipal, market.baseSupplyIndex, market.baseBorrowIndex);
  let deltaValue = 0n;
  let fullValue = 0n;
  const seized = market.assets.map(() => 0n);
  const collateralReserves = [...market.collateralReserves];
  for (let i = 0; i < market.assets.length; i++) {
    const seizeAmount = position.collateral[i] ?? 0n;
    if (seizeAmount === 0n) continue;
    const asset = market.assets[i]!;
    seized[i] = seizeAmount;
    collateralReserves[i] = (collateralReserves[i] ?? 0n) + seizeAmount;
    const value = mulPrice(seizeAmount, prices.assets[i]!, asset.scale);
    fullValue += value;
    deltaValue += mulFactor(value, asset.liquidationFactor);
  }
  const deltaBalance = divPrice(deltaValue, prices.base, market.baseScale);
  let newBalance = oldBalance + deltaBalance;
  if (newBalance < 0n) newBalance = 0n;
  const newPrincipal = principalValue(newBalance, market.baseSupplyIndex, market.baseBorrowIndex);
  const [repayAmount, supplyAmount] = repayAndSupplyAmount(oldPrincipal, newPrincipal);
  const fullBalance = divPrice(fullValue, prices.base, market.baseScale);
  const shortfall = -oldBalance > fullBalance ? -oldBalance - fullBalance : 0n;
  return {
    market: {
      ...market,
      collateralReserves,
      totalSupplyBase: market.totalSupplyBase + supplyAmount,
      totalBorrowBase: market.totalBorrowBase - repayAmount,
    },
    position: { id: position.id, principal: newPrincipal, collateral: market.assets.map(() => 0n) },
    seized,
    debt: -oldBalance,
    basePaidOut: newBalance - oldBalance,
    shortfall,
  };
}
