import { expect } from "chai";
import { runOnChain } from "../../src/harness/runOnChain.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import type { CascadeAction } from "../../src/model/cascade/types.js";
import { linearCrash } from "../../src/testing/linearCrash.js";
import { modelScript } from "../../src/testing/modelScript.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { testScenario } from "../../src/testing/testScenario.js";

describe("runOnChain: the liquidators' scan on the chain's side", function () {
  this.timeout(300_000);

  it("default: after every block the pool's own health factors flag exactly the model's liquidatable positions, and the funds left agree", async () => {
    const { session } = await useReplica("anvil");
    // Liquidators with room for one liquidation each a block: positions stay liquidatable from block to block.
    const scenario = testScenario((raw) => {
      raw.shock = linearCrash().shock;
      raw.liquidators.capacityPerBlock = 1;
    });
    const run = await runVariantOnChain(session, scenario, { skipSsf: true });
    const chain = run.chain!;
    expect(chain.actions.mismatched).to.equal(0);
    expect(chain.scanCheck.mode).to.equal("every-block");
    // One comparison per block and market on chain: Aave's and Comet's.
    expect(chain.scanCheck.blocks).to.equal(
      chain.rounds.length *
        (run.chain!.totals.badDebtByProtocol["compound-usdc"]?.source === "chain" ? 2 : 1),
    );
    expect(chain.scanCheck.disagreements).to.deep.equal([]);
    expect(chain.scanCheck.agreed).to.equal(chain.scanCheck.blocks);
    // Positions were liquidatable along the way (the scan had something to find).
    expect(Math.max(...chain.rounds.map((r) => r.scan!.liquidatable))).to.be.greaterThan(0);
    expect(chain.scanCheck.maxInsuranceGapUsd).to.be.lessThan(0.01);
    // The last scan (the pool's getUserAccountData) counts what the final read counts with the model's
    // integer health factor on the chain's balances; and its losses are the final bad debt.
    const last = chain.rounds.at(-1)!.scan!;
    expect(last.liquidatable).to.equal(chain.totals.liquidatableLeft);
    const aave = chain.totals.badDebtByProtocol.aave!;
    expect(last.insuranceLeftUsd.aave).to.be.closeTo(aave.insuranceFundUsd - aave.realizedUsd, 1e-6);
  });

  it("error: a liquidation the model made but the chain did not is reported at its block, naming the position", async () => {
    const fixture = await useReplica("anvil");
    const { replica, chain } = fixture;
    const scenario = linearCrash();
    const { initial, model, actions, liquidatable } = await modelScript(fixture, scenario);
    // A liquidation that left its position healthy in the model: leave it out on chain.
    const dropped = actions.findIndex(
      (a) => a.kind === "liquidationCall" && !liquidatable.get(a.block)![a.market]!.includes(a.positionIndex),
    );
    expect(dropped).to.be.greaterThan(-1);
    const skipped = actions[dropped] as Extract<CascadeAction, { kind: "liquidationCall" }>;
    const run = await runOnChain(chain, {
      book: replica.book,
      initial,
      actions: actions.filter((_, i) => i !== dropped),
      model,
      blockTimeSeconds: scenario.blockTimeSeconds,
      modelLiquidatable: liquidatable,
    });
    expect(run.scanCheck.disagreements[0]).to.deep.include({ block: skipped.block, market: "aave" });
    expect(run.scanCheck.disagreements[0]!.chainOnly).to.include(skipped.positionId);
  });

  it('behavior: scan "final" (sweeps, SSF probes) reads no borrower per block', async () => {
    const { session } = await useReplica("anvil");
    const run = await runVariantOnChain(session, linearCrash(), { skipSsf: true, scan: "final" });
    expect(run.chain!.scanCheck).to.include({ mode: "final", blocks: 0 });
    expect(run.chain!.rounds.every((r) => r.scan === undefined)).to.equal(true);
  });
});
