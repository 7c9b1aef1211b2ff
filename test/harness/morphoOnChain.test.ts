import { expect } from "chai";
import { createChain } from "../../src/chain/createChain.js";
import { deployReplica } from "../../src/harness/deployReplica.js";
import { readCascadeState } from "../../src/harness/readCascadeState.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { MorphoMarketModel } from "../../src/model/cascade/types.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { morphoScenario } from "../../src/testing/morphoScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";
import { skipWithoutMorpho } from "../helpers/skipWithoutMorpho.js";

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
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

  it("default: 60 days of history at 92% utilisation (above the IRM's 90% target): the replica's market at block 0 — totals, shares, fee shares, last update, the rate at target — equals the model's built one to the wei, off the easy corner", async () => {
    const scenario = morphoScenario({
      count: 30,
      patch: (raw) => {
        const m = raw.markets.find((x: { id: string }) => x.id === "morpho-weth-usdc");
        m.historyDays = 60;
        m.utilization = 0.92;
      },
    });
    const built = buildCascadeState(scenario).markets.find(
      (m) => m.id === "morpho-weth-usdc",
    ) as MorphoMarketModel;
    const chain = await createChain({ backend: "anvil" });
    try {
      const replica = await deployReplica(chain, scenario);
      const read = (await readCascadeState(chain, { book: replica.book, base: replica.state })).markets.find(
        (m) => m.id === "morpho-weth-usdc",
      ) as MorphoMarketModel;
      expect(json(read.market)).to.equal(json(built.market));
      expect(json(read.positions)).to.equal(json(built.positions));
      // Off the easy corner: by hand, err = (0.92 − 0.9) / 0.1 = 0.2, so the rate at target grows at 50 · 0.2 =
      // 10 a year: over 60 days by e^(10 · 60/365) ≈ 5.2, from 4% to about 21% a year; the borrow rate is
      // (1 + 3 · 0.2) times its average, so the debt grows by a few percent.
      const seeded = built.seeded.borrowAssets.reduce((a, b) => a + b, 0n);
      const growth = Number(built.market.totalBorrowAssets) / Number(seeded);
      expect(growth).to.be.within(1.015, 1.05);
      const endRatePerYear = (Number(built.market.rateAtTarget) * 365 * 86_400) / 1e18;
      expect(endRatePerYear).to.be.closeTo(0.04 * Math.exp((10 * 60) / 365), 0.01);
    } finally {
      await chain.stop();
    }
    const report = await runScenarioOnChain(scenario, { backend: "anvil" });
    expectExactRun(report);
    expect(report.model!.events.filter((e) => e.market === "morpho-weth-usdc").length).to.be.greaterThan(10);
  });

  it("behavior: wstETH loops on Morpho (LLTV 0.945) in the LST world: with wstETH's oracle at its pool's market price the depeg liquidates them on chain, each sale of wstETH on its own pool for the WETH repaid; with the exchange-rate oracle (mainnet's design) the crash liquidates none, on chain as in the model", async () => {
    const market = await runScenarioOnChain(lstScenario({ oracle: "market", morphoWsteth: true }), {
      backend: "anvil",
    });
    expectExactRun(market);
    const loops = market.model!.events.filter((e) => e.market === "morpho-wsteth-weth");
    expect(loops.length).to.be.greaterThan(20);
    // Paid in WETH by the wstETH sold on its own pool: what the sale fetched covers the repayment.
    for (const e of loops) expect(BigInt(e.saleProceeds) >= BigInt(e.debtAmount)).to.equal(true);
    expect(market.chain!.totals.badDebtByProtocol["morpho-wsteth-weth"]!.source).to.equal("chain");
    const rate = await runScenarioOnChain(lstScenario({ oracle: "exchange-rate", morphoWsteth: true }), {
      backend: "anvil",
    });
    expectExactRun(rate);
    expect(rate.model!.events.filter((e) => e.market === "morpho-wsteth-weth")).to.have.length(0);
    expect(rate.chain!.totals.badDebtByProtocol["morpho-wsteth-weth"]!.totalUsd).to.equal(0);
  });
});
