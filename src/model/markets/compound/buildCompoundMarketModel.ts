import type { CompoundMarketModel } from "../../cascade/types.js";
import { accrueInternal, SECONDS_PER_YEAR } from "../../lending/compound/accrueInternal.js";
import { BASE_INDEX_SCALE } from "../../lending/compound/CometMath.js";
import type { CometPosition, CometRates } from "../../lending/compound/types.js";
import { toUnits } from "../../math/toUnits.js";
import type { Scenario } from "../../scenario/schema.js";
import type { MarketModelBuilder } from "../types.js";

type CompoundSpec = Extract<Scenario["markets"][number], { kind: "compound-v3" }>;

/** Comet keeps 4 decimals of each collateral factor (Comet.getPackedAssetInternal: factor / 1e14, as uint16). */
const FACTOR_DESCALE = 10n ** 14n;
const descaled = (fraction: number) => (toUnits(fraction, 18) / FACTOR_DESCALE) * FACTOR_DESCALE;

/** The per-year configuration as Comet's constructor receives it (1e18-scaled), for deployment. */
export function cometPerYearRates(
  spec: CompoundSpec,
): Record<keyof NonNullable<CompoundSpec["interestRates"]>, bigint> {
  const r = spec.interestRates;
  const f = (x: number | undefined) => toUnits(x ?? 0, 18);
  return {
    supplyKink: r ? f(r.supplyKink) : 10n ** 18n,
    supplySlopeLow: f(r?.supplySlopeLow),
    supplySlopeHigh: f(r?.supplySlopeHigh),
    supplyBase: f(r?.supplyBase),
    borrowKink: r ? f(r.borrowKink) : 10n ** 18n,
    borrowSlopeLow: f(r?.borrowSlopeLow),
    borrowSlopeHigh: f(r?.borrowSlopeHigh),
    borrowBase: f(r?.borrowBase),
  };
}

/** What Comet's constructor stores of them: per-second rates, truncated. */
function cometRates(spec: CompoundSpec): CometRates {
  const y = cometPerYearRates(spec);
  return {
    supplyKink: y.supplyKink,
    supplyPerSecondInterestRateSlopeLow: y.supplySlopeLow / SECONDS_PER_YEAR,
    supplyPerSecondInterestRateSlopeHigh: y.supplySlopeHigh / SECONDS_PER_YEAR,
    supplyPerSecondInterestRateBase: y.supplyBase / SECONDS_PER_YEAR,
    borrowKink: y.borrowKink,
    borrowPerSecondInterestRateSlopeLow: y.borrowSlopeLow / SECONDS_PER_YEAR,
    borrowPerSecondInterestRateSlopeHigh: y.borrowSlopeHigh / SECONDS_PER_YEAR,
    borrowPerSecondInterestRateBase: y.borrowBase / SECONDS_PER_YEAR,
  };
}

/**
 * A Comet market model from its scenario section, before borrowers: base and collaterals with their
 * factors as Comet stores them (4 decimals), its per-second rates, indices at 1 and last accrued
 * `historyDays` before block 0, reserves as its base balance (Comet's reserves are its insurance fund).
 *
 * @param spec - the scenario's market.
 * @param asset - an asset's decimals and price.
 * @returns the market with no positions.
 */
export function buildCompoundMarketModel(
  spec: CompoundSpec,
  asset: (symbol: string) => { decimals: number; priceUsd: number },
): CompoundMarketModel {
  const base = asset(spec.base);
  return {
    id: spec.id,
    kind: "compound-v3",
    priceFeeds: spec.priceFeeds,
    insuranceFundUsd: spec.reserves * base.priceUsd,
    positions: [],
    market: {
      baseSymbol: spec.base,
      baseScale: 10n ** BigInt(base.decimals),
      baseSupplyIndex: BASE_INDEX_SCALE,
      baseBorrowIndex: BASE_INDEX_SCALE,
      rates: cometRates(spec),
      lastAccrualSeconds: -BigInt(Math.round(spec.historyDays * 86_400)),
      storeFrontPriceFactor: toUnits(spec.storeFrontPriceFactor, 18),
      targetReserves: toUnits(spec.targetReserves, base.decimals),
      totalSupplyBase: 0n,
      totalBorrowBase: 0n,
      baseBalance: toUnits(spec.reserves, base.decimals),
      assets: spec.collaterals.map((c) => ({
        symbol: c.asset,
        scale: 10n ** BigInt(asset(c.asset).decimals),
        borrowCollateralFactor: descaled(c.borrowCollateralFactor),
        liquidateCollateralFactor: descaled(c.liquidateCollateralFactor),
        liquidationFactor: descaled(c.liquidationFactor),
      })),
      collateralReserves: spec.collaterals.map(() => 0n),
    },
  };
}

/**
 * Comet's accounts from borrower entries (principal = −borrow, at indices 1 when seeded); once the book is
 * complete, suppliers at the market's utilisation (their deposits net of borrows sit in Comet beside the
 * reserves), then the history's interest in one accrual at block 0.
 */
export const compoundMarketBuilder: MarketModelBuilder<CompoundMarketModel> = {
  build: buildCompoundMarketModel,
  positions(market, decimalsOf) {
    const baseDecimals = decimalsOf(market.market.baseSymbol);
    let totalBorrowBase = market.market.totalBorrowBase;
    return {
      add(e) {
        const borrow = toUnits(e.debt[market.market.baseSymbol] ?? 0, baseDecimals);
        const position: CometPosition = {
          id: e.id,
          principal: -borrow,
          collateral: market.market.assets.map((a) =>
            e.collateral[a.symbol] ? toUnits(e.collateral[a.symbol]!, decimalsOf(a.symbol)) : 0n,
          ),
        };
        market.positions.push(position);
        totalBorrowBase += borrow;
      },
      finish() {
        market.market = { ...market.market, totalBorrowBase };
      },
    };
  },
  complete(market, spec) {
    const m = market.market;
    // Suppliers deposit borrows / utilisation (4 decimals of it), at indices 1 like the borrowers.
    const supply = (m.totalBorrowBase * 10_000n) / BigInt(Math.round(spec.utilization * 10_000));
    const seeded = { ...m, totalSupplyBase: supply, baseBalance: m.baseBalance + supply - m.totalBorrowBase };
    market.market = accrueInternal(seeded, 0n);
  },
  liquidationThreshold: (market, collateral) =>
    Number(market.market.assets.find((a) => a.symbol === collateral)!.liquidateCollateralFactor) / 1e18,
};
