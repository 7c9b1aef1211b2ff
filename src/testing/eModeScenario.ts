import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test scenario with its generated Aave borrowers in an e-mode category (issue 14). The test world has
 * WETH and USDC only, so the category is a synthetic WETH-collateral, USDC-borrowable one at LTV 88%,
 * LT 90%, bonus 3% (against the reserves' 82.5% and 5%); a −30% crash in 5 minutes.
 *
 * @param patch - edits to the raw scenario before validation.
 * @returns a validated scenario.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
export function eModeScenario(patch: (raw: Record<string, any>) => void = () => {}): Scenario {
  return testScenario((raw) => {
    raw.name = "test-e-mode";
    const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
    aave.profile = "v3.6";
    aave.eModeCategories = [
      {
        id: 1,
        label: "test ETH-USD",
        ltvBps: 8800,
        liquidationThresholdBps: 9000,
        liquidationBonusBps: 10300,
        collateral: ["WETH"],
        borrowable: ["USDC"],
      },
    ];
    const generated = raw.borrowers.find(
      (b: { generator?: unknown; market: string }) => b.generator && b.market === "aave",
    );
    generated.generator.eMode = 1;
    generated.generator.healthFactor = { dist: "uniform", min: 1.02, max: 1.5 };
    raw.shock = { kind: "generator", dropPct: 30, durationSeconds: 300, shape: "linear" };
    raw.maxBlocks = 120;
    patch(raw);
  });
}
