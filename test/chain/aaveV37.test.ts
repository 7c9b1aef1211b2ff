import { expect } from "chai";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { detectAaveProfile } from "../../src/protocols/aave/detectAaveProfile.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { expectExactRun } from "../helpers/expectExactRun.js";
import { skipWithoutAaveV37 } from "../helpers/skipWithoutAaveV37.js";

// Aave v3.7 (issue 14): aave-v3-origin at its v3.7.0 merge, from the pinned git source, as a profile.
describe("Aave v3.7 from its pinned git source (issue 14)", function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutAaveV37(this);
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
    expectExactRun(report);
    expect(report.chain!.totals.liquidations).to.be.greaterThan(10);
  });
});
