import { supplyCapExceeded } from "../../lending/aave/pool/supplyV36.js";
import { userEModeCategory } from "../../lending/aave/userEModeCategory.js";
import { userReserveTerms } from "../../lending/aave/userReserveTerms.js";
import { rayDivFloor } from "../../lending/aave/WadRayMath.js";
import { pow10 } from "../../math/pow10.js";
import { marketAccountData } from "./marketAccountData.js";
import { settleAaveMint } from "./settleAaveInterest.js";
import type { AaveMarketRun } from "./types.js";

const E18 = 10n ** 18n;
const BPS = 10_000n;

/**
 * A margin top-up on an Aave v3.6+ market (LendingMarket.topUp): a position holding `symbol` as collateral
 * and owing something, whose health factor at this block's oracle is below `wad.below`, supplies enough
 * of it to reach `wad.restore` (the amount is the borrower's choice: HF·debt is Σ collateral·threshold, so
 * the gap over the asset's threshold for this user, in its units at the oracle, rounded up). The supply
 * mirrors aave-v3-origin's SupplyLogic.executeSupply for a holder that already uses the reserve as
 * collateral: the reserve cumulated to this block, `amount` rayDivFloor the liquidity index minted, the
 * virtual balance up by `amount`, the rates recomputed; refused (undefined) when the supply cap would
 * be passed.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @param symbol - the asset it tops up with.
 * @param wad - the health factors, WAD: below which it tops up, and the one it restores.
 * @returns the amount and the supply, or undefined.
 */
export function topUpAave(
  run: AaveMarketRun,
  index: number,
  symbol: string,
  wad: { below: bigint; restore: bigint },
): { amount: bigint; supply(): void } | undefined {
  const { market, ctx } = run;
  const i = market.reserves.findIndex((r) => r.symbol === symbol);
  const position = market.positions[index]!;
  if (i < 0 || !position.usingAsCollateral[i] || (position.scaledCollateral[i] ?? 0n) === 0n)
    return undefined;
  const prices = run.pricesE8();
  const account = marketAccountData(market, position, prices);
  if (account.totalDebtBase === 0n || account.healthFactor >= wad.below) return undefined;
  const reserve = market.reserves[i]!;
  const threshold = userReserveTerms(
    reserve,
    i,
    userEModeCategory(position, market.eModeCategories),
  ).liquidationThresholdBps;
  if (threshold === 0n) return undefined;
  const gap = ((wad.restore - account.healthFactor) * account.totalDebtBase * BPS) / E18;
  const addBase = ceilDiv(gap, threshold);
  const amount = ceilDiv(addBase * pow10(reserve.decimals), prices[i]!);
  const scaled = rayDivFloor(amount, reserve.liquidityIndexRay);
  if (scaled === 0n || supplyCapExceeded(reserve, scaled)) return undefined;
  return {
    amount,
    supply() {
      const next = { ...position, scaledCollateral: [...position.scaledCollateral] };
      next.scaledCollateral[i] = next.scaledCollateral[i]! + scaled;
      market.positions[index] = next;
      settleAaveMint(run, i, { scaled, cashIn: amount });
      ctx.onAction?.({
        block: ctx.block,
        kind: "supply",
        market: market.id,
        positionIndex: index,
        positionId: position.id,
        asset: symbol,
        amount,
        expected: { amount },
      });
    },
  };
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
