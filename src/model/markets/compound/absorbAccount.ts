import { absorb } from "../../lending/compound/absorb.js";
import { isLiquidatable } from "../../lending/compound/isLiquidatable.js";
import type { LiquidationOutcome } from "../types.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * `absorb` of one Comet account when `isLiquidatable` says so: the protocol takes its collateral and debt,
 * any shortfall hits its reserves (booked as realised).
 *
 * @param run - the market in the cascade.
 * @param index - the account.
 * @returns `done`, `healthy`, or `dead` for an account that does not borrow.
 */
export function absorbAccount(run: CompoundMarketRun, index: number): LiquidationOutcome {
  const { market, ctx } = run;
  const position = market.positions[index]!;
  if (position.principal >= 0n) return "dead";
  const prices = run.prices();
  if (!isLiquidatable(market.market, position, prices)) return "healthy";
  const result = absorb(market.market, position, prices);
  market.market = result.market;
  market.positions[index] = result.position;
  const baseUsd = Number(prices.base) / 1e8;
  const debtUsd = (Number(-position.principal) / Number(market.market.baseScale)) * baseUsd;
  run.realized.usd += (Number(result.shortfall) / Number(market.market.baseScale)) * baseUsd;
  ctx.round.liquidations++;
  ctx.round.liquidatedDebtUsd += debtUsd;
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
      debtAmount: (-position.principal).toString(),
      collateralAmount: result.seized.reduce((a, b) => a + b, 0n).toString(),
      protocolFee: "0",
      badDebt: result.shortfall.toString(),
      saleProceeds: "0",
      profitUsd: 0,
    });
  return "done";
}
