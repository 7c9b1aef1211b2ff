import { expect } from "chai";
import type { VariantRun } from "../../src/harness/runVariantOnChain.js";

/**
 * A chain run that finished with every transaction equal to the model's to the wei and the per-block
 * scan agreeing in every market-block: the check the on-chain cascade tests share.
 *
 * @param report - the run's report (a `dlcm run` report or one variant's run).
 */
export function expectExactRun(report: Pick<VariantRun, "error" | "comparison" | "chain">): void {
  expect(report.error).to.equal(undefined);
  const cmp = report.comparison!;
  expect(cmp.actions.mismatched).to.equal(0);
  expect(cmp.actions.exact).to.equal(cmp.actions.executed);
  const scan = report.chain!.scanCheck;
  expect(scan.disagreements).to.deep.equal([]);
  expect(scan.agreed).to.equal(scan.blocks);
}
