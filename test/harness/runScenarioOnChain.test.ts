import { readFileSync } from "node:fs";
import { expect } from "chai";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";

// A small crash: 40 Aave borrowers plus probes, −35% in 5 minutes, 120 blocks at most.
const crash = () =>
  testScenario((raw) => {
    raw.name = "test-crash";
    raw.shock = { kind: "generator", dropPct: 35, durationSeconds: 300, shape: "linear" };
    raw.maxBlocks = 120;
  });

describe("runScenarioOnChain", function () {
  this.timeout(240_000);

  for (const backend of ["anvil", "edr"] as const) {
    it(`default (${backend}): the cascade starts, propagates and stops; every transaction matches the model to the wei`, async () => {
      const report = await runScenarioOnChain(crash(), { backend });
      expect(report.error).to.equal(undefined);
      const chain = report.chain!;
      const cmp = report.comparison!;
      expect(chain.totals.liquidations).to.be.greaterThan(0);
      expect(chain.rounds.some((r) => r.transactions.some((t) => t.kind === "swap:hedge"))).to.equal(true);
      expect(chain.rounds.some((r) => r.transactions.some((t) => t.kind === "oracle"))).to.equal(true);
      expect(cmp.actions.mismatched).to.equal(0);
      expect(cmp.actions.exact).to.equal(cmp.actions.executed);
      expect(cmp.maxPriceDiffBps).to.equal(0);
      // It stopped at a fixed point: what the chain still shows as liquidatable is exactly the model's
      // last backlog (positions whose liquidation no longer pays: the sale would not repay the debt).
      expect(report.model!.stopReason).to.equal("fixed-point");
      expect(chain.totals.liquidatableLeft).to.equal(report.model!.rounds.at(-1)!.backlog);
      // Propagation: the price ends below the shock's own −35% (liquidation and hedge selling pushed it further).
      expect(chain.totals.finalPrice).to.be.lessThan(chain.totals.startPrice * 0.65);
      // Bad debt measured from the chain's balances equals the model's.
      expect(chain.totals.badDebtByProtocol.aave!.source).to.equal("chain");
      expect(chain.totals.badDebtByProtocol.aave!.totalUsd).to.be.closeTo(
        report.model!.totals.badDebtByProtocol.aave!.totalUsd,
        1e-6,
      );
      // LAC measured on the real pools equals the model's marginal figure.
      for (const [id, l] of Object.entries(cmp.lac)) {
        expect(l.at5.chain, id).to.be.closeTo(l.at5.model, 1e-9);
        expect(l.at10.chain, id).to.be.closeTo(l.at10.model, 1e-9);
      }
    });
  }

  it("behavior: the quiet control liquidates nothing on chain", async () => {
    const quiet = parseScenario(JSON.parse(readFileSync("scenarios/quiet-market-control.json", "utf8")));
    const report = await runScenarioOnChain(quiet, { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    expect(report.chain!.totals.liquidations).to.equal(0);
    expect(report.chain!.totals.liquidatableLeft).to.equal(0);
    expect(report.comparison!.actions.mismatched).to.equal(0);
  });

  it("behavior: a second run with the same seed gives the same report, transaction hashes included", async () => {
    const a = await runScenarioOnChain(crash(), { backend: "anvil" });
    const b = await runScenarioOnChain(crash(), { backend: "anvil" });
    expect(a.chain!.rounds.length).to.be.greaterThan(0);
    expect(JSON.stringify(b.chain!.rounds)).to.equal(JSON.stringify(a.chain!.rounds));
    expect(JSON.stringify(b.chain!.totals)).to.equal(JSON.stringify(a.chain!.totals));
  });

  it("error: a run that cannot deploy still returns a report that says where it stopped", async () => {
    const v2 = testScenario((raw) => {
      // A pair's fee is fixed at 30 bps in its bytecode: 25 cannot be deployed.
      raw.pools.push({ id: "v2-pool", kind: "uniswap-v2", reserveUsd: 1_000_000, feeBps: 25 });
    });
    const report = await runScenarioOnChain(v2, { backend: "anvil" });
    expect(report.error?.phase).to.equal("deploy and seed");
    expect(report.error?.message).to.match(/v2-pool has feeBps 25.*Uniswap V2 pair charges 30 bps/);
    expect(report.timings.chainStartMs).to.be.a("number");
  });
});
