import { ModelInputError } from "../../errors/ModelInputError.js";
import { mint } from "../amm/v3/mint.js";
import { parseUnits, priceToSqrtPriceX96 } from "../amm/v3/price.js";
import { getAmount0Delta, getAmount1Delta } from "../amm/v3/SqrtPriceMath.js";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../amm/v3/TickMath.js";
import type { V3PoolState } from "../amm/v3/types.js";
import type { BridgeModel } from "../bridge/types.js";
import { buildMarketModel } from "../markets/buildMarketModel.js";
import type { BorrowerEntry } from "../markets/types.js";
import { toUnits } from "../math/toUnits.js";
import { bookGreeks } from "../options/bookGreeks.js";
import { createRng, type Rng } from "../random/createRng.js";
import type { SafetyModuleModel } from "../safetyModule/types.js";
import { assetWeights } from "../scenario/assetWeights.js";
import type { Scenario } from "../scenario/schema.js";
import { exchangeRateE8, pegMarketE8 } from "./pegPrice.js";
import { poolPriceE8 } from "./poolPrice.js";
import type {
  BookModel,
  CascadeState,
  MarketModel,
  OracleModel,
  OraclePolicy,
  PegModel,
  PerpVenueModel,
  PoolModel,
  TokenInfo,
} from "./types.js";

const TICK_SPACING: Record<number, number> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

export type BuildCascadeStateOptions = {
  /** Token order of every pool; on chain it follows the token addresses. Default: underlying is token0. */
  underlyingIsToken0?: boolean;
  /**
   * Refuse a book with positions the protocols could not open, as the replica's seeding does (Aave: below
   * health factor 1). Default true; fork mode, which reads its positions off the chain, turns it off.
   */
  refuseUnopenable?: boolean;
  /**
   * Token order of every pool, by its base and quote (on chain, by address; see harness/baseIsToken0);
   * it takes precedence over `underlyingIsToken0`. Default: the base is token0.
   */
  baseIsToken0?: (base: string, quote: string) => boolean;
};

type Distribution = Extract<
  Scenario["borrowers"][number],
  { generator: unknown }
>["generator"]["healthFactor"];

function draw(rng: Rng, d: Distribution): number {
  if (d.dist === "fixed") return d.value;
  if (d.dist === "uniform") return d.min + (d.max - d.min) * rng.next();
  return d.median * Math.exp(d.sigma * rng.normal());
}

function alignDown(tick: number, spacing: number): number {
  return Math.max(Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(tick / spacing) * spacing);
}
function alignUp(tick: number, spacing: number): number {
  return Math.min(Math.floor(MAX_TICK / spacing) * spacing, Math.ceil(tick / spacing) * spacing);
}

/**
 * A pool from its spec: `base` priced `price0` in `quote` units at the start, each quote unit worth
 * `quoteUsd` (the main pair's quote: 1; a pegged asset's pool quotes in the underlying). Values (`valueUsd`,
 * `reserveUsd`) are USD; range prices are quote per base.
 */
