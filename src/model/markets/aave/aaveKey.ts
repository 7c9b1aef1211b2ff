import type { AaveMarketRun } from "./types.js";

/**
 * The underlying's oracle price at or below which an Aave position is liquidatable, from its cached float
 * balances: solves Σ collateral × price × LT = Σ debt × price for the underlying's price, the other
 * reserves at their oracle prices.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns the price; −∞ with no debt, +∞ when no fall in the underlying makes it liquidatable.
 */
export function aaveKey(run: AaveMarketRun, index: number): number {
  const { market, amounts } = run;
  const underlying = run.ctx.state.underlying.symbol;
  const prices = run.pricesUsd();
  const p = market.positions[index]!;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < market.reserves.length; i++) {
    const coll = p.usingAsCollateral[i] ? amounts.collateral[i]![index]! : 0;
    const debt = amounts.debt[i]![index]!;
    const lt = amounts.configBps.liquidationThreshold[i]! / 10_000;
    if (market.reserves[i]!.symbol === underlying) {
      a += coll * lt;
      c += debt;
    } else {
      b += coll * prices[i]! * lt;
      d += debt * prices[i]!;
    }
  }
  if (c === 0 && d === 0) return Number.NEGATIVE_INFINITY;
  return a > c ? (d - b) / (a - c) : Number.POSITIVE_INFINITY;
}
