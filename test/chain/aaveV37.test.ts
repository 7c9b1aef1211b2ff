import { expect } from "chai";
import { ensureAaveV37Build } from "../../src/build/ensureAaveV37Build.js";
import { ProtocolSourceError } from "../../src/errors/ProtocolSourceError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { detectAaveProfile } from "../../src/protocols/aave/detectAaveProfile.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

// Aave v3.7 (issue 14): aave-v3-origin at its v3.7.0 merge, from the pinned git source, as a profile.
describe("Aave v3.7 from its pinned git source (issue 14)", function () {
  this.timeout(600_000);

  before(async function () {
    try {
      await ensureAaveV37Build();
    } catch (error) {
      if (!(error instanceof ProtocolSourceError)) throw error;
      console.log(`      (skipped: ${error.shortMessage})`);
      this.skip();
    }
  });

  it("behavior: the deployed Pool reports POOL_REVISION 11, which fork mode reads as v3.7", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "campaign-v3.7");
    await reset();
    expect(await detectAaveProfile(chain, { pool: replica.book.aave.aave!.pool })).to.equal("v3.7");
  });

  it("default: the crash in mainnet's corner on v3.7 runs with every transaction exact and the per-block scan agreeing", async () => {
    const scenario = mainnetLikeScenario();
    const aave = scenario.markets.find((m) => m.kind === "aave-v3")!;
    if (aave.kind === "aave-v3") aave.profile = "v3.7";
    const report = await runScenarioOnChain(scenario, { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    const cmp = report.comparison!;
    expect(report.chain!.totals.liquidations).to.be.greaterThan(10);
    expect(cmp.actions.mismatched).to.equal(0);
    expect(cmp.actions.exact).to.equal(cmp.actions.executed);
    const scan = report.chain!.scanCheck;
    expect(scan.disagreements).to.deep.equal([]);
    expect(scan.agreed).to.equal(scan.blocks);
  });
});
