import { MathRevertError } from "../../../errors/MathRevertError.js";
import { WRITTEN_OFF } from "../../cascade/stages/tallyContagion.js";
import { absorb } from "../../lending/compound/absorb.js";
import { accrueInternal } from "../../lending/compound/accrueInternal.js";
import { isLiquidatable } from "../../lending/compound/isLiquidatable.js";
import { splitLoss } from "../splitLoss.js";
import type { LiquidationQuote } from "../types.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * Comet's `absorb` of one account when `isLiquidatable` says so at the indices accrued to this block
 * (absorb accrues first): the protocol itself takes the account's collateral and debt (no repay amount,
 * nothing for the liquidator to sell); on `apply`, the absorb is sent as an action and any shortfall hits
 * its reserves and is booked as realised.
 *
 * @param run - the market in the cascade.
 * @param index - the account.
 * @returns the quote, `healthy`, `dead` for an account that does not borrow, or `revert` when Comet's
 *   accrual itself would revert.
 */
export function quoteAbsorb(
  run: CompoundMarketRun,
  index: number,
): LiquidationQuote | "healthy" | "dead" | "revert" {
  const { market, ctx } = run;
  const position = market.positions[index]!;
  if (position.principal >= 0n) return "dead";
  const prices = run.prices();
  let accrued: typeof market.market;
  try {
    accrued = accrueInternal(market.market, run.now);
  } catch (error) {
    // Comet's accrual itself reverts (an index past uint64): so does every absorb.
    if (error instanceof MathRevertError) return "revert";
    throw error;
  }
  if (!isLiquidatable(accrued, position, prices)) return "healthy";
  // Already accrued to now: absorb's own accrual is then a no-op.
  const result = absorb(accrued, position, prices);
  const baseUsd = ctx.prices.usd(market.market.baseSymbol);
  const scale = Number(result.market.baseScale);
  const debtUsd = (Number(result.debt) / scale) * baseUsd;
  return {
    debt: { symbol: market.market.baseSymbol, amount: result.debt, usd: debtUsd },
    apply() {
      market.market = result.market;
      market.positions[index] = result.position;
      const shortfallUsd = (Number(result.shortfall) / scale) * baseUsd;
      run.realized.usd += shortfallUsd;
      // The write-off came through what the account held: its collateral by value at the oracle.
      if (shortfallUsd > 0)
        splitLoss(
          run.realized.byCollateral,
          shortfallUsd,
          market.market.assets.map(
            (a, i) =>
              [
                a.symbol,
                (Number(position.collateral[i]!) / Number(a.scale)) * ctx.prices.usd(a.symbol),
              ] as const,
          ),
          WRITTEN_OFF,
        );
      ctx.round.liquidations++;
      ctx.round.liquidatedDebtUsd += debtUsd;
      ctx.onAction?.({
        block: ctx.block,
        kind: "absorb",
        market: market.id,
        positionIndex: index,
        positionId: position.id,
        base: market.market.baseSymbol,
        debt: result.debt,
        expected: { basePaidOut: result.basePaidOut, collateralAbsorbed: result.seized },
      });
      if (ctx.recordEvents)
        ctx.events.push({
          block: ctx.block,
          market: market.id,
          kind: "absorb",
          positionId: position.id,
          collateral: market.market.assets
            .filter((_, i) => result.seized[i]! > 0n)
            .map((a) => a.symbol)
            .join("+"),
          debt: market.market.baseSymbol,
          debtAmount: result.debt.toString(),
          collateralAmount: result.seized.reduce((a, b) => a + b, 0n).toString(),
          protocolFee: "0",
          badDebt: result.shortfall.toString(),
          saleProceeds: "0",
          profitUsd: 0,
        });
    },
  };
}
