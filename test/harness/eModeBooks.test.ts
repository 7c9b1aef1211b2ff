import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { eModeScenario } from "../../src/testing/eModeScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";

// Issue 14: the scenario's own borrowers in an e-mode category, through the cascade on chain (the world:
// src/testing/eModeScenario.ts).
const eMode = eModeScenario;

describe("Aave e-mode borrowers in the cascade (issue 14)", function () {
  this.timeout(240_000);

  it("default: generated positions enter the category and sit at the drawn health factor by its 90% threshold", () => {
    const market = buildCascadeState(eMode()).markets.find((m) => m.id === "aave") as AaveMarketModel;
    const generated = market.positions.filter((p) => /^aave-\d+$/.test(p.id));
    expect(generated).to.have.length(40);
    const w = market.reserves.findIndex((r) => r.symbol === "WETH");
    const pricesE8 = market.reserves.map((r) => (r.symbol === "WETH" ? 3000n : 1n) * 10n ** 8n);
    for (const p of generated) {
      expect(p.eModeCategory).to.equal(1);
      // Hand: HF = 0.90 · 3,000 · WETH / USDC debt, in [1.02, 1.5].
      const collateralUsd = (Number(p.scaledCollateral[w]) / 1e18) * 3000;
      const debtUsd = Number(p.scaledDebt[1 - w]) / 1e6;
      const hf =
        Number(
          calculateUserAccountData(market.reserves, p, pricesE8, "v3.6", market.eModeCategories).healthFactor,
        ) / 1e18;
      expect(hf).to.be.closeTo((0.9 * collateralUsd) / debtUsd, 1e-6);
      expect(hf).to.be.within(1.02 - 1e-6, 1.5 + 1e-6);
    }
  });

  it("behavior: the crash on e-mode borrowers runs on chain with every transaction exact, the scan agreeing, and the category's 3% bonus paid", async () => {
    const report = await runScenarioOnChain(eMode(), { backend: "anvil" });
    expectExactRun(report);
    // A generated (e-mode) position's liquidation pays collateral worth 1.03× the debt at the oracle,
    // less the treasury's 10% of the bonus: 1 + 0.03 · 0.9 = 1.027 (the probes out of e-mode get 1.045).
    const events = report.model!.events.filter(
      (e) => e.kind === "liquidationCall" && /^aave-\d+$/.test(e.positionId),
    );
    expect(events.length).to.be.greaterThan(5);
    const oracle = (block: number) => report.model!.rounds.find((r) => r.block === block)!.oraclePrice;
    const ratios = events.map(
      (e) => ((Number(e.collateralAmount) / 1e18) * oracle(e.block)) / (Number(e.debtAmount) / 1e6),
    );
    for (const r of ratios) expect(r).to.be.closeTo(1.027, 2e-3);
  });

  it("error: a position in a category that does not exist, or borrowing what the category does not allow, is refused naming the field", () => {
    expect(() =>
      eMode(
        (raw) =>
          (raw.borrowers.find((b: { generator?: { eMode?: number } }) => b.generator?.eMode).generator.eMode =
            7),
      ),
    ).to.throw(ScenarioValidationError, /generator\.eMode.*eModeCategories ids \(1\)/s);
    expect(() =>
      eMode((raw) => {
        raw.markets.find((m: { id: string }) => m.id === "aave").eModeCategories[0].borrowable = ["WETH"];
      }),
    ).to.throw(ScenarioValidationError, /USDC is borrowable/);
    expect(() =>
      parseScenario({
        ...JSON.parse(JSON.stringify(eMode())),
        markets: JSON.parse(JSON.stringify(eMode())).markets.map((m: { kind: string }) =>
          m.kind === "aave-v3" ? { ...m, profile: "v3.0" } : m,
        ),
      }),
    ).to.throw(
      ScenarioValidationError,
      /eModeCategories: expected each category's collateral and borrowable lists the same.*on v3\.0/s,
    );
  });
});
