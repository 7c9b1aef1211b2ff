import type { CompoundMarketModel } from "../../cascade/types.js";
import { BASE_INDEX_SCALE } from "../../lending/compound/CometMath.js";
import type { CometPosition } from "../../lending/compound/types.js";
import { toUnits } from "../../math/toUnits.js";
import type { Scenario } from "../../scenario/schema.js";
import type { MarketModelBuilder } from "../types.js";

type CompoundSpec = Extract<Scenario["markets"][number], { kind: "compound-v3" }>;

/**
 * A Comet market model from its scenario section, before borrowers: base and collaterals with their
 * factors, indices at 1, reserves as its base balance (Comet's reserves are its insurance fund).
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
    insuranceFundUsd: spec.reserves * base.priceUsd,
    positions: [],
    market: {
      baseSymbol: spec.base,
      baseScale: 10n ** BigInt(base.decimals),
      baseSupplyIndex: BASE_INDEX_SCALE,
      baseBorrowIndex: BASE_INDEX_SCALE,
      storeFrontPriceFactor: toUnits(spec.storeFrontPriceFactor, 18),
      targetReserves: toUnits(spec.targetReserves, base.decimals),
      totalSupplyBase: 0n,
      totalBorrowBase: 0n,
      baseBalance: toUnits(spec.reserves, base.decimals),
      assets: spec.collaterals.map((c) => ({
        symbol: c.asset,
        scale: 10n ** BigInt(asset(c.asset).decimals),
        borrowCollateralFactor: toUnits(c.borrowCollateralFactor, 18),
        liquidateCollateralFactor: toUnits(c.liquidateCollateralFactor, 18),
        liquidationFactor: toUnits(c.liquidationFactor, 18),
      })),
      collateralReserves: spec.collaterals.map(() => 0n),
    },
  };
}

/** Comet's accounts from borrower entries (principal = −borrow), suppliers at 80% utilisation. */
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
        // Suppliers at 80% utilisation; their deposits net of borrows sit in Comet beside the reserves.
        const supply = (market.market.totalBorrowBase * 5n) / 4n;
        market.market = {
          ...market.market,
          totalSupplyBase: supply,
          baseBalance: market.market.baseBalance + supply - market.market.totalBorrowBase,
        };
      },
    };
  },
  liquidationThreshold: (market, collateral) =>
    Number(market.market.assets.find((a) => a.symbol === collateral)!.liquidateCollateralFactor) / 1e18,
};
