import type { CompoundMarketModel } from "../../cascade/types.js";
import type { LendingMarket, LendingMarketParameters } from "../types.js";
import { absorbAccount } from "./absorbAccount.js";
import { buyAbsorbedCollateral } from "./buyAbsorbedCollateral.js";
import { compoundKey } from "./compoundKey.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * A Compound V3 (Comet) market behind the cascade's `LendingMarket` interface: liquidators `absorb`
 * liquidatable accounts and then buy the protocol's collateral at the storefront price (`settle`);
 * shortfalls are the protocol's losses.
 *
 * @param parameters - the market model, the cascade context and the liquidators.
 * @returns the market.
 * @example const comet = createCompoundMarket({ market, ctx, liquidators }); comet.liquidate(0);
 */
export function createCompoundMarket(
  parameters: LendingMarketParameters<CompoundMarketModel>,
): LendingMarket {
  const { market, ctx } = parameters;
  const run: CompoundMarketRun = {
    ...parameters,
    realized: { usd: 0 },
    prices: () => ({
      base: ctx.prices.e8(market.market.baseSymbol),
      assets: market.market.assets.map((a) => ctx.prices.e8(a.symbol)),
    }),
  };
  return {
    id: market.id,
    model: market,
    positionCount: market.positions.length,
    key: (index) => compoundKey(run, index),
    debtUsd: (index) =>
      (Number(-market.positions[index]!.principal) / Number(market.market.baseScale)) *
      ctx.prices.usd(market.market.baseSymbol),
    refresh() {},
    liquidate: (index) => absorbAccount(run, index),
    settle: (budget) => buyAbsorbedCollateral(run, budget),
    realizedUsd: () => run.realized.usd,
    insolventOpenUsd(priceUsd) {
      const m = market.market;
      let insolvent = 0;
      for (const p of market.positions) {
        if (p.principal >= 0n) continue;
        const debt = (Number(-p.principal) / Number(m.baseScale)) * priceUsd(m.baseSymbol);
        const coll = m.assets.reduce(
          (s, a, i) => s + (Number(p.collateral[i]!) / Number(a.scale)) * priceUsd(a.symbol),
          0,
        );
        if (debt > coll) insolvent += debt - coll;
      }
      return insolvent;
    },
  };
}
