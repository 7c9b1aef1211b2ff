import { MathRevertError } from "../../errors/MathRevertError.js";
import { calculateUserAccountData, MAX_UINT256 } from "../lending/aave/calculateUserAccountData.js";
import { estimateLiquidation } from "../lending/aave/estimateLiquidation.js";
import { executeLiquidationCall } from "../lending/aave/executeLiquidationCall.js";
import { rayMul } from "../lending/aave/WadRayMath.js";
import { absorb } from "../lending/compound/absorb.js";
import { buyCollateral } from "../lending/compound/buyCollateral.js";
import { FACTOR_SCALE, mulFactor } from "../lending/compound/CometMath.js";
import { getReserves } from "../lending/compound/getReserves.js";
import { isLiquidatable } from "../lending/compound/isLiquidatable.js";
import type { CometPrices } from "../lending/compound/types.js";
import { pow10 } from "../math/pow10.js";
import { bookGreeks } from "../options/bookGreeks.js";
import { stressMultiplier } from "../options/volSurface.js";
import { createRng } from "../random/createRng.js";
import { toUnits } from "./buildCascadeState.js";
import { type AaveAmounts, createAaveAmounts } from "./createAaveAmounts.js";
import { createPriceBuckets, type PriceBuckets } from "./createPriceBuckets.js";
import { createRankHeap, handleIndex, handleMarket, precedes } from "./createRankHeap.js";
import { poolPriceE8, poolPriceUsd } from "./poolPrice.js";
import { saleProceedsUpperBound } from "./saleProceedsUpperBound.js";
import { type Trade, type TradeResult, tradeOnPool } from "./tradeOnPool.js";
import type { AaveMarketModel, CascadeState, CompoundMarketModel, PoolModel } from "./types.js";
import { updateOracle } from "./updateOracle.js";

/** One liquidation-side action the cascade took, in the integers the chain would see. */
export type CascadeEvent = {
  block: number;
  market: string;
  kind: "liquidationCall" | "absorb" | "buyCollateral";
  positionId: string;
  collateral: string;
  debt: string;
  /** Debt repaid (liquidationCall), absorbed (absorb) or base paid (buyCollateral), debt-asset units. */
  debtAmount: string;
  collateralAmount: string;
  protocolFee: string;
  /** Debt written off: v3.3 deficit, v3.0 unbacked debt left with no collateral, Comet shortfall. */
  badDebt: string;
  /** Quote received for the seized collateral on the liquidator's pool. */
  saleProceeds: string;
  profitUsd: number;
};

/**
 * One state change the cascade made that a chain must reproduce, in execution order: the chain harness
 * replays these as transactions and checks each result against the `expected` integers.
 */
export type CascadeAction =
  | {
      block: number;
      kind: "swap";
      purpose: "shock" | "arbitrage" | "hedge" | "unwind" | "perp" | "collateral-sale";
      /** Who trades: "trader" (shock, arbitrage, perp flow, Comet collateral sales) or an option book's id. */
      actor: string;
      poolId: string;
      zeroForOne: boolean;
      amountSpecified: bigint;
      sqrtPriceLimitX96: bigint;
      expected: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint };
    }
  | {
      block: number;
      kind: "swapV2";
      purpose: Extract<CascadeAction, { kind: "swap" }>["purpose"];
      actor: string;
      poolId: string;
      zeroForOne: boolean;
      /** Exact input; the output is the router's getAmountOut on the pair's reserves. */
      amountIn: bigint;
      /** The pair's token deltas (+ in, − out) and its reserves after the swap (its Sync event). */
      expected: { amount0: bigint; amount1: bigint; reserve0: bigint; reserve1: bigint };
    }
  | { block: number; kind: "oracle"; symbol: string; priceE8: bigint }
  | {
      block: number;
      kind: "liquidationCall";
      market: string;
      positionIndex: number;
      positionId: string;
      collateral: string;
      debt: string;
      salePoolId: string;
      expected: {
        debtRepaid: bigint;
        collateralSeized: bigint;
        protocolFee: bigint;
        saleProceeds: bigint;
        /** The sale pool's price after the sale: sqrtPriceX96 (v3), 0 for a v2 pair (see saleReservesAfter). */
        saleSqrtPriceX96After: bigint;
        /** A v2 sale pool's reserves after the sale, [reserve0, reserve1]. */
        saleReservesAfter?: readonly [bigint, bigint];
      };
    };

/** What happened in one block. Flows are in underlying units, + = sold into the pools. */
export type RoundRecord = {
  block: number;
  timeSeconds: number;
  marketPrice: number;
  oraclePrice: number;
  shockFlowUnderlying: number;
  hedgeFlowUnderlying: number;
  perpFlowUnderlying: number;
  liquidations: number;
  liquidatedDebtUsd: number;
  collateralSoldUnderlying: number;
  collateralSoldUsd: number;
  /** Liquidatable positions left for later blocks: over capacity or unprofitable. */
  backlog: number;
  /** Cumulative realised bad debt, USD, all protocols. */
  badDebtUsd: number;
  insuranceLeftUsd: Record<string, number>;
  volMultiplier: number;
  marketMakerEquityUsd: number[];
  gexUsdPer1Pct: number;
};

export type ProtocolLoss = {
  /** Bad debt written off during the cascade (deficit, unbacked debt, Comet shortfall). */
  realizedUsd: number;
  /** Open positions whose debt exceeds their collateral at the final market price. */
  insolventOpenUsd: number;
  totalUsd: number;
  insuranceFundUsd: number;
  exceedsInsuranceFund: boolean;
};

export type CascadeResult = {
  stopReason: "fixed-point" | "price-collapsed" | "max-blocks";
  blocks: number;
  rounds: RoundRecord[];
  events: CascadeEvent[];
  totals: {
    valueLiquidatedUsd: number;
    collateralSoldUsd: number;
    liquidations: number;
    hedgeVolumeUnderlying: number;
    badDebtUsd: number;
    badDebtByProtocol: Record<string, ProtocolLoss>;
    perpLiquidations: number;
    perpAdlUsd: number;
    startPrice: number;
    finalPrice: number;
    minPrice: number;
  };
  finalState: CascadeState;
  /** Liquidation work: Aave positions examined, and how many of those a float bound rejected. */
  work: { aaveAttempts: number; provenUnprofitable: number };
};

