import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../chain/loadArtifact.js";
import { parseScenario } from "../model/scenario/parseScenario.js";
import type { Scenario } from "../model/scenario/schema.js";
import { withoutPeggedAssets } from "./withoutPeggedAssets.js";

/**
 * The default scenario made small for tests, in Aave's easy corner (no interest, no utilisation target):
 * 40 generated Aave borrowers, plus explicit probe positions
 * for liquidation tests (10 WETH against 24,000 USDC, HF 1.03 at $3,000; a second pair of reserves on both
 * sides; 10 WETH against 19,500 USDC for the dust rule; on Comet, 1 WETH against 1,700 USDC), with an
 * optional patch of the raw JSON.
 *
 * @param patch - edits to the raw scenario before validation.
 * @returns a validated scenario.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
export function testScenario(patch: (raw: Record<string, any>) => void = () => {}): Scenario {
  const raw = JSON.parse(readFileSync(join(PROJECT_ROOT, "scenarios", "eth-crash-40pct-15m.json"), "utf8"));
  raw.name = "test-replica";
  raw.description =
    "The default crash made small for tests: WETH and USDC only, 40 generated Aave borrowers and probe positions, Comet probes.";
  // The two-asset world the hand-computed expectations were made in (lstScenario puts wstETH back).
  withoutPeggedAssets(raw);
  // The easy corner, where the hand-computed expectations hold: no history, no rates, the book's own
  // reserves (mainnetLikeScenario puts them back).
  for (const m of raw.markets) {
    if (m.kind === "compound-v3") {
      delete m.historyDays;
      delete m.interestRates;
      delete m.utilization;
    }
    if (m.kind === "aave-v3") {
      delete m.historyDays;
      for (const r of m.reserves) {
        delete r.interestRates;
        delete r.utilization;
        delete r.supplyUsd;
      }
    }
  }
  raw.borrowers = [
    {
      market: "aave",
      generator: {
        count: 40,
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.02, max: 2 },
        collateralUsd: { dist: "lognormal", median: 60000, sigma: 1 },
      },
    },
    {
      market: "aave",
      positions: [
        { id: "probe-weth", collateral: { WETH: 10 }, debt: { USDC: 24000 } },
        { id: "probe-usdc", collateral: { USDC: 50000 }, debt: { WETH: 12 } },
        { id: "probe-both", collateral: { WETH: 5, USDC: 10000 }, debt: { USDC: 16000 } },
        // Issue 14, defect 3: 10 WETH against 19,500 USDC (HF 0.846 at $2,000), for the dust rule with the fee.
        { id: "probe-dust", collateral: { WETH: 10 }, debt: { USDC: 19500 } },
      ],
    },
    {
      market: "compound-usdc",
      // Issue 15's hand example: 1 WETH against 1,700 USDC; liquidatable below $1,888.89 (0.9 · P < 1,700).
      positions: [{ id: "comet-probe", collateral: { WETH: 1 }, debt: { USDC: 1700 } }],
    },
    {
      market: "compound-usdc",
      generator: {
        count: 5,
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "fixed", value: 1.5 },
        collateralUsd: { dist: "fixed", value: 10000 },
      },
    },
  ];
  patch(raw);
  return parseScenario(raw, "test scenario");
}
