import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceUsd } from "../cascade/poolPrice.js";
import { setPool } from "../cascade/setPool.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PegModel, PoolModel } from "../cascade/types.js";
import { toFloat } from "../math/toFloat.js";
import { concaveSaleBound, recordSalePoint, type SalePoints } from "./concaveSaleBound.js";
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
  // Pegged sales priced per state of the pools they cross (a trade replaces a pool object): their
  // concavity bounds the next sales on the same states without simulating them (concaveSaleBound).
  const pegSales = new WeakMap<PoolModel, WeakMap<PoolModel, Map<string, SalePoints>>>();
  const pointsOf = (peg: PegModel, debtSymbol: string): SalePoints => {
    const hopPool = poolById(state, peg.poolId);
    const last = debtSymbol === peg.asset ? hopPool : poolById(state, poolId);
    let byLast = pegSales.get(hopPool);
    if (!byLast) {
      byLast = new WeakMap();
      pegSales.set(hopPool, byLast);
    }
    let byDebt = byLast.get(last);
    if (!byDebt) {
      byDebt = new Map();
      byLast.set(last, byDebt);
    }
    let points = byDebt.get(debtSymbol);
    if (!points) {
      points = [];
      byDebt.set(debtSymbol, points);
    }
    return points;
  };
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
    repayUsd(debt) {
      return debt.symbol === state.underlying.symbol
        ? toFloat(debt.amount, state.underlying.decimals) * (Number(ctx.underlyingPriceE8) / 1e8)
        : debt.usd;
    },
    saleCeilingUsd(symbol, amount, debtSymbol) {
      if (symbol === state.underlying.symbol && debtSymbol === state.quote.symbol)
        return toFloat(amount, state.underlying.decimals) * this.salePool().usd * (1 + 1e-9);
      const peg = state.pegs.find((p) => p.symbol === symbol);
      if (!peg || (debtSymbol !== peg.asset && debtSymbol !== state.quote.symbol)) return undefined;
      // Its own pool's price (floored to 8 decimals: allowed for), then the underlying at the reference
      // price (debt in it) or sold on the liquidators' pool.
      const inUnderlying =
        toFloat(amount, peg.decimals) * poolPriceUsd(poolById(state, peg.poolId)) * (1 + 1e-6);
      const underlyingUsd =
        debtSymbol === peg.asset ? Number(ctx.underlyingPriceE8) / 1e8 : this.salePool().usd;
      const atPrices = inUnderlying * underlyingUsd * (1 + 1e-6);
      // What earlier sales on the same pool states fetched bounds this one (the USD as quoteSale counts it).
      const out = concaveSaleBound(pointsOf(peg, debtSymbol), Number(amount));
      const outUsd =
        debtSymbol === peg.asset
          ? (out / 10 ** state.underlying.decimals) * (Number(ctx.underlyingPriceE8) / 1e8)
          : out / 10 ** state.quote.decimals;
      return Math.min(atPrices, outUsd * (1 + 1e-9));
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
      const peg = state.pegs.find((p) => p.symbol === symbol);
      if (peg) {
        const points = pointsOf(peg, debtSymbol);
        const sale = sellPegged(ctx, { peg, amount, debtSymbol, salePoolId: poolId });
        recordSalePoint(points, Number(amount), Number(sale.quote));
        return sale;
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

/**
 * A pegged asset's sale as our liquidator contract does it: sold on its own pool for the underlying; for
 * debt in the quote asset, what that fetched is then sold on the liquidators' pool (two hops, one
 * transaction). `usd` is the proceeds at the market (the underlying at the reference price).
 */
function sellPegged(
  ctx: CascadeContext,
  p: { peg: PegModel; amount: bigint; debtSymbol: string; salePoolId: string },
): Sale {
  const { state } = ctx;
  const none = () => {};
  const hop = tradeOnPool(poolById(state, p.peg.poolId), { kind: "sell", amount: p.amount });
  if (!hop) return { quote: 0n, usd: 0, commit: none };
  const underlyingUsd = Number(ctx.underlyingPriceE8) / 1e8;
  if (p.debtSymbol === p.peg.asset)
    return {
      quote: hop.quoteDelta,
      usd: toFloat(hop.quoteDelta, state.underlying.decimals) * underlyingUsd,
      trade: hop,
      commit: () => setPool(state, hop.pool),
    };
  const sale = tradeOnPool(poolById(state, p.salePoolId), { kind: "sell", amount: hop.quoteDelta });
  if (!sale) return { quote: 0n, usd: 0, commit: none };
  return {
    quote: sale.quoteDelta,
    usd: toFloat(sale.quoteDelta, state.quote.decimals),
    trade: sale,
    hop,
    commit: () => {
      setPool(state, hop.pool);
      setPool(state, sale.pool);
      ctx.round.collateralSoldUnderlying += toFloat(hop.quoteDelta, state.underlying.decimals);
    },
  };
}