export type RunCascadeOptions = {
  /** Exogenous path per block as multiples of the start (from shockMultipliers). */
  shock: readonly number[];
  maxBlocks: number;
  seed: number;
  /** Keep every liquidation event (default true; the 1M-borrower bench turns it off). */
  recordEvents?: boolean;
  /**
   * Let a float bound reject Aave liquidations that provably cannot pay before the exact code runs (default
   * true). Outputs are the same either way; false is for checking that claim.
   */
  provenUnprofitableSkip?: boolean;
  /** Called after every block (progress bars). */
  onRound?: (round: RoundRecord) => void;
  /** Called for every state change a chain must reproduce, in order (the chain harness's script). */
  onAction?: (action: CascadeAction) => void;
  /**
   * Called at the end of every block with each Aave market's liquidatable positions (indices; the pool's
   * rule: health factor below 1 with collateral counted), for the chain's own scan to be compared with.
   * Costs a health-factor computation per position per block: for chain runs, not for large model runs.
   */
  onLiquidatable?: (block: number, market: string, positionIndices: number[]) => void;
};

const E18 = 10n ** 18n;
const BLOCKS_PER_YEAR_OF = (blockTime: number) => (365 * 86_400) / blockTime;

type Ctx = {
  state: CascadeState;
  underlyingPriceE8: bigint;
  oraclePriceOf: (symbol: string) => bigint;
  /** An Aave market's oracle prices per reserve (cached until the oracles change; do not mutate). */
  reservePricesE8: (market: AaveMarketModel) => readonly bigint[];
  /** The same as floats, USD (`Number(priceE8) / 1e8`). */
  reservePricesUsd: (market: AaveMarketModel) => readonly number[];
  events: CascadeEvent[];
  recordEvents: boolean;
  provenUnprofitableSkip: boolean;
  work: CascadeResult["work"];
  realizedByProtocol: Map<string, number>;
  /** v3.0 positions whose unbacked debt is already booked as realized ("market:index"). */
  unbacked: Set<string>;
  totals: {
    valueLiquidatedUsd: number;
    collateralSoldUsd: number;
    liquidations: number;
    perpLiquidations: number;
  };
  round: {
    liquidations: number;
    liquidatedDebtUsd: number;
    collateralSoldUnderlying: number;
    collateralSoldUsd: number;
    backlog: number;
  };
  onAction: ((action: CascadeAction) => void) | undefined;
  block: number;
  salePool: { pool: PoolModel; usd: number } | undefined;
};

/** Reports a v3 pool trade as a swap action (v2 pools have no chain counterpart on the replica). */
function recordSwap(
  ctx: Ctx,
  purpose: Extract<CascadeAction, { kind: "swap" }>["purpose"],
  actor: string,
  poolId: string,
  traded: TradeResult,
): void {
  if (!ctx.onAction) return;
  const pool = traded.pool;
  if (pool.kind === "uniswap-v2") {
    if (!traded.callV2) return;
    const { zeroForOne, amountIn, amount0, amount1 } = traded.callV2;
    ctx.onAction({
      block: ctx.block,
      kind: "swapV2",
      purpose,
      actor,
      poolId,
      zeroForOne,
      amountIn,
      expected: { amount0, amount1, reserve0: pool.state.reserve0, reserve1: pool.state.reserve1 },
    });
    return;
  }
  if (!traded.call) return;
  const { amount0, amount1, ...call } = traded.call;
  ctx.onAction({
    block: ctx.block,
    kind: "swap",
    purpose,
    actor,
    poolId,
    ...call,
    expected: { amount0, amount1, sqrtPriceX96: pool.state.sqrtPriceX96 },
  });
}

/** map.get(key), computing and storing it first if absent. */
function remember<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}

function fill(array: Float64Array, value: (index: number) => number): Float64Array {
  for (let i = 0; i < array.length; i++) array[i] = value(i);
  return array;
}

function poolById(state: CascadeState, id: string): PoolModel {
  return state.pools.find((p) => p.id === id)!;
}
function setPool(state: CascadeState, pool: PoolModel): void {
  state.pools = state.pools.map((p) => (p.id === pool.id ? pool : p));
}
function toFloat(amount: bigint, decimals: number): number {
  return Number(amount) / 10 ** decimals;
}

