import { ModelInputError } from "../../errors/ModelInputError.js";
import { mint } from "../amm/v3/mint.js";
import { parseUnits, priceToSqrtPriceX96 } from "../amm/v3/price.js";
import { getAmount0Delta, getAmount1Delta } from "../amm/v3/SqrtPriceMath.js";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../amm/v3/TickMath.js";
import type { V3PoolState } from "../amm/v3/types.js";
import type { AaveReserve } from "../lending/aave/types.js";
import { RAY } from "../lending/aave/WadRayMath.js";
import { BASE_INDEX_SCALE } from "../lending/compound/CometMath.js";
import type { CometPosition } from "../lending/compound/types.js";
import { pow10 } from "../math/pow10.js";
import { bookGreeks } from "../options/bookGreeks.js";
import { createRng, type Rng } from "../random/createRng.js";
import type { Scenario } from "../scenario/schema.js";
import { poolPriceE8 } from "./poolPrice.js";
import type {
  BookModel,
  CascadeState,
  MarketModel,
  OracleModel,
  PerpVenueModel,
  PoolModel,
  TokenInfo,
} from "./types.js";

const TICK_SPACING: Record<number, number> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

export type BuildCascadeStateOptions = {
  /** Token order of every pool; on chain it follows the token addresses. Default: underlying is token0. */
  underlyingIsToken0?: boolean;
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

/** Float → integer units (the one float→wei boundary for scenario inputs). */
export function toUnits(value: number, decimals: number): bigint {
  // Fast path: 6 decimal places of the float are exact in a double while |value·1e6| < 2^53.
  const micro = Math.round(value * 1e6);
  if (decimals >= 6 && Math.abs(micro) < 2 ** 53)
    return decimals === 6 ? BigInt(micro) : BigInt(micro) * pow10(decimals - 6);
  return parseUnits(value.toFixed(Math.min(decimals, 12)), decimals);
}

function alignDown(tick: number, spacing: number): number {
  return Math.max(Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(tick / spacing) * spacing);
}
function alignUp(tick: number, spacing: number): number {
  return Math.min(Math.floor(MAX_TICK / spacing) * spacing, Math.ceil(tick / spacing) * spacing);
}

function buildPool(
  spec: Scenario["pools"][number],
  underlying: TokenInfo,
  quote: TokenInfo,
  price0: number,
  underlyingIsToken0: boolean,
): PoolModel {
  const [token0, token1] = underlyingIsToken0 ? [underlying, quote] : [quote, underlying];
  // Price of token0 in token1, human units.
  const humanPrice = (usd: number) => (underlyingIsToken0 ? usd : 1 / usd);
  if (spec.kind === "uniswap-v2") {
    const reserveU = toUnits(spec.reserveUsd / price0, underlying.decimals);
    const reserveQ = toUnits(spec.reserveUsd, quote.decimals);
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
      const valueUsd = underlyingIsToken0 ? amount0 * price0 + amount1 : amount0 + amount1 * price0;
      if (!(valueUsd > 0))
        throw new ModelInputError(`pool ${spec.id}: a position has no value at the starting price.`);
      liquidity = BigInt(Math.floor((position.valueUsd / valueUsd) * 1e6)) * (unit / 1_000_000n);
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
  const underlyingIsToken0 = options.underlyingIsToken0 ?? true;
  const bySymbol = new Map(scenario.assets.map((a) => [a.symbol, a]));
  const underlyingAsset = bySymbol.get(scenario.underlying)!;
  const quoteAsset = bySymbol.get(scenario.quote)!;
  const underlying: TokenInfo = { symbol: underlyingAsset.symbol, decimals: underlyingAsset.decimals };
  const quote: TokenInfo = { symbol: quoteAsset.symbol, decimals: quoteAsset.decimals };
  const price0 = underlyingAsset.priceUsd;
  const rng = createRng(scenario.seed);

  const pools = scenario.pools.map((p) => buildPool(p, underlying, quote, price0, underlyingIsToken0));
  const reference = pools.find((p) => p.id === scenario.referencePool)!;
  const marketPriceE8 = poolPriceE8(reference);
  const marketPrice = Number(marketPriceE8) / 1e8;

  const priceOf = (symbol: string) =>
    symbol === scenario.underlying ? marketPrice : bySymbol.get(symbol)!.priceUsd;
  const oracles: OracleModel[] = scenario.assets.map((a) => {
    const policy = scenario.oracles.find((o) => o.asset === a.symbol)?.policy ?? { kind: "fixed" as const };
    const priceE8 = a.symbol === scenario.underlying ? marketPriceE8 : parseUnits(a.priceUsd.toFixed(8), 8);
    return { symbol: a.symbol, policy, priceE8, lastPushBlock: 0 };
  });

  const markets: MarketModel[] = scenario.markets.map((m) => {
    if (m.kind === "aave-v3") {
      const reserves: AaveReserve[] = m.reserves.map((r) => ({
        symbol: r.asset,
        decimals: bySymbol.get(r.asset)!.decimals,
        ltvBps: BigInt(r.ltvBps),
        liquidationThresholdBps: BigInt(r.liquidationThresholdBps),
        liquidationBonusBps: BigInt(r.liquidationBonusBps),
        protocolFeeBps: BigInt(r.protocolFeeBps),
        liquidityIndexRay: RAY,
        variableBorrowIndexRay: RAY,
      }));
      return {
        id: m.id,
        kind: "aave-v3",
        profile: m.profile,
        reserves,
        positions: [],
        insuranceFundUsd: m.insuranceFundUsd,
      };
    }
    const base = bySymbol.get(m.base)!;
    const baseScale = 10n ** BigInt(base.decimals);
    return {
      id: m.id,
      kind: "compound-v3",
      insuranceFundUsd: m.reserves * base.priceUsd,
      positions: [],
      market: {
        baseSymbol: m.base,
        baseScale,
        baseSupplyIndex: BASE_INDEX_SCALE,
        baseBorrowIndex: BASE_INDEX_SCALE,
        storeFrontPriceFactor: toUnits(m.storeFrontPriceFactor, 18),
        targetReserves: toUnits(m.targetReserves, base.decimals),
        totalSupplyBase: 0n,
        totalBorrowBase: 0n,
        baseBalance: toUnits(m.reserves, base.decimals),
        assets: m.collaterals.map((c) => ({
          symbol: c.asset,
          scale: 10n ** BigInt(bySymbol.get(c.asset)!.decimals),
          borrowCollateralFactor: toUnits(c.borrowCollateralFactor, 18),
          liquidateCollateralFactor: toUnits(c.liquidateCollateralFactor, 18),
          liquidationFactor: toUnits(c.liquidationFactor, 18),
        })),
        collateralReserves: m.collaterals.map(() => 0n),
      },
    };
  });

  let serial = 0;
  type Entry = { id: string; collateral: Record<string, number>; debt: Record<string, number> };
  for (const set of scenario.borrowers) {
    const market = markets.find((m) => m.id === set.market)!;
    // Each entry becomes a position as it is drawn: a million-borrower set never holds its entries at once.
    let add: (e: Entry) => void;
    let finish = () => {};
    if (market.kind === "aave-v3") {
      // Positions with the same collateral flags share one frozen array (positions are replaced, never
      // edited in place: executeLiquidationCall copies), which spares a million small arrays.
      const flagArrays = new Map<number, readonly boolean[]>();
      add = (e) => {
        let key = 0; // the flags as bits (exact in a double for the ≤ 52 reserves a market has)
        for (let i = 0; i < market.reserves.length; i++)
          if ((e.collateral[market.reserves[i]!.symbol] ?? 0) > 0) key += 2 ** i;
        let usingAsCollateral = market.reserves.length <= 52 ? flagArrays.get(key) : undefined;
        if (!usingAsCollateral) {
          usingAsCollateral = Object.freeze(market.reserves.map((r) => (e.collateral[r.symbol] ?? 0) > 0));
          flagArrays.set(key, usingAsCollateral);
        }
        market.positions.push({
          id: e.id,
          scaledCollateral: market.reserves.map((r) =>
            e.collateral[r.symbol] ? toUnits(e.collateral[r.symbol]!, r.decimals) : 0n,
          ),
          scaledDebt: market.reserves.map((r) =>
            e.debt[r.symbol] ? toUnits(e.debt[r.symbol]!, r.decimals) : 0n,
          ),
          usingAsCollateral: usingAsCollateral as boolean[],
        });
      };
    } else {
      const base = bySymbol.get(market.market.baseSymbol)!;
      let totalBorrowBase = market.market.totalBorrowBase;
      add = (e) => {
        const borrow = toUnits(e.debt[market.market.baseSymbol] ?? 0, base.decimals);
        const position: CometPosition = {
          id: e.id,
          principal: -borrow,
          collateral: market.market.assets.map((a) =>
            e.collateral[a.symbol] ? toUnits(e.collateral[a.symbol]!, bySymbol.get(a.symbol)!.decimals) : 0n,
          ),
        };
        market.positions.push(position);
        totalBorrowBase += borrow;
      };
      finish = () => {
        market.market = { ...market.market, totalBorrowBase };
        // Suppliers at 80% utilisation; their deposits net of borrows sit in Comet beside the reserves.
        const supply = (market.market.totalBorrowBase * 5n) / 4n;
        market.market = {
          ...market.market,
          totalSupplyBase: supply,
          baseBalance: market.market.baseBalance + supply - market.market.totalBorrowBase,
        };
      };
    }
    if ("generator" in set) {
      const g = set.generator;
      const threshold =
        market.kind === "aave-v3"
          ? Number(market.reserves.find((r) => r.symbol === g.collateral)!.liquidationThresholdBps) / 10_000
          : Number(market.market.assets.find((a) => a.symbol === g.collateral)!.liquidateCollateralFactor) /
            1e18;
      // One entry object, refilled per draw (add keeps nothing of it).
      const entry: Entry = { id: "", collateral: { [g.collateral]: 0 }, debt: { [g.debt]: 0 } };
      const collateralPrice = priceOf(g.collateral);
      const debtPrice = priceOf(g.debt);
      for (let i = 0; i < g.count; i++) {
        const collateralUsd = draw(rng, g.collateralUsd);
        const hf = draw(rng, g.healthFactor);
        const debtUsd = (collateralUsd * threshold) / hf;
        entry.id = `${set.market}-${serial++}`;
        entry.collateral[g.collateral] = collateralUsd / collateralPrice;
        entry.debt[g.debt] = debtUsd / debtPrice;
        add(entry);
      }
    } else for (const e of set.positions) add(e);
    finish();
  }

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
    referencePoolId: scenario.referencePool,
    arbitrage: scenario.arbitrage,
    oracles,
    markets,
    books,
    perps,
    liquidators: scenario.liquidators,
    priceHistory: [marketPrice],
  };
}