function buildPool(
  spec: Scenario["pools"][number],
  pair: { base: TokenInfo; quote: TokenInfo; price0: number; quoteUsd: number },
  underlyingIsToken0: boolean,
): PoolModel {
  const { base: underlying, quote, price0, quoteUsd } = pair;
  const [token0, token1] = underlyingIsToken0 ? [underlying, quote] : [quote, underlying];
  // Price of token0 in token1, human units.
  const humanPrice = (usd: number) => (underlyingIsToken0 ? usd : 1 / usd);
  if (spec.kind === "uniswap-v2") {
    const reserveU = toUnits(spec.reserveUsd / quoteUsd / price0, underlying.decimals);
    const reserveQ = toUnits(spec.reserveUsd / quoteUsd, quote.decimals);
    const [reserve0, reserve1] = underlyingIsToken0 ? [reserveU, reserveQ] : [reserveQ, reserveU];
    return {
      id: spec.id,
      kind: "uniswap-v2",
      underlyingIsToken0,
      token0,
      token1,
      state: { reserve0, reserve1, feeBps: BigInt(spec.feeBps) },
    };
  }
  const tickSpacing = TICK_SPACING[spec.feePips]!;
  const sqrtPriceX96 = priceToSqrtPriceX96(
    humanPrice(price0).toPrecision(15),
    token0.decimals,
    token1.decimals,
  );
  const mints: { tickLower: number; tickUpper: number; liquidity: bigint }[] = [];
  let state: V3PoolState = {
    feePips: spec.feePips,
    tickSpacing,
    sqrtPriceX96,
    tick: getTickAtSqrtRatio(sqrtPriceX96),
    liquidity: 0n,
    ticks: [],
  };
  for (const position of spec.positions) {
    let tickLower: number;
    let tickUpper: number;
    let liquidity: bigint;
    if ("liquidity" in position) {
      ({ tickLower, tickUpper } = position);
      liquidity = BigInt(position.liquidity);
    } else {
      const tickA = getTickAtSqrtRatio(
        priceToSqrtPriceX96(
          humanPrice(position.lowerPrice).toPrecision(15),
          token0.decimals,
          token1.decimals,
        ),
      );
      const tickB = getTickAtSqrtRatio(
        priceToSqrtPriceX96(
          humanPrice(position.upperPrice).toPrecision(15),
          token0.decimals,
          token1.decimals,
        ),
      );
      tickLower = alignDown(Math.min(tickA, tickB), tickSpacing);
      tickUpper = alignUp(Math.max(tickA, tickB), tickSpacing);
      // Value of 1e18 liquidity at the current price, then scale to the requested USD value.
      const unit = 10n ** 18n;
      const sa = getSqrtRatioAtTick(tickLower);
      const sb = getSqrtRatioAtTick(tickUpper);
      const sp = state.sqrtPriceX96 < sa ? sa : state.sqrtPriceX96 > sb ? sb : state.sqrtPriceX96;
      const amount0 = Number(getAmount0Delta(sp, sb, unit, false)) / 10 ** token0.decimals;
      const amount1 = Number(getAmount1Delta(sa, sp, unit, false)) / 10 ** token1.decimals;
      const valueUsd =
        (underlyingIsToken0 ? amount0 * price0 + amount1 : amount0 + amount1 * price0) * quoteUsd;
      if (!(valueUsd > 0))
        throw new ModelInputError(`pool ${spec.id}: a position has no value at the starting price.`);
      const scale = (position.valueUsd / valueUsd) * 1e6;
      if (!Number.isFinite(scale))
        throw new ModelInputError(
          `pool ${spec.id}: a position's valueUsd (${position.valueUsd}) is more liquidity than a Uniswap V3 position can hold; lower it.`,
        );
      liquidity = BigInt(Math.floor(scale)) * (unit / 1_000_000n);
    }
    state = mint(state, { tickLower, tickUpper, liquidity }).pool;
    mints.push({ tickLower, tickUpper, liquidity });
  }
  return { id: spec.id, kind: "uniswap-v3", underlyingIsToken0, token0, token1, state, mints };
}

/**
 * Builds the model's starting state from a validated scenario: pools minted, oracles at the
 * reference pool's price, borrowers generated from the seed, option books hedged at the start.
 * The chain harness reads the same shape back from the chain (see src/protocols/).
 */
