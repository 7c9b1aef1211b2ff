import { ModelInputError } from "../../../errors/ModelInputError.js";
import type { MorphoMarketModel } from "../../cascade/types.js";
import { accrueInterest } from "../../lending/morpho/accrueInterest.js";
import { INITIAL_RATE_AT_TARGET } from "../../lending/morpho/adaptiveCurveIrm.js";
import { isHealthy } from "../../lending/morpho/isHealthy.js";
import { SharesMathLib } from "../../lending/morpho/SharesMathLib.js";
import { toUnits } from "../../math/toUnits.js";
import type { Scenario } from "../../scenario/schema.js";
import type { MarketModelBuilder } from "../types.js";
import { morphoOraclePrice } from "./morphoOraclePrice.js";
import { morphoParams } from "./morphoParams.js";

type MorphoSpec = Extract<Scenario["markets"][number], { kind: "morpho-blue" }>;

/**
 * A Morpho Blue market model from its scenario section, before borrowers: created at the seeding time,
 * `historyDays` before block 0 (the AdaptiveCurveIrm's first call sets the market's rate at target to its
 * initial 4% a year), nothing supplied. The seeding, like the replica's, happens in that one timestamp:
 * supply then borrows, no time between.
 */
export function buildMorphoMarketModel(
  spec: MorphoSpec,
  asset: (symbol: string) => { decimals: number; priceUsd: number },
): MorphoMarketModel {
  const wrapper = spec.collateralWrapper;
  return {
    id: spec.id,
    kind: "morpho-blue",
    loanSymbol: spec.loan,
    collateralSymbol: wrapper ? staticATokenSymbol(spec.collateral) : spec.collateral,
    loanDecimals: asset(spec.loan).decimals,
    // StataTokenV2's decimals are its asset's.
    collateralDecimals: asset(spec.collateral).decimals,
    irm: spec.irm,
    lltv: toUnits(spec.lltv, 18),
    ...(wrapper
      ? {
          wrapper: {
            kind: wrapper.kind,
            market: wrapper.market,
            underlying: spec.collateral,
            sampleShares: 10n ** BigInt(asset(spec.collateral).decimals),
          },
        }
      : {}),
    insuranceFundUsd: spec.insuranceFundUsd,
    positions: [],
    seeded: { supplyAssets: 0n, borrowAssets: [] },
    market: {
      totalSupplyAssets: 0n,
      totalSupplyShares: 0n,
      totalBorrowAssets: 0n,
      totalBorrowShares: 0n,
      lastUpdate: -BigInt(Math.round(spec.historyDays * 86_400)),
      fee: toUnits(spec.fee, 18),
      rateAtTarget: spec.irm === "adaptive-curve" ? INITIAL_RATE_AT_TARGET : 0n,
    },
  };
}

/** The static aToken's symbol for an asset, as mainnet's waEth… wrappers are named. */
export function staticATokenSymbol(asset: string): string {
  return `wa${asset}`;
}

/**
 * Morpho's positions from borrower entries: collateral supplied, then the debt borrowed by assets (shares
 * rounded up, as `borrow` does), one after another on the market's totals; the suppliers' deposit (the book's
 * borrows / utilisation) comes first, once the book is known (`complete`), and the borrows are replayed on it.
 */
