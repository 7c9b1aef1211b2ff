import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { testScenario } from "../../src/testing/testScenario.js";
import { runExactOnReplica } from "../helpers/runExactOnReplica.js";

const DEPTH = 0.95;
const cascade = (s: Scenario) =>
  runCascade(buildCascadeState(s), {
    shock: shockMultipliers(s.shock, s.blockTimeSeconds, DEPTH),
    maxBlocks: s.maxBlocks,
    seed: s.seed,
  });

// Issue 16: a bot sends the liquidation that pays it most, a partial one when the full one does not pay.
describe("liquidators size their repay like bots (issue 16)", function () {
  this.timeout(300_000);

  it("default: at −95% the full liquidation of a position would lose money after slippage; the bot repays a share and profits, the same on chain to the wei", async () => {
    const scenario = testScenario();
    const best = cascade(scenario);
    const largest = cascade({ ...scenario, liquidators: { ...scenario.liquidators, sizing: "largest" } });
    // Partial liquidations (the test replica's reserves have cash to spare: none is cash-limited).
    const partial = best.events.filter((e) => e.kind === "liquidationCall" && e.debtToCover !== undefined);
    expect(partial.length).to.be.greaterThan(0);
    const first = partial[0]!;
    expect(BigInt(first.debtAmount)).to.equal(BigInt(first.debtToCover!));
    expect(first.profitUsd).to.be.greaterThan(0);
    // Where only the largest liquidation is ever sent, that position is not liquidated in that block: its
    // full liquidation did not pay.
    const sameBlock = largest.events.filter(
      (e) => e.positionId === first.positionId && e.block === first.block,
    );
    expect(sameBlock).to.deep.equal([]);
    // On chain: the same cascade, every transaction exact, the partial repay among them.
    const { run } = await runExactOnReplica(scenario, DEPTH);
    const onChain = run.model!.events.filter((e) => e.debtToCover !== undefined).map((e) => e.positionId);
    expect(onChain).to.include(first.positionId);
  });
});
