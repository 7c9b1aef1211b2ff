import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test scenario with a Morpho Blue market beside its Aave market (issue 18): USDC lent against WETH at
 * LLTV 0.86 (mainnet's WETH/USDC markets), the AdaptiveCurveIrm, a 10% fee, suppliers at 90% utilisation
 * (the IRM's target), and `count` borrowers between 1.01 and 1.5 of the LLTV.
 *
 * @param options - the borrower count and edits to the raw scenario before validation.
 * @returns a validated scenario.
 */
export function morphoScenario(
  options: {
    count?: number;
    irm?: "adaptive-curve" | "none";
    // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
    patch?: (raw: Record<string, any>) => void;
  } = {},
): Scenario {
  return testScenario((raw) => {
    raw.name = "test-morpho";
    raw.description =
      "The test world with a Morpho Blue WETH/USDC market (LLTV 0.86, AdaptiveCurveIrm) beside Aave.";
    raw.markets.push({
      id: "morpho-weth-usdc",
      kind: "morpho-blue",
      loan: "USDC",
      collateral: "WETH",
      lltv: 0.86,
      fee: 0.1,
      irm: options.irm ?? "adaptive-curve",
      utilization: 0.9,
    });
    raw.borrowers.push({
      market: "morpho-weth-usdc",
      generator: {
        count: options.count ?? 80,
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.01, max: 1.5 },
        collateralUsd: { dist: "lognormal", median: 80_000, sigma: 1 },
      },
    });
    options.patch?.(raw);
  });
}