export function buildCascadeState(scenario: Scenario, options: BuildCascadeStateOptions = {}): CascadeState {
  const underlyingIsToken0 =
    options.baseIsToken0?.(scenario.underlying, scenario.quote) ?? options.underlyingIsToken0 ?? true;
  const bySymbol = new Map(scenario.assets.map((a) => [a.symbol, a]));
  const underlyingAsset = bySymbol.get(scenario.underlying)!;
  const quoteAsset = bySymbol.get(scenario.quote)!;
  const underlying: TokenInfo = { symbol: underlyingAsset.symbol, decimals: underlyingAsset.decimals };
  const quote: TokenInfo = { symbol: quoteAsset.symbol, decimals: quoteAsset.decimals };
  const price0 = underlyingAsset.priceUsd;
  const rng = createRng(scenario.seed);

  const { pools, pegs } = buildPools(scenario, { underlying, quote, underlyingIsToken0, options });
  const reference = pools.find((p) => p.id === scenario.referencePool)!;
  const marketPriceE8 = poolPriceE8(reference);
  const marketPrice = Number(marketPriceE8) / 1e8;

  const priceOf = (symbol: string) =>
    symbol === scenario.underlying ? marketPrice : bySymbol.get(symbol)!.priceUsd;
  const oracles = startOracles(scenario, { pools, pegs, marketPriceE8 });

  const built = new Map(scenario.markets.map((m) => [m.id, buildMarketModel(m, (s) => bySymbol.get(s)!)]));
  const markets: MarketModel[] = [...built.values()].map((b) => b.market);
  let serial = 0;
  for (const set of scenario.borrowers) {
    const market = built.get(set.market)!;
    // Each entry becomes a position as it is drawn: a million-borrower set never holds its entries at once.
    const sink = market.positions();
    if ("generator" in set) {
      const g = set.generator;
      // Value shares of each side; the health factor is Σ share · threshold · collateral / debt.
      const collateral = assetWeights(g.collateral).map(([symbol, share]) => ({
        symbol,
        share,
        price: priceOf(symbol),
      }));
      const debt = assetWeights(g.debt).map(([symbol, share]) => ({ symbol, share, price: priceOf(symbol) }));
      const threshold = collateral.reduce(
        (t, c) => t + c.share * market.liquidationThreshold(c.symbol, g.eMode),
        0,
      );
      // One entry object, refilled per draw (add keeps nothing of it).
      const entry: BorrowerEntry = {
        id: "",
        collateral: Object.fromEntries(collateral.map((c) => [c.symbol, 0])),
        debt: Object.fromEntries(debt.map((d) => [d.symbol, 0])),
        ...(g.eMode ? { eMode: g.eMode } : {}),
      };
      for (let i = 0; i < g.count; i++) {
        const collateralUsd = draw(rng, g.collateralUsd);
        const hf = draw(rng, g.healthFactor);
        const debtUsd = (collateralUsd * threshold) / hf;
        entry.id = `${set.market}-${serial++}`;
        for (const c of collateral) entry.collateral[c.symbol] = (collateralUsd * c.share) / c.price;
        for (const d of debt) entry.debt[d.symbol] = (debtUsd * d.share) / d.price;
        sink.add(entry);
      }
    } else for (const e of set.positions) sink.add(e);
    sink.finish();
  }
  if (options.refuseUnopenable !== false) for (const market of built.values()) market.refuseUnopenable();
  const models = new Map([...built].map(([id, b]) => [id, b.market]));
  for (const market of built.values()) market.link(models);
  for (const market of built.values()) market.complete();

  const books: BookModel[] = scenario.optionBooks.map((b) => {
    const book = {
      id: b.id,
      convention: b.convention,
      rate: b.rate,
      surface: {
        atmVol: b.vol.atm,
        skew: b.vol.skew,
        termSlope: b.vol.termSlope,
        stressBeta: b.vol.stressBeta,
        realisedWeight: b.vol.realisedWeight,
      },
      options: b.options.map((o) => ({
        type: o.type,
        strike: o.strike,
        expirySeconds: o.expiryDays * 86_400,
        size: o.size,
        dealerSide: o.dealerSide,
      })),
    };
    const greeks = bookGreeks(book, {
      spot: marketPrice,
      timeSeconds: 0,
      stress: { drawdown: 0, realisedVol: b.vol.atm },
    });
    const hedgeWei = toUnits(-greeks.delta, underlying.decimals);
    return {
      book,
      poolId: b.pool,
      capitalUsd: b.capitalUsd,
      onCapitalExhausted: b.onCapitalExhausted,
      hedgeIntervalBlocks: b.hedgeIntervalBlocks,
      minHedgeUnderlying: b.minHedgeUnderlying,
      realisedWindowBlocks: b.vol.realisedWindowBlocks,
      hedgeWei,
      cashQuote: toUnits(greeks.delta * marketPrice, quote.decimals),
      initialBookValueUsd: greeks.value,
      active: true,
    };
  });

  const perps: PerpVenueModel[] = scenario.perps.map((v) => ({
    id: v.id,
    poolId: v.pool,
    maintenanceMarginRatio: v.maintenanceMarginRatio,
    insuranceFundUsd: v.insuranceFundUsd,
    initialInsuranceFundUsd: v.insuranceFundUsd,
    spotPassThrough: v.spotPassThrough,
    basisPerDrawdown: v.basisPerDrawdown,
    adlUsd: 0,
    positions: v.positions.map((p) => ({
      id: p.id,
      side: p.side === "long" ? 1 : -1,
      size: p.sizeUnderlying,
      entry: marketPrice,
      margin: (p.sizeUnderlying * marketPrice) / p.leverage,
      open: true,
    })),
  }));

  return {
    block: 0,
    blockTimeSeconds: scenario.blockTimeSeconds,
    underlying,
    quote,
    pools,
    pegs,
    referencePoolId: scenario.referencePool,
    arbitrage: scenario.arbitrage,
    oracles,
    markets,
    books,
    perps,
    liquidators: scenario.liquidators,
    priceHistory: [marketPrice],
    ...(scenario.riskStewards.length > 0
      ? { riskStewards: scenario.riskStewards.map((s) => ({ ...s, lastUpdateSeconds: undefined })) }
      : {}),
    ...(scenario.bridges.length > 0 ? { bridges: scenario.bridges.map((b) => bridgeModel(b, pegs)) } : {}),
    ...(scenario.safetyModules.length > 0 ? { safetyModules: safetyModuleModels(scenario) } : {}),
    ...(scenario.dao ? { dao: scenario.dao } : {}),
  };
}

/** The scenario's safety modules with their stakes and slashable parts in the token's wei. */
function safetyModuleModels(scenario: Scenario): SafetyModuleModel[] {
  return scenario.safetyModules.map((m) => {
    const decimals = scenario.assets.find((a) => a.symbol === m.token)!.decimals;
    return {
      market: m.market,
      token: m.token,
      decimals,
      poolId: m.pool,
      stake: toUnits(m.stake, decimals),
      slashable: toUnits(m.stake * m.maxSlashPct, decimals),
      beta: m.beta,
    };
  });
}

