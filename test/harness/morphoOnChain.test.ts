import { expect } from "chai";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { morphoScenario } from "../../src/testing/morphoScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";
import { skipWithoutMorpho } from "../helpers/skipWithoutMorpho.js";

const E6 = 1e6;
const E18 = 1e18;
// By hand: min(1.15, 1 / (1 − 0.3 · (1 − 0.86))) = 1 / 0.958.
const INCENTIVE_086 = 1 / 0.958;

// Issue 18: Morpho Blue in the cascade, on the replica — Morpho from its npm source, mainnet's AdaptiveCurveIrm
// and MorphoChainlinkOracleV2 from their pinned git sources, a WETH/USDC market at LLTV 0.86 beside Aave
// (src/testing/morphoScenario.ts).
describe("Morpho Blue in the cascade on chain (issue 18)", function () {
  this.timeout(300_000);
  before(async function () {
    await skipWithoutMorpho(this);
  });

  it("behavior: the default crash liquidates the Morpho market on chain through liquidate's callback, every transaction exact and the scan (the contract's health check on its stored state) agreeing in every block; each seizure is the repayment times the incentive 1/0.958 at the oracle", async () => {
    const report = await runScenarioOnChain(morphoScenario(), { backend: "anvil" });
    expectExactRun(report);
    expect(report.chain!.modelOnly ?? []).to.deep.equal([]);
    const events = report.model!.events.filter((e) => e.market === "morpho-weth-usdc");
    expect(events.length).to.be.greaterThan(50);
    // Morpho has no close factor: a liquidator repays every share when the collateral covers them with the
    // incentive (no bad debt), so each position is liquidated once.
    expect(new Set(events.map((e) => e.positionId)).size).to.equal(events.length);
    for (const e of events) expect(e.badDebt).to.equal("0");
    const chainLoss = report.chain!.totals.badDebtByProtocol["morpho-weth-usdc"]!;
    expect(chainLoss.source).to.equal("chain");
    expect(chainLoss.totalUsd).to.equal(0);
    // The incentive, from the event's integers and the oracle's price at that block (a float check: the
    // contract rounds each step down, by far less than 1e-6 of these amounts).
    const oracleAt = (block: number) =>
      report.model!.rounds.find((r) => r.block === block)?.oraclePrice ?? Number.NaN;
    let checked = 0;
    for (const e of events.slice(0, 20)) {
      const price = oracleAt(e.block);
      if (!Number.isFinite(price)) continue;
      const seizedUsd = (Number(e.collateralAmount) / E18) * price;
      expect(seizedUsd / (Number(e.debtAmount) / E6)).to.be.closeTo(INCENTIVE_086, 1e-6);
      checked++;
    }
    expect(checked).to.be.greaterThan(0);
  });

  it("behavior: with an oracle that moves only 15% at a time, the jumps put loops past the incentive: liquidations take the last collateral and realise bad debt against the suppliers, the same on chain as in the model", async () => {
    const report = await runScenarioOnChain(
      morphoScenario({
        patch: (raw) => {
          raw.oracles.find((o: { asset: string }) => o.asset === "WETH").policy.deviationBps = 1500;
        },
      }),
      { backend: "anvil" },
    );
    expectExactRun(report);
    const events = report.model!.events.filter((e) => e.market === "morpho-weth-usdc");
    const bad = events.filter((e) => e.badDebt !== "0");
    expect(bad.length).to.be.greaterThan(10);
    // A liquidation that realises bad debt takes all the collateral: its position ends with none.
    const chainLoss = report.chain!.totals.badDebtByProtocol["morpho-weth-usdc"]!;
    const modelLoss = report.model!.totals.badDebtByProtocol["morpho-weth-usdc"]!;
    expect(chainLoss.source).to.equal("chain");
    expect(chainLoss.realizedUsd).to.be.greaterThan(100_000);
    expect(chainLoss.realizedUsd).to.be.closeTo(modelLoss.realizedUsd, 1e-6 * modelLoss.realizedUsd);
  });
});
