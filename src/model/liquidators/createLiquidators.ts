import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceUsd } from "../cascade/poolPrice.js";
import { setPool } from "../cascade/setPool.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";
import { toFloat } from "../math/toFloat.js";
import type { Liquidators, Sale } from "./types.js";

/** One competing bot's own terms: its sale pool, its gas price (base fee plus its tip) and minimum profit. */
export type BotOverrides = { pool: string; gasPriceWei: () => bigint; minProfitUsd: number };

/**
 * The scenario's liquidators over a cascade context: gas at the block's market price, the sale pool (its
 * USD price recomputed only when a trade replaced the pool) and sale quotes whose `commit` applies the
 * simulated swap, so a sale is computed once.
 *
 * @param ctx - the cascade context (its state's `liquidators` section).
 * @param bot - a competing bot's own pool, gas price and minimum profit (absent: the scenario's liquidators).
 * @returns the liquidators every market's `liquidate` consults.
 * @example const liquidators = createLiquidators(ctx); liquidators.quoteSale("WETH", 10n ** 18n).usd;
 */
export function createLiquidators(ctx: CascadeContext, bot?: BotOverrides): Liquidators {
  const { state } = ctx;
  let cached: { pool: PoolModel; usd: number } | undefined;
  const none = () => {};
  const poolId = bot?.pool ?? state.liquidators.pool;
  return {
    minProfitUsd: bot?.minProfitUsd ?? state.liquidators.minProfitUsd,
    quoteDecimals: state.quote.decimals,
    gasUsd() {
      const l = state.liquidators;
      const gwei = bot ? Number(bot.gasPriceWei()) / 1e9 : l.gasPriceGwei;
      return l.gasPerLiquidation * gwei * 1e-9 * (Number(ctx.underlyingPriceE8) / 1e8);
    },
    salePool() {
      const pool = poolById(state, poolId);
      if (cached?.pool !== pool) cached = { pool, usd: poolPriceUsd(pool) };
      return cached;
    },
    quoteSale(symbol: string, amount: bigint, debtSymbol: string = state.quote.symbol): Sale {
      // Collateral in the debt asset itself needs no sale: the liquidator repays with it one to one.
      if (symbol === debtSymbol) {
        const decimals = symbol === state.quote.symbol ? state.quote.decimals : state.underlying.decimals;
        const priceUsd = symbol === state.quote.symbol ? 1 : Number(ctx.prices.e8(symbol)) / 1e8;
        return { quote: amount, usd: toFloat(amount, decimals) * priceUsd, commit: none };
      }
      if (symbol === state.quote.symbol && debtSymbol === state.underlying.symbol) {
        // Quote-asset collateral against underlying debt: spent on the pool for the underlying owed.
        const result = tradeOnPool(poolById(state, poolId), { kind: "spend", amount });
        if (!result) return { quote: 0n, usd: 0, commit: none };
        return {
          quote: result.underlyingDelta,
          usd:
            toFloat(result.underlyingDelta, state.underlying.decimals) *
            (Number(ctx.underlyingPriceE8) / 1e8),
          trade: result,
          commit: () => setPool(state, result.pool),
        };
      }
      if (symbol !== state.underlying.symbol) {
        const usd = (Number(ctx.prices.e8(symbol)) / 1e8) * toFloat(amount, 18);
        return { quote: 0n, usd, commit: none };
      }
      const result = tradeOnPool(poolById(state, poolId), { kind: "sell", amount });
      if (!result) return { quote: 0n, usd: 0, commit: none };
      return {
        quote: result.quoteDelta,
        usd: toFloat(result.quoteDelta, state.quote.decimals),
        trade: result,
        commit: () => {
          setPool(state, result.pool);
          ctx.round.collateralSoldUnderlying += toFloat(amount, state.underlying.decimals);
        },
      };
    },
  };
}