/** Float key: the underlying oracle price at or below which an Aave position is liquidatable. */
function aaveKey(
  market: AaveMarketModel,
  amounts: AaveAmounts,
  index: number,
  underlying: string,
  /** Oracle price per reserve (USD, float). */
  prices: readonly number[],
): number {
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

function compoundKey(
  market: CompoundMarketModel,
  index: number,
  underlying: string,
  priceOf: (s: string) => number,
): number {
  const p = market.positions[index]!;
  if (p.principal >= 0n) return Number.NEGATIVE_INFINITY;
  const m = market.market;
  let a = 0;
  let b = 0;
  m.assets.forEach((asset, i) => {
    const coll = Number(p.collateral[i]!) / Number(asset.scale);
    const f = Number(asset.liquidateCollateralFactor) / 1e18;
    if (asset.symbol === underlying) a += coll * f;
    else b += coll * priceOf(asset.symbol) * f;
  });
  const debtUsd = (Number(-p.principal) / Number(m.baseScale)) * priceOf(m.baseSymbol);
  return a > 0 ? (debtUsd - b) / a : Number.POSITIVE_INFINITY;
}

type Sale = { quote: bigint; usd: number; trade?: TradeResult; commit: () => void };

/**
 * Quotes the sale of seized collateral on the liquidator pool (proceeds in quote units and USD);
 * `commit` applies that same simulated swap to the state, so a sale is computed once.
 */
function quoteSale(ctx: Ctx, symbol: string, amount: bigint): Sale {
  const { state } = ctx;
  const none = () => {};
  if (symbol === state.quote.symbol)
    return { quote: amount, usd: toFloat(amount, state.quote.decimals), commit: none };
  if (symbol !== state.underlying.symbol) {
    const usd = (Number(ctx.oraclePriceOf(symbol)) / 1e8) * toFloat(amount, 18);
    return { quote: 0n, usd, commit: none };
  }
  const result = tradeOnPool(poolById(state, state.liquidators.pool), { kind: "sell", amount });
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
}

function gasUsd(ctx: Ctx): number {
  const l = ctx.state.liquidators;
  return l.gasPerLiquidation * l.gasPriceGwei * 1e-9 * (Number(ctx.underlyingPriceE8) / 1e8);
}

/**
 * Whether a float estimate proves that liquidating this position cannot pay even at the sale pool's current
 * price (the ceiling check below), with every rounding the integers could differ by counted against the
 * skip. Only for one-collateral (the underlying), one-debt positions away from the rules' boundaries; the
 * rest, and anything it cannot prove, go through the exact code. After a crash most of the positions
 * liquidators re-examine each block are such near-misses, and this spares them the bigint math.
 */
function cannotPayAtPoolPrice(
  ctx: Ctx,
  market: AaveMarketModel,
  amounts: AaveAmounts,
  index: number,
): boolean {
  const ci = amounts.soleCollateral[index]!;
  const di = amounts.soleDebt[index]!;
  if (ci < 0 || di < 0) return false;
  const collateral = market.reserves[ci]!;
  if (collateral.symbol !== ctx.state.underlying.symbol) return false;
  const debt = market.reserves[di]!;
  const pricesUsd = ctx.reservePricesUsd(market);
  const debtPriceUsd = pricesUsd[di]!;
  const bps = amounts.configBps;
  const estimate = estimateLiquidation({
    profile: market.profile,
    collateral: {
      units: amounts.collateral[ci]![index]!,
      decimals: collateral.decimals,
      priceUsd: pricesUsd[ci]!,
      liquidationThresholdBps: bps.liquidationThreshold[ci]!,
      liquidationBonusBps: bps.liquidationBonus[ci]!,
      protocolFeeBps: bps.protocolFee[ci]!,
    },
    debt: { units: amounts.debt[di]![index]!, decimals: debt.decimals, priceUsd: debtPriceUsd },
  });
  if (!estimate) return false;
  const minProfitUsd = ctx.state.liquidators.minProfitUsd;
  const gas = gasUsd(ctx);
  const debtUsdAtLeast = (estimate.debtRepaid - estimate.debtTolerance) * debtPriceUsd * (1 - 1e-12);
  // First at the pool's current price (the exact code's ceiling check), then along the pool's liquidity.
  const sale = salePool(ctx);
  const poolUsd = sale.usd * (1 + 1e-9);
  const ceilingUsd = (estimate.collateralReceived + estimate.collateralTolerance) * poolUsd * (1 + 1e-12);
  if (ceilingUsd - debtUsdAtLeast - gas < minProfitUsd) return true;
  const proceedsUsd =
    saleProceedsUpperBound(
      sale.pool,
      (estimate.collateralReceived + estimate.collateralTolerance) * 10 ** collateral.decimals,
    ) /
    10 ** ctx.state.quote.decimals;
  return proceedsUsd * (1 + 1e-12) - debtUsdAtLeast - gas < minProfitUsd;
}

/** The liquidators' pool and its price in USD, the price recomputed only when a trade replaced the pool. */
function salePool(ctx: Ctx): { pool: PoolModel; usd: number } {
  const pool = poolById(ctx.state, ctx.state.liquidators.pool);
  if (ctx.salePool?.pool !== pool) ctx.salePool = { pool, usd: poolPriceUsd(pool) };
  return ctx.salePool;
}

function addRealized(ctx: Ctx, market: string, usd: number): void {
  ctx.realizedByProtocol.set(market, (ctx.realizedByProtocol.get(market) ?? 0) + usd);
}

/** Liquidates one Aave position if it is liquidatable and profitable; returns whether it acted. */
function liquidateAave(
  ctx: Ctx,
  market: AaveMarketModel,
  amounts: AaveAmounts,
  index: number,
  block: number,
): "done" | "healthy" | "skip" | "dead" {
  ctx.work.aaveAttempts++;
  if (ctx.provenUnprofitableSkip && cannotPayAtPoolPrice(ctx, market, amounts, index)) {
    ctx.work.provenUnprofitable++;
    return "skip";
  }
  const position = market.positions[index]!;
  const prices = ctx.reservePricesE8(market);
  const account = calculateUserAccountData(market.reserves, position, prices);
  if (account.healthFactor >= E18) return account.healthFactor === MAX_UINT256 ? "dead" : "healthy";
  // The liquidator takes the largest collateral and repays the largest debt (by value at the oracle).
  let ci = -1;
  let di = -1;
  let best = -1n;
  let bestDebt = -1n;
  for (let i = 0; i < market.reserves.length; i++) {
    const r = market.reserves[i]!;
    const unit = pow10(r.decimals);
    const c =
      position.usingAsCollateral[i] && r.liquidationThresholdBps !== 0n
        ? (rayMul(position.scaledCollateral[i]!, r.liquidityIndexRay) * prices[i]!) / unit
        : 0n;
    const d = (rayMul(position.scaledDebt[i]!, r.variableBorrowIndexRay) * prices[i]!) / unit;
    if (c > best && c > 0n) {
      best = c;
      ci = i;
    }
    if (d > bestDebt && d > 0n) {
      bestDebt = d;
      di = i;
    }
  }
  if (ci < 0 || di < 0) {
    // v3.0: debt with no collateral left is unbacked forever; nothing can liquidate it. Booked once: at the
    // liquidation that took the last collateral, or here for a position that started without any.
    if (di >= 0 && market.profile === "v3.0" && !ctx.unbacked.has(`${market.id}:${index}`)) {
      ctx.unbacked.add(`${market.id}:${index}`);
      addRealized(ctx, market.id, Number(account.totalDebtBase) / 1e8);
      const r = market.reserves[di]!;
      if (ctx.recordEvents)
        ctx.events.push({
          block,
          market: market.id,
          kind: "liquidationCall",
          positionId: position.id,
          collateral: "",
          debt: r.symbol,
          debtAmount: "0",
          collateralAmount: "0",
          protocolFee: "0",
          badDebt: rayMul(position.scaledDebt[di]!, r.variableBorrowIndexRay).toString(),
          saleProceeds: "0",
          profitUsd: 0,
        });
    }
    return "dead";
  }
  let result: ReturnType<typeof executeLiquidationCall>;
  try {
    result = executeLiquidationCall({
      profile: market.profile,
      reserves: market.reserves,
      prices,
      position,
      collateralIndex: ci,
      debtIndex: di,
      debtToCover: MAX_UINT256,
      account,
    });
  } catch (error) {
    if (error instanceof MathRevertError) return "skip";
    throw error;
  }
  const collateralReserve = market.reserves[ci]!;
  const debtReserve = market.reserves[di]!;
  const debtUsd =
    (Number(result.actualDebtToLiquidate) / 10 ** debtReserve.decimals) * (Number(prices[di]!) / 1e8);
  if (collateralReserve.symbol === ctx.state.underlying.symbol) {
    // A sale into the pool fetches at most the pool's current price (the price only moves against the
    // seller, and the fee is taken): if even that cannot pay, skip without simulating the swap.
    const ceilingUsd =
      toFloat(result.actualCollateralToLiquidate, ctx.state.underlying.decimals) *
      salePool(ctx).usd *
      (1 + 1e-9);
    if (ceilingUsd - debtUsd - gasUsd(ctx) < ctx.state.liquidators.minProfitUsd) return "skip";
  }
  const sold = quoteSale(ctx, collateralReserve.symbol, result.actualCollateralToLiquidate);
  const profitUsd = sold.usd - debtUsd - gasUsd(ctx);
  if (profitUsd < ctx.state.liquidators.minProfitUsd) return "skip";
  sold.commit();
  market.positions[index] = result.position;
  ctx.onAction?.({
    block,
    kind: "liquidationCall",
    market: market.id,
    positionIndex: index,
    positionId: position.id,
    collateral: collateralReserve.symbol,
    debt: debtReserve.symbol,
    salePoolId: ctx.state.liquidators.pool,
    expected: {
      debtRepaid: result.actualDebtToLiquidate,
      collateralSeized: result.actualCollateralToLiquidate,
      protocolFee: result.liquidationProtocolFeeAmount,
      saleProceeds: sold.quote,
      saleSqrtPriceX96After: sold.trade?.pool.kind === "uniswap-v3" ? sold.trade.pool.state.sqrtPriceX96 : 0n,
      ...(sold.trade?.pool.kind === "uniswap-v2"
        ? { saleReservesAfter: [sold.trade.pool.state.reserve0, sold.trade.pool.state.reserve1] as const }
        : {}),
    },
  });
  let badDebt = 0n;
  if (market.profile === "v3.0") {
    // The last collateral seized: what debt remains is unbacked from this block on (as the chain's balances show).
    const after = result.position;
    const seizable = market.reserves.some(
      (r, i) =>
        after.usingAsCollateral[i] && r.liquidationThresholdBps !== 0n && after.scaledCollateral[i]! > 0n,
    );
    const left = seizable ? 0n : calculateUserAccountData(market.reserves, after, prices).totalDebtBase;
    if (left > 0n) {
      ctx.unbacked.add(`${market.id}:${index}`);
      addRealized(ctx, market.id, Number(left) / 1e8);
      badDebt = rayMul(after.scaledDebt[di]!, debtReserve.variableBorrowIndexRay);
    }
  }
  result.deficit.forEach((amount, i) => {
    if (amount === 0n) return;
    badDebt += amount;
    addRealized(
      ctx,
      market.id,
      (Number(amount) / 10 ** market.reserves[i]!.decimals) * (Number(prices[i]!) / 1e8),
    );
  });
  ctx.round.liquidations++;
  ctx.round.liquidatedDebtUsd += debtUsd;
  ctx.round.collateralSoldUsd += sold.usd;
  if (ctx.recordEvents)
    ctx.events.push({
      block,
      market: market.id,
      kind: "liquidationCall",
      positionId: position.id,
      collateral: collateralReserve.symbol,
      debt: debtReserve.symbol,
      debtAmount: result.actualDebtToLiquidate.toString(),
      collateralAmount: result.actualCollateralToLiquidate.toString(),
      protocolFee: result.liquidationProtocolFeeAmount.toString(),
      badDebt: badDebt.toString(),
      saleProceeds: sold.quote.toString(),
      profitUsd,
    });
  return "done";
}

function liquidateCompound(
  ctx: Ctx,
  market: CompoundMarketModel,
  index: number,
  block: number,
): "done" | "healthy" | "dead" {
  const position = market.positions[index]!;
  if (position.principal >= 0n) return "dead";
  const prices: CometPrices = {
    base: ctx.oraclePriceOf(market.market.baseSymbol),
    assets: market.market.assets.map((a) => ctx.oraclePriceOf(a.symbol)),
  };
  if (!isLiquidatable(market.market, position, prices)) return "healthy";
  const result = absorb(market.market, position, prices);
  market.market = result.market;
  market.positions[index] = result.position;
  const baseUsd = Number(prices.base) / 1e8;
  const debtUsd = (Number(-position.principal) / Number(market.market.baseScale)) * baseUsd;
  addRealized(ctx, market.id, (Number(result.shortfall) / Number(market.market.baseScale)) * baseUsd);
  ctx.round.liquidations++;
  ctx.round.liquidatedDebtUsd += debtUsd;
  if (ctx.recordEvents)
    ctx.events.push({
      block,
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

/** Liquidators buy absorbed collateral from Comet's storefront when that is profitable after the sale. */
function buyAbsorbedCollateral(
  ctx: Ctx,
  market: CompoundMarketModel,
  block: number,
  budget: { left: number },
): void {
  const m = market.market;
  const prices: CometPrices = {
    base: ctx.oraclePriceOf(m.baseSymbol),
    assets: m.assets.map((a) => ctx.oraclePriceOf(a.symbol)),
  };
  m.assets.forEach((asset, i) => {
    if (budget.left <= 0) return;
    const held = market.market.collateralReserves[i]!;
    const reserves = getReserves(market.market);
    if (held === 0n || (reserves >= 0n && reserves >= market.market.targetReserves)) return;
    const discountFactor = mulFactor(
      market.market.storeFrontPriceFactor,
      FACTOR_SCALE - asset.liquidationFactor,
    );
    const discounted = mulFactor(prices.assets[i]!, FACTOR_SCALE - discountFactor);
    const baseAmount = (held * discounted * market.market.baseScale) / (prices.base * asset.scale);
    if (baseAmount === 0n) return;
    let bought: ReturnType<typeof buyCollateral>;
    try {
      bought = buyCollateral(market.market, prices, { assetIndex: i, baseAmount });
    } catch (error) {
      if (error instanceof MathRevertError) return;
      throw error;
    }
    const costUsd = (Number(baseAmount) / Number(m.baseScale)) * (Number(prices.base) / 1e8);
    const sold = quoteSale(ctx, asset.symbol, bought.collateralAmount);
    const profitUsd = sold.usd - costUsd - gasUsd(ctx);
    if (profitUsd < ctx.state.liquidators.minProfitUsd) return;
    sold.commit();
    if (sold.trade) recordSwap(ctx, "collateral-sale", "trader", ctx.state.liquidators.pool, sold.trade);
    market.market = bought.market;
    budget.left--;
    ctx.round.collateralSoldUsd += sold.usd;
    if (ctx.recordEvents)
      ctx.events.push({
        block,
        market: market.id,
        kind: "buyCollateral",
        positionId: "",
        collateral: asset.symbol,
        debt: m.baseSymbol,
        debtAmount: baseAmount.toString(),
        collateralAmount: bought.collateralAmount.toString(),
        protocolFee: "0",
        badDebt: "0",
        saleProceeds: sold.quote.toString(),
        profitUsd,
      });
  });
}

/**
 * Runs the delta-leverage cascade block by block on a copy of `initial`:
 * shock → arbitrage → oracle → option hedging → perp liquidations → lending liquidations (with the
 * seized collateral sold into the pools) → next block, until nothing happens for a few blocks after the
 * shock (a fixed point), the price collapses, or `maxBlocks` is reached.
 *
 * @example
 * const state = buildCascadeState(scenario);
 * const result = runCascade(state, { shock: shockMultipliers(scenario.shock, 12), maxBlocks: 600, seed: 1 });
 */
export function runCascade(initial: CascadeState, options: RunCascadeOptions): CascadeResult {
  const state: CascadeState = {
    ...initial,
    pools: [...initial.pools],
    oracles: [...initial.oracles],
    markets: initial.markets.map((m) => ({ ...m, positions: [...m.positions] }) as typeof m),
    books: initial.books.map((b) => ({ ...b })),
    perps: initial.perps.map((v) => ({ ...v, positions: v.positions.map((p) => ({ ...p })) })),
    priceHistory: [...initial.priceHistory],
  };
  const rng = createRng(options.seed ^ 0x5eed);
  const startPrice = state.priceHistory[state.priceHistory.length - 1]!;
  const marketE8: bigint[] = [poolPriceE8(poolById(state, state.referencePoolId))];
  const oraclePriceOf = (symbol: string) => state.oracles.find((o) => o.symbol === symbol)!.priceE8;
  // Oracle prices converted once per oracle update (an update replaces `state.oracles`): floats by symbol,
  // and each Aave market's per-reserve arrays in bigint and float.
  const freshPrices = () => ({
    oracles: state.oracles,
    usd: new Map<string, number>(),
    e8ByMarket: new Map<AaveMarketModel, bigint[]>(),
    usdByMarket: new Map<AaveMarketModel, number[]>(),
  });
  let priced = freshPrices();
  const pricesNow = () => {
    if (priced.oracles !== state.oracles) priced = freshPrices();
    return priced;
  };
  const priceFloat = (symbol: string) =>
    remember(pricesNow().usd, symbol, () => Number(oraclePriceOf(symbol)) / 1e8);
  const ctx: Ctx = {
    state,
    underlyingPriceE8: marketE8[0]!,
    oraclePriceOf,
    reservePricesE8: (market) =>
      remember(pricesNow().e8ByMarket, market, () => market.reserves.map((r) => oraclePriceOf(r.symbol))),
    reservePricesUsd: (market) =>
      remember(pricesNow().usdByMarket, market, () => market.reserves.map((r) => priceFloat(r.symbol))),
    events: [],
    recordEvents: options.recordEvents ?? true,
    provenUnprofitableSkip: options.provenUnprofitableSkip ?? true,
    work: { aaveAttempts: 0, provenUnprofitable: 0 },
    realizedByProtocol: new Map(state.markets.map((m) => [m.id, 0])),
    unbacked: new Set(),
    totals: { valueLiquidatedUsd: 0, collateralSoldUsd: 0, liquidations: 0, perpLiquidations: 0 },
    round: {
      liquidations: 0,
      liquidatedDebtUsd: 0,
      collateralSoldUnderlying: 0,
      collateralSoldUsd: 0,
      backlog: 0,
    },
    onAction: options.onAction,
    block: 0,
    salePool: undefined,
  };
  const underlying = state.underlying.symbol;

  // Liquidation queues: per market, positions waiting by liquidation price, and the liquidatable set.
  // Keys, debts and Aave balances are cached per position and recomputed only when a liquidation changes it.
  const amounts = state.markets.map((m) => (m.kind === "aave-v3" ? createAaveAmounts(m) : undefined));
  const keyOf = (mi: number, i: number) => {
    const m = state.markets[mi]!;
    return m.kind === "aave-v3"
      ? aaveKey(m, amounts[mi]!, i, underlying, ctx.reservePricesUsd(m))
      : compoundKey(m, i, underlying, priceFloat);
  };
  const debtOf = (mi: number, i: number) => {
    const m = state.markets[mi]!;
    if (m.kind === "aave-v3") {
      const debt = amounts[mi]!.debt;
      const prices = ctx.reservePricesUsd(m);
      let sum = 0;
      for (let j = 0; j < m.reserves.length; j++) sum += debt[j]![i]! * prices[j]!;
      return sum;
    }
    return (
      (Number(-m.positions[i]!.principal) / Number(m.market.baseScale)) * priceFloat(m.market.baseSymbol)
    );
  };
  const keys = state.markets.map((m, mi) => fill(new Float64Array(m.positions.length), (i) => keyOf(mi, i)));
  const debts = state.markets.map((m, mi) =>
    fill(new Float64Array(m.positions.length), (i) => debtOf(mi, i)),
  );
  const waiting: PriceBuckets[] = state.markets.map((m, mi) => {
    const buckets = createPriceBuckets();
    for (let i = 0; i < m.positions.length; i++)
      if (keys[mi]![i] !== Number.NEGATIVE_INFINITY) buckets.push(i, keys[mi]![i]!);
    return buckets;
  });

  const rounds: RoundRecord[] = [];
  const maxLatency = Math.max(
    0,
    ...state.oracles.map((o) => ("latencyBlocks" in o.policy ? o.policy.latencyBlocks : 0)),
  );
  const twapWindow = Math.max(
    0,
    ...state.oracles.map((o) => (o.policy.kind === "twap" ? o.policy.windowBlocks : 0)),
  );
  const quietNeeded = maxLatency + twapWindow + 2;
  let quiet = 0;
  let hedgeVolume = 0;
  let minPrice = startPrice;
  let peak = startPrice;
  let stopReason: CascadeResult["stopReason"] = "max-blocks";
  const blocksPerYear = BLOCKS_PER_YEAR_OF(state.blockTimeSeconds);

  // Positions known liquidatable (non-random orderings), ranked; see step 7. `arrival` is the block each
  // joined, which breaks rank ties (then market and index).
  let front: number[] = [];
  const active = createRankHeap(
    Math.max(
      16,
      state.markets.reduce((n, m) => n + m.positions.length, 0),
    ),
  );
  const arrival = state.markets.map((m) => new Int32Array(m.positions.length));
  let activeThreshold = Number.POSITIVE_INFINITY;
  for (let block = 1; block <= options.maxBlocks; block++) {
    state.block = block;
    ctx.block = block;
    ctx.round = {
      liquidations: 0,
      liquidatedDebtUsd: 0,
      collateralSoldUnderlying: 0,
      collateralSoldUsd: 0,
      backlog: 0,
    };
    let activity = false;

    // 1. Exogenous shock: the reference pool follows the path's move for this block.
    let shockFlow = 0;
    if (block < options.shock.length) {
      const ratio = options.shock[block]! / options.shock[block - 1]!;
      const moved = tradeOnPool(poolById(state, state.referencePoolId), {
        kind: "toPrice",
        ratioE18: BigInt(Math.round(ratio * 1e18)),
      });
      if (moved) {
        setPool(state, moved.pool);
        recordSwap(ctx, "shock", "trader", state.referencePoolId, moved);
        shockFlow = -toFloat(moved.underlyingDelta, state.underlying.decimals);
      }
    }
    // 2. Arbitrage: other pools follow the reference price, outside their fee band.
    if (state.arbitrage) {
      const refE8 = poolPriceE8(poolById(state, state.referencePoolId));
      for (const pool of state.pools) {
        if (pool.id === state.referencePoolId) continue;
        const e8 = poolPriceE8(pool);
        if (e8 === 0n) continue;
        const ratioE18 = (refE8 * E18) / e8;
        const feeE18 =
          pool.kind === "uniswap-v3"
            ? BigInt(pool.state.feePips) * 10n ** 12n
            : pool.state.feeBps * 10n ** 14n;
        const gap = ratioE18 > E18 ? ratioE18 - E18 : E18 - ratioE18;
        if (gap <= feeE18) continue;
        const moved = tradeOnPool(pool, { kind: "toPrice", ratioE18 });
        if (moved) {
          setPool(state, moved.pool);
          recordSwap(ctx, "arbitrage", "trader", pool.id, moved);
        }
      }
    }
    // 3. The market price of this block, as the oracle network observes it.
    const refPool = poolById(state, state.referencePoolId);
    marketE8.push(poolPriceE8(refPool));
    const marketPrice = Number(marketE8[block]!) / 1e8;
    state.priceHistory.push(marketPrice);
    ctx.underlyingPriceE8 = marketE8[block]!;

    // 4. Oracles.
    state.oracles = state.oracles.map((o) => {
      const next = updateOracle(o, block, state.blockTimeSeconds, marketE8);
      if (next !== o) {
        activity ||= next.priceE8 !== o.priceE8;
        ctx.onAction?.({ block, kind: "oracle", symbol: next.symbol, priceE8: next.priceE8 });
      }
      return next;
    });

    // 5. Option market makers re-hedge at the market price and the stressed surface.
    peak = Math.max(peak, marketPrice);
    const drawdown = 1 - marketPrice / peak;
    let hedgeFlow = 0;
    let volMultiplier = 1;
    let gex = 0;
    const equities: number[] = [];
    for (const mm of state.books) {
      const window = state.priceHistory.slice(-mm.realisedWindowBlocks - 1);
      let sumSq = 0;
      for (let i = 1; i < window.length; i++) sumSq += Math.log(window[i]! / window[i - 1]!) ** 2;
      const realisedVol = window.length > 1 ? Math.sqrt((sumSq / (window.length - 1)) * blocksPerYear) : 0;
      const stress = { drawdown, realisedVol };
      volMultiplier = Math.max(volMultiplier, stressMultiplier(mm.book.surface, stress));
      const greeks = bookGreeks(mm.book, {
        spot: marketPrice,
        timeSeconds: block * state.blockTimeSeconds,
        stress,
      });
      gex += greeks.gexUsdPer1Pct;
      if (mm.active && block % mm.hedgeIntervalBlocks === 0) {
        const target = toUnits(-greeks.delta, state.underlying.decimals);
        const diff = target - mm.hedgeWei;
        if (Math.abs(toFloat(diff, state.underlying.decimals)) >= mm.minHedgeUnderlying && diff !== 0n) {
          const traded = tradeOnPool(
            poolById(state, mm.poolId),
            diff < 0n ? { kind: "sell", amount: -diff } : { kind: "buy", amount: diff },
          );
          if (traded) {
            setPool(state, traded.pool);
            recordSwap(ctx, "hedge", mm.book.id, mm.poolId, traded);
            mm.hedgeWei += traded.underlyingDelta;
            mm.cashQuote += traded.quoteDelta;
            const flow = -toFloat(traded.underlyingDelta, state.underlying.decimals);
            hedgeFlow += flow;
            hedgeVolume += Math.abs(flow);
            activity = true;
          }
        }
      }
      const equity =
        mm.capitalUsd +
        (greeks.value - mm.initialBookValueUsd) +
        toFloat(mm.hedgeWei, state.underlying.decimals) * marketPrice +
        toFloat(mm.cashQuote, state.quote.decimals);
      equities.push(equity);
      if (mm.active && equity < 0) {
        mm.active = false;
        activity = true;
        if (mm.onCapitalExhausted === "liquidate" && mm.hedgeWei !== 0n) {
          const trade: Trade =
            mm.hedgeWei > 0n ? { kind: "sell", amount: mm.hedgeWei } : { kind: "buy", amount: -mm.hedgeWei };
          const unwound = tradeOnPool(poolById(state, mm.poolId), trade);
          if (unwound) {
            setPool(state, unwound.pool);
            recordSwap(ctx, "unwind", mm.book.id, mm.poolId, unwound);
            hedgeFlow += -toFloat(unwound.underlyingDelta, state.underlying.decimals);
            mm.hedgeWei += unwound.underlyingDelta;
            mm.cashQuote += unwound.quoteDelta;
          }
        }
      }
    }

    // 6. Perpetuals: mark at a stress basis below spot; liquidations hedged into spot; fund, then ADL.
    let perpFlow = 0;
    for (const venue of state.perps) {
      const mark = marketPrice * (1 - venue.basisPerDrawdown * drawdown);
      let sellUnderlying = 0;
      for (const p of venue.positions) {
        if (!p.open) continue;
        const equity = p.margin + p.side * p.size * (mark - p.entry);
        if (equity >= venue.maintenanceMarginRatio * p.size * mark) continue;
        p.open = false;
        ctx.totals.perpLiquidations++;
        activity = true;
        sellUnderlying += p.side * p.size * venue.spotPassThrough;
        if (equity < 0) {
          venue.insuranceFundUsd += equity;
          if (venue.insuranceFundUsd < 0) {
            const shortfall = -venue.insuranceFundUsd;
            venue.insuranceFundUsd = 0;
            // Auto-deleveraging: winners on the other side give up profit pro rata to cover the shortfall.
            const winners = venue.positions.filter(
              (q) => q.open && q.side !== p.side && q.side * (mark - q.entry) > 0,
            );
            const profit = winners.reduce((s, q) => s + q.side * q.size * (mark - q.entry), 0);
            const covered = Math.min(shortfall, profit);
            for (const q of winners) q.margin -= (covered * (q.side * q.size * (mark - q.entry))) / profit;
            venue.adlUsd += covered;
          }
        }
      }
      if (sellUnderlying !== 0) {
        const amount = toUnits(Math.abs(sellUnderlying), state.underlying.decimals);
        const traded = tradeOnPool(
          poolById(state, venue.poolId),
          sellUnderlying > 0 ? { kind: "sell", amount } : { kind: "buy", amount },
        );
        if (traded) {
          setPool(state, traded.pool);
          recordSwap(ctx, "perp", "trader", venue.poolId, traded);
          perpFlow += -toFloat(traded.underlyingDelta, state.underlying.decimals);
        }
      }
    }

    // 7. Lending liquidations at the oracle price, capacity-limited, seized collateral sold at once.
    const oracleUnderlying = priceFloat(underlying);
    const threshold = oracleUnderlying * (1 - 1e-9);
    const budget = { left: state.liquidators.count * state.liquidators.capacityPerBlock };
    let capacityBacklog = 0;
    // Liquidators simulate at most 4× what they can execute per block before giving up on the rest.
    let scansLeft = 4 * budget.left;
    const ordering = state.liquidators.ordering;
    const rescore = (mi: number, index: number) => {
      amounts[mi]?.refresh(index);
      keys[mi]![index] = keyOf(mi, index);
      debts[mi]![index] = debtOf(mi, index);
      const key = keys[mi]![index]!;
      if (key !== Number.NEGATIVE_INFINITY) waiting[mi]!.push(index, key);
    };
    const attempt = (mi: number, index: number) => {
      const market = state.markets[mi]!;
      return market.kind === "aave-v3"
        ? liquidateAave(ctx, market, amounts[mi]!, index, block)
        : liquidateCompound(ctx, market, index, block);
    };
    if (ordering === "random") {
      // Every liquidatable position, shuffled with the run's seed from a fixed order: market by market,
      // highest key (most underwater) first, then position index.
      const candidates: { mi: number; index: number }[] = [];
      state.markets.forEach((_, mi) => {
        const taken = waiting[mi]!.popAtOrAbove(threshold);
        const key = keys[mi]!;
        taken.sort((a, b) => key[b]! - key[a]! || a - b);
        for (const index of taken) candidates.push({ mi, index });
      });
      for (let i = candidates.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
      }
      for (const { mi, index } of candidates) {
        let outcome: string;
        if (budget.left <= 0) outcome = "backlog";
        else if (scansLeft-- <= 0) outcome = "unscanned";
        else outcome = attempt(mi, index);
        if (outcome === "done") {
          budget.left--;
          activity = true;
          rescore(mi, index);
          continue;
        }
        if (outcome === "dead") continue;
        if (outcome === "backlog" || outcome === "skip" || outcome === "unscanned") ctx.round.backlog++;
        if (outcome === "backlog") capacityBacklog++;
        waiting[mi]!.push(index, keys[mi]![index]!);
      }
    } else {
      // The liquidatable set persists across blocks, ranked (largest debt, or lowest health = highest
      // key; ties by arrival, then market and index): a block adds the positions its price newly reaches
      // and scans from the top, so the work per block follows what liquidators can do, not how many
      // positions are underwater. An entry's rank is fixed while it is in the set (a position's debt and
      // key change only when it is liquidated, and then it goes back to wait by its new key).
      // The set is `front` (entries scanned and kept in earlier blocks, best first) merged with the `active`
      // heap (everything else): the near-misses liquidators re-examine every block stay out of the heap.
      const rankOf =
        ordering === "largest-debt"
          ? (mi: number, index: number) => debts[mi]![index]!
          : (mi: number, index: number) => keys[mi]![index]!;
      if (threshold > activeThreshold) {
        const backToWait = (handle: number) => {
          const mi = handleMarket(handle);
          const index = handleIndex(handle);
          waiting[mi]!.push(index, keys[mi]![index]!);
        };
        const liquidatable = (mi: number, index: number) => keys[mi]![index]! >= threshold;
        for (const handle of active.retain(liquidatable)) backToWait(handle);
        front = front.filter((handle) => {
          if (liquidatable(handleMarket(handle), handleIndex(handle))) return true;
          backToWait(handle);
          return false;
        });
      }
      activeThreshold = threshold;
      state.markets.forEach((_, mi) => {
        for (const index of waiting[mi]!.popAtOrAbove(threshold)) {
          arrival[mi]![index] = block;
          active.push(mi, index, rankOf(mi, index), block);
        }
      });
      // Whether entry a goes before entry b: the heap's own order.
      const before = (a: number, b: number) => {
        const ma = handleMarket(a);
        const ia = handleIndex(a);
        const mb = handleMarket(b);
        const ib = handleIndex(b);
        return precedes(rankOf(ma, ia), arrival[ma]![ia]!, a, rankOf(mb, ib), arrival[mb]![ib]!, b);
      };
      const keep: number[] = [];
      let scanned = 0;
      let fi = 0;
      const available = front.length + active.size;
      for (; scanned < available && budget.left > 0 && scansLeft > 0; scanned++) {
        scansLeft--;
        const handle =
          fi < front.length && (active.size === 0 || before(front[fi]!, active.top()))
            ? front[fi++]!
            : active.pop();
        const mi = handleMarket(handle);
        const index = handleIndex(handle);
        const outcome = attempt(mi, index);
        if (outcome === "done") {
          budget.left--;
          activity = true;
          rescore(mi, index);
          continue;
        }
        if (outcome === "dead") continue;
        if (outcome === "skip") ctx.round.backlog++;
        keep.push(handle);
      }
      // The rest wait: over capacity ("backlog", which keeps the cascade going) or past the scan limit.
      const rest = available - scanned;
      ctx.round.backlog += rest;
      if (budget.left <= 0) capacityBacklog += rest;
      // Kept entries precede everything not scanned, so they lead the new front, in order.
      front = fi < front.length ? keep.concat(front.slice(fi)) : keep;
    }
    for (const market of state.markets)
      if (market.kind === "compound-v3") buyAbsorbedCollateral(ctx, market, block, budget);
    if (options.onLiquidatable)
      for (const market of state.markets) {
        if (market.kind !== "aave-v3") continue;
        const prices = ctx.reservePricesE8(market);
        const indices: number[] = [];
        market.positions.forEach((p, i) => {
          const a = calculateUserAccountData(market.reserves, p, prices);
          if (a.healthFactor < E18 && a.totalCollateralBase > 0n) indices.push(i);
        });
        options.onLiquidatable(block, market.id, indices);
      }

    ctx.totals.liquidations += ctx.round.liquidations;
    ctx.totals.valueLiquidatedUsd += ctx.round.liquidatedDebtUsd;
    ctx.totals.collateralSoldUsd += ctx.round.collateralSoldUsd;
    if (ctx.round.liquidations > 0 || ctx.round.collateralSoldUsd > 0) activity = true;

    const endPrice = Number(poolPriceE8(poolById(state, state.referencePoolId))) / 1e8;
    minPrice = Math.min(minPrice, endPrice, marketPrice);
    const realized = [...ctx.realizedByProtocol.values()].reduce((a, b) => a + b, 0);
    const insuranceLeftUsd: Record<string, number> = {};
    for (const m of state.markets)
      insuranceLeftUsd[m.id] = m.insuranceFundUsd - (ctx.realizedByProtocol.get(m.id) ?? 0);
    for (const v of state.perps) insuranceLeftUsd[v.id] = v.insuranceFundUsd;
    const round: RoundRecord = {
      block,
      timeSeconds: block * state.blockTimeSeconds,
      marketPrice,
      oraclePrice: oracleUnderlying,
      shockFlowUnderlying: shockFlow,
      hedgeFlowUnderlying: hedgeFlow,
      perpFlowUnderlying: perpFlow,
      liquidations: ctx.round.liquidations,
      liquidatedDebtUsd: ctx.round.liquidatedDebtUsd,
      collateralSoldUnderlying: ctx.round.collateralSoldUnderlying,
      collateralSoldUsd: ctx.round.collateralSoldUsd,
      backlog: ctx.round.backlog,
      badDebtUsd: realized,
      insuranceLeftUsd,
      volMultiplier,
      marketMakerEquityUsd: equities,
      gexUsdPer1Pct: gex,
    };
    rounds.push(round);
    options.onRound?.(round);

    if (endPrice < startPrice * 1e-6) {
      stopReason = "price-collapsed";
      break;
    }
    const shockOver = block >= options.shock.length - 1;
    quiet = activity || capacityBacklog > 0 ? 0 : quiet + 1;
    if (shockOver && quiet >= quietNeeded) {
      stopReason = "fixed-point";
      break;
    }
  }

  // Losses: realised write-offs plus open positions already insolvent at the final market price.
  const finalPrice = Number(poolPriceE8(poolById(state, state.referencePoolId))) / 1e8;
  const valueAtMarket = (symbol: string, amount: number) =>
    amount * (symbol === underlying ? finalPrice : priceFloat(symbol));
  const badDebtByProtocol: Record<string, ProtocolLoss> = {};
  state.markets.forEach((m, mi) => {
    let insolvent = 0;
    if (m.kind === "aave-v3") {
      const cached = amounts[mi]!;
      const prices = m.reserves.map((r) => (r.symbol === underlying ? finalPrice : priceFloat(r.symbol)));
      m.positions.forEach((p, index) => {
        let coll = 0;
        let debt = 0;
        let hasCollateral = false;
        for (let i = 0; i < m.reserves.length; i++) {
          const balance = cached.collateral[i]![index]!;
          hasCollateral ||= p.usingAsCollateral[i]! && balance > 0;
          coll += balance * prices[i]!;
          debt += cached.debt[i]![index]! * prices[i]!;
        }
        // v3.0 positions already written off as unbacked hold no collateral: they are counted in realised.
        if (debt > coll && hasCollateral) insolvent += debt - coll;
      });
    } else {
      for (const p of m.positions) {
        if (p.principal >= 0n) continue;
        const debt = valueAtMarket(m.market.baseSymbol, Number(-p.principal) / Number(m.market.baseScale));
        const coll = m.market.assets.reduce(
          (s, a, i) => s + valueAtMarket(a.symbol, Number(p.collateral[i]!) / Number(a.scale)),
          0,
        );
        if (debt > coll) insolvent += debt - coll;
      }
    }
    const realizedUsd = ctx.realizedByProtocol.get(m.id) ?? 0;
    const totalUsd = realizedUsd + insolvent;
    badDebtByProtocol[m.id] = {
      realizedUsd,
      insolventOpenUsd: insolvent,
      totalUsd,
      insuranceFundUsd: m.insuranceFundUsd,
      exceedsInsuranceFund: totalUsd > m.insuranceFundUsd,
    };
  });
  for (const v of state.perps) {
    const lossUsd = v.initialInsuranceFundUsd - v.insuranceFundUsd + v.adlUsd;
    badDebtByProtocol[v.id] = {
      realizedUsd: lossUsd,
      insolventOpenUsd: 0,
      totalUsd: lossUsd,
      insuranceFundUsd: v.initialInsuranceFundUsd,
      exceedsInsuranceFund: v.adlUsd > 0,
    };
  }
  const badDebtUsd = Object.values(badDebtByProtocol).reduce(
    (s, l) => s + l.realizedUsd + l.insolventOpenUsd,
    0,
  );
  return {
    stopReason,
    blocks: rounds.length,
    rounds,
    events: ctx.events,
    totals: {
      valueLiquidatedUsd: ctx.totals.valueLiquidatedUsd,
      collateralSoldUsd: ctx.totals.collateralSoldUsd,
      liquidations: ctx.totals.liquidations,
      hedgeVolumeUnderlying: hedgeVolume,
      badDebtUsd,
      badDebtByProtocol,
      perpLiquidations: ctx.totals.perpLiquidations,
      perpAdlUsd: state.perps.reduce((s, v) => s + v.adlUsd, 0),
      startPrice,
      finalPrice,
      minPrice: Math.min(minPrice, finalPrice),
    },
    finalState: state,
    work: ctx.work,
  };
}
