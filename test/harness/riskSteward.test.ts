import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { realisedVolatility } from "../../src/model/cascade/realisedVolatility.js";
import { runModel } from "../../src/model/runModel.js";
import { testScenario } from "../../src/testing/testScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";

/** The test world with (or without) a risk steward cutting Aave's WETH terms toward LTV 70% / LT 75%. */
const world = (steward: boolean, edit: (s: Record<string, unknown>) => void = () => {}) =>
  testScenario((raw) => {
    if (!steward) return;
    const s = {
      market: "aave",
      asset: "WETH",
      levels: [{ realisedVolAbove: 3, ltvBps: 7000, liquidationThresholdBps: 7500 }],
      maxChangeBps: 250,
      minDelaySeconds: 60,
    };
    edit(s);
    raw.riskStewards = [s];
  });

// Issue 18's volatile collateral haircuts: a risk steward that cuts a reserve's LTV and liquidation threshold
// through the PoolConfigurator when realised volatility crosses a level, within a steward's limits (at most
// maxChangeBps an update, one update per minDelaySeconds), in the model and on chain.
describe("risk stewards: collateral haircuts under stress (issue 18)", function () {
  this.timeout(300_000);

  it("default: realised volatility is the annualised root mean square of the window's log returns (by hand)", () => {
    // ln(110/100) = 0.09531, ln(99/110) = −0.10536: √((0.095310² + 0.105361²) / 2 · 4) = 0.200922.
    expect(realisedVolatility([100, 110, 99], 2, 4)).to.be.closeTo(0.200922, 1e-6);
    expect(realisedVolatility([100], 20, 4)).to.equal(0);
  });

  it("behavior: in the crash the steward walks WETH's terms down 250 bps at a time, one update a minute, to its level's LTV 70% / LT 75% and stops there; the liquidators see at once whom each cut makes liquidatable", () => {
    const without = runModel(world(false));
    // The pool's own rule at the end of every block (health factor below 1), to check the liquidators' view.
    const liquidatable = new Map<number, number>();
    const withSteward = runModel(world(true), {
      onLiquidatable: (block, market, indices) => {
        if (market === "aave") liquidatable.set(block, indices.length);
      },
    });
    const changes = withSteward.rounds.flatMap((r) =>
      (r.parameterChanges ?? []).map((c) => ({ ...c, block: r.block })),
    );
    // 8250 → 8000 → 7750 → 7500 (LT), 8000 → 7750 → 7500 → 7250 → 7000 (LTV): four updates.
    expect(changes.map((c) => c.liquidationThresholdBps)).to.deep.equal([8000, 7750, 7500, 7500]);
    expect(changes.map((c) => c.ltvBps)).to.deep.equal([7750, 7500, 7250, 7000]);
    for (const c of changes) expect(c.realisedVol).to.be.greaterThan(3);
    // 60 s apart at 12 s blocks: at least 5 blocks between updates.
    for (let i = 1; i < changes.length; i++)
      expect(changes[i]!.block - changes[i - 1]!.block).to.be.at.least(5);
    // The first cut (block 1) brings liquidations forward from block 4, where the crash alone starts them.
    expect(without.rounds.find((r) => r.liquidations > 0)!.block).to.equal(4);
    expect(withSteward.rounds.find((r) => r.liquidations > 0)!.block).to.equal(changes[0]!.block);
    // Every block that ends with positions the pool holds liquidatable has them in the liquidators' backlog:
    // none is missed because the liquidators' keys still carried the thresholds from before a cut.
    for (const r of withSteward.rounds)
      if ((liquidatable.get(r.block) ?? 0) > 0) expect(r.backlog, `block ${r.block}`).to.be.greaterThan(0);
  });

  it("behavior: on chain each update is the PoolConfigurator's configureReserveAsCollateral as the pool admin, its CollateralConfigurationChanged equal to the model's terms; every transaction exact and the scan (every borrower re-read after an update) agreeing in every block", async () => {
    const report = await runScenarioOnChain(world(true), { backend: "anvil" });
    expectExactRun(report);
    const updates = report.model!.rounds.flatMap((r) => r.parameterChanges ?? []);
    expect(updates.length).to.equal(4);
  });

  it("error: a steward names an Aave market and one of its reserves, and levels the configurator accepts", () => {
    expect(() => world(true, (s) => (s.market = "compound-usdc"))).to.throw(
      ScenarioValidationError,
      /riskStewards\[0\]\.market/,
    );
    expect(() => world(true, (s) => (s.asset = "DAI"))).to.throw(
      ScenarioValidationError,
      /riskStewards\[0\]\.asset/,
    );
    expect(() =>
      world(true, (s) => (s.levels = [{ realisedVolAbove: 1, ltvBps: 9000, liquidationThresholdBps: 9600 }])),
    ).to.throw(
      ScenarioValidationError,
      /riskStewards\[0\]\.levels\[0\]\.liquidationThresholdBps: expected at most 9523/,
    );
    expect(() =>
      world(true, (s) => (s.levels = [{ realisedVolAbove: 1, ltvBps: 8000, liquidationThresholdBps: 7000 }])),
    ).to.throw(ScenarioValidationError, /ltvBps must not exceed liquidationThresholdBps/);
  });
});
