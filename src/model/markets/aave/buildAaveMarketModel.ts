import type { AaveMarketModel } from "../../cascade/types.js";
import { RAY } from "../../lending/aave/WadRayMath.js";
import { toUnits } from "../../math/toUnits.js";
import type { Scenario } from "../../scenario/schema.js";
import type { MarketModelBuilder } from "../types.js";
import { replicaDepositorSupply } from "./replicaDepositorSupply.js";

type AaveSpec = Extract<Scenario["markets"][number], { kind: "aave-v3" }>;

/**
 * An Aave market model from its scenario section, before borrowers: reserves with their configuration in
 * bps and indices at 1 RAY.
 *
 * @param spec - the scenario's market.
 * @param decimalsOf - an asset's decimals.
 * @returns the market with no positions.
 */
export function buildAaveMarketModel(
  spec: AaveSpec,
  decimalsOf: (symbol: string) => number,
): AaveMarketModel {
  return {
    id: spec.id,
    kind: "aave-v3",
    profile: spec.profile,
    reserves: spec.reserves.map((r) => ({
      symbol: r.asset,
      decimals: decimalsOf(r.asset),
      ltvBps: BigInt(r.ltvBps),
      liquidationThresholdBps: BigInt(r.liquidationThresholdBps),
      liquidationBonusBps: BigInt(r.liquidationBonusBps),
      protocolFeeBps: BigInt(r.protocolFeeBps),
      liquidityIndexRay: RAY,
      variableBorrowIndexRay: RAY,
    })),
    positions: [],
    insuranceFundUsd: spec.insuranceFundUsd,
  };
}

/**
 * Aave's positions from borrower entries (scaled balances at index 1 RAY), its reserves' thresholds, and
 * each reserve's cash as the replica seeds it.
 */
export const aaveMarketBuilder: MarketModelBuilder<AaveMarketModel> = {
  build: (spec, asset) => buildAaveMarketModel(spec, (symbol) => asset(symbol).decimals),
  positions(market) {
    // Positions with the same collateral flags share one frozen array (positions are replaced, never
    // edited in place: executeLiquidationCall copies), which spares a million small arrays.
    const flagArrays = new Map<number, readonly boolean[]>();
    return {
      add(e) {
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
      },
      finish() {
        // The reserves' cash as the replica seeds them (replicaDepositorSupply); a fork reads its own.
        market.reserves.forEach((r, i) => {
          let collateral = 0n;
          let debt = 0n;
          for (const p of market.positions) {
            collateral += p.scaledCollateral[i]!;
            debt += p.scaledDebt[i]!;
          }
          r.cash = replicaDepositorSupply(debt, r.decimals) + collateral - debt;
          r.deficit = 0n;
        });
      },
    };
  },
  liquidationThreshold: (market, collateral) =>
    Number(market.reserves.find((r) => r.symbol === collateral)!.liquidationThresholdBps) / 10_000,
};
