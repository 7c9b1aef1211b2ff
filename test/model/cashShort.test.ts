import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { runModel } from "../../src/model/runModel.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";

describe("liquidators when a reserve's cash is short (issue 14)", () => {
  it("behavior: repay-less sizes a liquidation to the WETH reserve's cash, skip does not; neither pays out more WETH than the reserve held", () => {
    const scenario = mainnetLikeScenario();
    const aave = buildCascadeState(scenario).markets.find((m) => m.id === "aave") as AaveMarketModel;
    const cashWeth = aave.reserves.find((r) => r.symbol === "WETH")!.cash!;
    // Seizures paid out in WETH (the fee stays in the pool as the treasury's aTokens); repayments add none.
    const paidOut = (r: ReturnType<typeof runModel>) =>
      r.events
        .filter((e) => e.kind === "liquidationCall" && e.collateral === "WETH")
        .reduce((s, e) => s + BigInt(e.collateralAmount), 0n);

    const repayLess = runModel(scenario);
    const sized = repayLess.events.filter((e) => e.debtToCover !== undefined);
    expect(sized.length).to.be.greaterThan(0);
    for (const e of sized) expect(BigInt(e.debtAmount) <= BigInt(e.debtToCover!)).to.equal(true);
    expect(paidOut(repayLess) <= cashWeth).to.equal(true);
    // The sized liquidation took the reserve to within a liquidation's rounding of empty.
    expect(Number(cashWeth - paidOut(repayLess)) / 1e18).to.be.lessThan(0.01);

    const skipping = mainnetLikeScenario();
    skipping.liquidators.whenCashShort = "skip";
    const skip = runModel(skipping);
    expect(skip.events.filter((e) => e.debtToCover !== undefined)).to.deep.equal([]);
    expect(paidOut(skip) <= cashWeth).to.equal(true);
    expect(paidOut(skip) < paidOut(repayLess)).to.equal(true);
  });
});