export const morphoMarketBuilder: MarketModelBuilder<MorphoMarketModel> = {
  build: buildMorphoMarketModel,
  positions(market, decimalsOf) {
    return {
      add(e) {
        market.positions.push({
          id: e.id,
          supplyShares: 0n,
          // The borrow's assets for now; `complete` turns them into shares on the market's totals.
          borrowShares: toUnits(e.debt[market.loanSymbol] ?? 0, decimalsOf(market.loanSymbol)),
          // Given in the wrapped asset: deposited at 1 ray (the replica's seeding), shares = assets.
          collateral: toUnits(
            e.collateral[market.wrapper?.underlying ?? market.collateralSymbol] ?? 0,
            market.collateralDecimals,
          ),
        });
      },
      finish() {},
    };
  },
  complete(market, spec) {
    const borrows = market.positions.reduce((sum, p) => sum + p.borrowShares, 0n);
    const supplied = (borrows * 10_000n) / BigInt(Math.round(spec.utilization * 10_000));
    const m = { ...market.market };
    m.totalSupplyShares = SharesMathLib.toSharesDown(supplied, m.totalSupplyAssets, m.totalSupplyShares);
    m.totalSupplyAssets = supplied;
    market.seeded = { supplyAssets: supplied, borrowAssets: market.positions.map((p) => p.borrowShares) };
    replaySeedBorrows(market, (p, shares, totals) => {
      p.borrowShares = shares;
      Object.assign(m, totals);
    });
    // Seeded in one timestamp, `historyDays` before block 0, whose accrueInterest brings it to block 0.
    market.market = accrueInterest(m, morphoParams(market), 0n).market;
  },
  liquidationThreshold: (market) => Number(market.lltv) / 1e18,
  // A static aToken collateral is deposited into its Aave market's reserve when the book is seeded.
  link(market, markets) {
    const wrapper = market.wrapper;
    if (!wrapper) return;
    const aave = markets.get(wrapper.market);
    if (aave?.kind !== "aave-v3")
      throw new ModelInputError(
        `markets.${market.id}.collateralWrapper.market: no Aave market "${wrapper.market}".`,
      );
    const shares = market.positions.reduce((sum, p) => sum + p.collateral, 0n);
    aave.staticATokens = [
      ...(aave.staticATokens ?? []),
      {
        symbol: market.collateralSymbol,
        reserve: aave.reserves.findIndex((r) => r.symbol === wrapper.underlying),
        totalShares: shares,
        scaledBalance: shares,
      },
    ];
  },
  refuseUnopenable(market, asset) {
    // Seeded at 1 ray: the wrapper's share is worth one unit of its asset.
    const price = morphoOraclePrice(
      market.loanDecimals,
      market.collateralDecimals,
      toUnits(asset(market.wrapper?.underlying ?? market.collateralSymbol).priceUsd, 8),
      toUnits(asset(market.loanSymbol).priceUsd, 8),
    );
    // As the seeding's borrows run, one after another (the book's positions still hold their borrowed
    // assets here): each must be healthy right after its own borrow, at the starting price.
    const below: MorphoMarketModel["positions"] = [];
    replaySeedBorrows(market, (p, shares, totals) => {
      if (!isHealthy({ ...market.market, ...totals }, market.lltv, { ...p, borrowShares: shares }, price))
        below.push(p);
    });
    if (below.length > 0)
      throw new ModelInputError(
        `${below.length} position${below.length === 1 ? "" : "s"} of market "${market.id}" start above the LLTV: Morpho's borrow reverts (insufficient collateral), so they cannot be opened.`,
        {
          metaMessages: [
            `First: ${below[0]!.id}`,
            "Raise the generator's healthFactor minimum (or the explicit position's collateral) to at least 1.",
          ],
        },
      );
  },
};

/**
 * The seeding's borrows in the book's order, as Morpho.borrow takes each by assets on the totals the ones
 * before it left (shares rounded up): each position (its `borrowShares` still the assets borrowed), the
 * shares it gets, and the market's borrow totals right after.
 */
function replaySeedBorrows(
  market: MorphoMarketModel,
  each: (
    p: MorphoMarketModel["positions"][number],
    shares: bigint,
    totals: { totalBorrowAssets: bigint; totalBorrowShares: bigint },
  ) => void,
): void {
  let totalBorrowAssets = 0n;
  let totalBorrowShares = 0n;
  for (const p of market.positions) {
    const assets = p.borrowShares;
    const shares = SharesMathLib.toSharesUp(assets, totalBorrowAssets, totalBorrowShares);
    totalBorrowAssets += assets;
    totalBorrowShares += shares;
    each(p, shares, { totalBorrowAssets, totalBorrowShares });
  }
}
