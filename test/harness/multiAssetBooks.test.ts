import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { PROJECT_ROOT } from "../../src/chain/loadArtifact.js";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";

// Issue 14: generated books with several collaterals and debts per account. 70% of each position's
// collateral value in WETH and 30% in USDC; 80% of its debt in USDC and 20% in WETH (a partial loop).
const mixed = (crash = true) =>
  testScenario((raw) => {
    raw.name = "test-multi-asset";
    const aave = raw.borrowers.find(
      (b: { generator?: unknown; market: string }) => b.generator && b.market === "aave",
    );
    aave.generator.collateral = { WETH: 0.7, USDC: 0.3 };
    aave.generator.debt = { USDC: 0.8, WETH: 0.2 };
    aave.generator.healthFactor = { dist: "uniform", min: 1.05, max: 1.6 };
    if (crash) raw.shock = { kind: "generator", dropPct: 35, durationSeconds: 300, shape: "linear" };
    raw.maxBlocks = 120;
  });

describe("generated multi-asset Aave books (issue 14)", function () {
  this.timeout(240_000);

  it("default: each generated position holds both collaterals and both debts in the mix's value shares, at the drawn health factor", () => {
    const state = buildCascadeState(mixed());
    const market = state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const generated = market.positions.filter((p) => /^aave-\d+$/.test(p.id));
    expect(generated.length).to.equal(40);
    const prices = [3000, 1];
    const w = market.reserves.findIndex((r) => r.symbol === "WETH");
    const u = 1 - w;
    const pricesE8 = market.reserves.map((r) => BigInt(prices[r.symbol === "WETH" ? 0 : 1]! * 1e8));
    for (const p of generated) {
      const usd = (i: number, side: bigint[]) =>
        (Number(side[i]) / 10 ** market.reserves[i]!.decimals) * prices[i === w ? 0 : 1]!;
      const collateral = usd(w, p.scaledCollateral) + usd(u, p.scaledCollateral);
      const debt = usd(w, p.scaledDebt) + usd(u, p.scaledDebt);
      expect(usd(w, p.scaledCollateral) / collateral).to.be.closeTo(0.7, 1e-6);
      expect(usd(u, p.scaledDebt) / debt).to.be.closeTo(0.8, 1e-6);
      expect(p.usingAsCollateral[w] && p.usingAsCollateral[u]).to.equal(true);
      // HF by hand: (0.7 · 82.5% + 0.3 · 78%) · collateral / debt, inside the drawn range [1.05, 1.6].
      const hand = ((0.7 * 0.825 + 0.3 * 0.78) * collateral) / debt;
      const hf =
        Number(calculateUserAccountData(market.reserves, p, pricesE8, market.profile).healthFactor) / 1e18;
      expect(hf).to.be.closeTo(hand, 1e-6);
      expect(hf).to.be.within(1.05 - 1e-6, 1.6 + 1e-6);
    }
  });

  it("behavior: the crash on a multi-asset book runs on chain with every transaction exact and the per-block scan agreeing", async () => {
    const report = await runScenarioOnChain(mixed(), { backend: "anvil" });
    expectExactRun(report);
    expect(report.chain!.totals.liquidations).to.be.greaterThan(10);
    expect(report.chain!.scanCheck.mode).to.equal("every-block");
  });

  it("behavior: the shipped multi-asset crash (on v3.6 here) liquidates USDC collateral for WETH debt too, the USDC spent on the pool for the WETH owed, every transaction exact", async () => {
    const raw = JSON.parse(
      readFileSync(join(PROJECT_ROOT, "scenarios", "eth-crash-aave-v3.7-multi-asset.json"), "utf8"),
    );
    raw.markets.find((m: { id: string }) => m.id === "aave").profile = "v3.6";
    raw.thresholds = { ssf: false };
    const report = await runScenarioOnChain(parseScenario(raw), { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    const pairs = new Set(report.model!.events.map((e) => `${e.collateral}/${e.debt}`));
    // Before the fix the model sold nothing here (it took USDC at par) while our liquidator swapped it.
    expect(pairs.has("USDC/WETH")).to.equal(true);
    const cmp = report.comparison!;
    expect(cmp.actions.mismatched).to.equal(0);
    expect(cmp.actions.exact).to.equal(cmp.actions.executed);
    expect(cmp.maxPriceDiffBps).to.equal(0);
  });

  it("error: a generator lending an asset against only itself is refused, naming the field", () => {
    expect(() =>
      parseScenario({
        ...JSON.parse(JSON.stringify(mixed(false))),
        borrowers: [
          {
            market: "aave",
            generator: {
              count: 1,
              collateral: { WETH: 1 },
              debt: "WETH",
              healthFactor: { dist: "fixed", value: 1.5 },
              collateralUsd: { dist: "fixed", value: 1000 },
            },
          },
        ],
      }),
    ).to.throw(ScenarioValidationError, /borrowers\[0\]\.generator\.debt/);
  });
});
