import type { CompoundMarketModel } from "../../cascade/types.js";
import { BASE_INDEX_SCALE } from "../../lending/compound/CometMath.js";
import { isLiquidatable } from "../../lending/compound/isLiquidatable.js";
import type { LendingMarket, LendingMarketParameters } from "../types.js";
import { buyAbsorbedCollateral } from "./buyAbsorbedCollateral.js";
import { cometPricesE8 } from "./cometPricesE8.js";
import { compoundKey } from "./compoundKey.js";
import { insolventOpenUsd } from "./insolventOpenUsd.js";
import { quoteAbsorb } from "./quoteAbsorb.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * A Compound V3 (Comet) market behind the cascade's `LendingMarket` interface: liquidatable accounts are
 * absorbed (the protocol's own action, quoted by `quote`), then liquidators buy the protocol's collateral
 * at the storefront price (`settle`);
 * shortfalls are the protocol's losses.
 *
 * @param parameters - the market model, the cascade context and the liquidators.
 * @returns the market.
 * @example const comet = createCompoundMarket({ market, ctx, liquidators }); comet.quote(0, MAX_UINT256);
 */
export function createCompoundMarket(
  parameters: LendingMarketParameters<CompoundMarketModel>,
): LendingMarket {
  const { market, ctx } = parameters;
  const run: CompoundMarketRun = {
    ...parameters,
    realized: { usd: 0, byCollateral: new Map() },
    rise: new Float64Array(market.positions.length).fill(Number.POSITIVE_INFINITY),
    now: 0n,
    prices: () => cometPricesE8(market, ctx.prices.e8),
  };
  let lastIndex = market.market.baseBorrowIndex;
  return {
    id: market.id,
    model: market,
    positionCount: market.positions.length,
    // Comet accrues lazily (absorb accrues first, buyCollateral reads accrued reserves): the block's time is
    // kept for them; what moved the stored borrow index since the last block is the keys' drift.
    accrue(timestampSeconds) {
      run.now = BigInt(Math.round(timestampSeconds));
      const index = market.market.baseBorrowIndex;
      const moved = Number(index - lastIndex) / Number(lastIndex);
      lastIndex = index;
      return moved;
    },
    key: (index) => compoundKey(run, index),
    riseKey: (index) => run.rise[index]!,
    debtUsd: (index) =>
      ((Number(-market.positions[index]!.principal) * Number(market.market.baseBorrowIndex)) /
        Number(BASE_INDEX_SCALE) /
        Number(market.market.baseScale)) *
      ctx.prices.usd(market.market.baseSymbol),
    refresh() {},
    quote: (index) => quoteAbsorb(run, index),
    settle: (budget) => buyAbsorbedCollateral(run, budget),
    // What Comet's own isLiquidatable view says now: the stored indices (views do not accrue).
    liquidatable() {
      const prices = run.prices();
      const out: number[] = [];
      market.positions.forEach((p, i) => {
        if (isLiquidatable(market.market, p, prices)) out.push(i);
      });
      return out;
    },
    realizedUsd: () => run.realized.usd,
    realizedChannels: () => run.realized.byCollateral,
    insolventOpenUsd: (priceUsd, channels) => insolventOpenUsd(market, priceUsd, channels),
  };
}
