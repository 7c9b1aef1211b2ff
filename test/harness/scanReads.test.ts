import { expect } from "chai";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { mayCrossHealthLine } from "../../src/model/markets/healthMoveBound.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { testScenario } from "../../src/testing/testScenario.js";

// Issue 20: a per-block scan that costs what changed, proven to flag what the full scan flags.
describe("the per-block scan reads what can have changed (issue 20)", function () {
  this.timeout(300_000);

  it("the bound: a health of 1.2 survives a 10% fall of its collateral; 1.05 does not; interest on the debt counts", () => {
    expect(mayCrossHealthLine({ health: 1.2, collateralMoves: [0.9], debtMoves: [1] })).to.equal(false);
    expect(mayCrossHealthLine({ health: 1.05, collateralMoves: [0.9], debtMoves: [1] })).to.equal(true);
    // Liquidatable at 0.9: a 10% rise brings it to 0.99, still below; 12% would not.
    expect(mayCrossHealthLine({ health: 0.9, collateralMoves: [1.1], debtMoves: [1] })).to.equal(false);
    expect(mayCrossHealthLine({ health: 0.9, collateralMoves: [1.12], debtMoves: [1] })).to.equal(true);
    // Two collaterals: the one that fell most decides the lower end (1.087 × 0.92 = 1.00004); a 0.01%
    // growth of the debt takes it below 1.
    expect(mayCrossHealthLine({ health: 1.087, collateralMoves: [1.2, 0.92], debtMoves: [1] })).to.equal(
      false,
    );
    expect(mayCrossHealthLine({ health: 1.087, collateralMoves: [1.2, 0.92], debtMoves: [1.0001] })).to.equal(
      true,
    );
    // No debt: never liquidatable; a price read as 0 proves nothing.
    expect(
      mayCrossHealthLine({ health: Number.POSITIVE_INFINITY, collateralMoves: [0.5], debtMoves: [] }),
    ).to.equal(false);
    expect(mayCrossHealthLine({ health: 2, collateralMoves: [0], debtMoves: [1] })).to.equal(true);
  });

  it("default at −60%: block by block, the scan that reads what changed flags exactly the positions the full scan flags, with the same losses, reading a fraction of them", async () => {
    const scenario = testScenario();
    const { session } = await useReplica("anvil");
    const run = (scanReads: "all" | "changed") =>
      runVariantOnChain(session, scenario, {
        shockDepth: 0.6,
        skipSsf: true,
        scan: "every-block",
        scanReads,
      });
    const all = await run("all");
    const changed = await run("changed");
    for (const r of [all, changed]) {
      expect(r.error ?? null).to.equal(null);
      expect(r.chain!.actions.mismatched).to.equal(0);
    }
    const scans = (r: typeof all) => r.chain!.rounds.map((x) => ({ block: x.block, scan: x.scan }));
    expect(scans(changed)).to.deep.equal(scans(all));
    const a = all.chain!.scanCheck;
    const c = changed.chain!.scanCheck;
    expect(c.agreed).to.equal(c.blocks).and.to.equal(a.agreed);
    expect(c.blocks).to.be.greaterThan(10);
    // Liquidations happened, so positions were re-read; far fewer than every position every block.
    expect(changed.chain!.totals.liquidations).to.be.greaterThan(20);
    expect(c.positionsRead!).to.be.lessThan(a.positionsRead! / 4);
  });
});