/** A scenario bridge over its pegged asset: the asset's pool and rate, the exit sale in wei. */
function bridgeModel(bridge: Scenario["bridges"][number], pegs: readonly PegModel[]): BridgeModel {
  const peg = pegs.find((p) => p.symbol === bridge.asset)!;
  return {
    symbol: peg.symbol,
    decimals: peg.decimals,
    poolId: peg.poolId,
    rateE18: peg.rateE18,
    ...(bridge.haltBlock !== undefined ? { haltBlock: bridge.haltBlock } : {}),
    ...(bridge.exitSale
      ? {
          exitSale: { amount: toUnits(bridge.exitSale.amount, peg.decimals), blocks: bridge.exitSale.blocks },
        }
      : {}),
    ...(bridge.topUps
      ? {
          topUps: {
            market: bridge.topUps.market,
            belowWad: toUnits(bridge.topUps.healthFactorBelow, 18),
            restoreWad: toUnits(bridge.topUps.restoreTo, 18),
            share: bridge.topUps.share,
          },
        }
      : {}),
  };
}

/** The scenario's pools (the main pair's, and each pegged asset's own, at its rate) and its pegged assets. */
function buildPools(
  scenario: Scenario,
  main: {
    underlying: TokenInfo;
    quote: TokenInfo;
    underlyingIsToken0: boolean;
    options: BuildCascadeStateOptions;
  },
): { pools: PoolModel[]; pegs: PegModel[] } {
  const { underlying, quote, underlyingIsToken0, options } = main;
  const bySymbol = new Map(scenario.assets.map((a) => [a.symbol, a]));
  const price0 = bySymbol.get(scenario.underlying)!.priceUsd;
  const tokenOf = (symbol: string): TokenInfo => ({ symbol, decimals: bySymbol.get(symbol)!.decimals });
  const pools = scenario.pools.map((p) => {
    const [base, poolQuote] = p.pair ?? [scenario.underlying, scenario.quote];
    if (base === scenario.underlying && poolQuote === scenario.quote)
      return buildPool(p, { base: underlying, quote, price0, quoteUsd: 1 }, underlyingIsToken0);
    // A safety module's token's own pool, quoted in the quote asset at the token's price.
    if (poolQuote === scenario.quote)
      return buildPool(
        p,
        { base: tokenOf(base), quote, price0: bySymbol.get(base)!.priceUsd, quoteUsd: 1 },
        options.baseIsToken0?.(base, poolQuote) ?? true,
      );
    // A pegged asset's own pool, quoted in its peg asset, starting at the redemption rate.
    return buildPool(
      p,
      {
        base: tokenOf(base),
        quote: tokenOf(poolQuote),
        price0: bySymbol.get(base)!.peg!.rate,
        quoteUsd: price0,
      },
      options.baseIsToken0?.(base, poolQuote) ?? true,
    );
  });
  const pegs: PegModel[] = scenario.assets.flatMap((a) =>
    a.peg
      ? [
          {
            symbol: a.symbol,
            decimals: a.decimals,
            asset: a.peg.asset,
            rateE18: parseUnits(a.peg.rate.toPrecision(15), 18),
            poolId: scenario.pools.find((p) => p.pair?.[0] === a.symbol)!.id,
          },
        ]
      : [],
  );
  return { pools, pegs };
}

/** Every asset's oracle at block 0: the underlying at the reference pool, a pegged asset by its policy, the rest at their prices. */
function startOracles(
  scenario: Scenario,
  at: { pools: PoolModel[]; pegs: PegModel[]; marketPriceE8: bigint },
): OracleModel[] {
  const { pools, pegs, marketPriceE8 } = at;
  const startE8 = (symbol: string, policy: OraclePolicy): bigint => {
    if (symbol === scenario.underlying) return marketPriceE8;
    const peg = pegs.find((p) => p.symbol === symbol);
    if (!peg) return parseUnits(scenario.assets.find((a) => a.symbol === symbol)!.priceUsd.toFixed(8), 8);
    // A pegged asset's oracle starts where its policy puts it: the rate, or its own market.
    return policy.kind === "exchange-rate"
      ? exchangeRateE8(peg, marketPriceE8)
      : pegMarketE8(pools.find((p) => p.id === peg.poolId)!, marketPriceE8);
  };
  return scenario.assets.map((a) => {
    const policy = scenario.oracles.find((o) => o.asset === a.symbol)?.policy ?? { kind: "fixed" as const };
    return { symbol: a.symbol, policy, priceE8: startE8(a.symbol, policy), lastPushBlock: 0 };
  });
}
