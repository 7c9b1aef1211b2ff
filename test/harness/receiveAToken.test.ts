import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { runModel } from "../../src/model/runModel.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";

// Issue 14: liquidators that take aTokens when the collateral reserve's cash cannot pay the seizure out
// (liquidationCall with receiveAToken = true, repaid from their own inventory), in the mainnet-like world
// whose WETH reserve runs dry mid-crash.
const takingATokens = () => {
  const s = mainnetLikeScenario();
  s.liquidators.whenCashShort = "receive-atoken";
  s.thresholds.ssf = false;
  return s;
};

describe("liquidators taking aTokens when a reserve is short (issue 14)", function () {
  this.timeout(240_000);

  it("behavior: where repay-less shrinks the repayment to the WETH reserve's cash, a liquidator taking aTokens repays in full and nothing more leaves the reserve", () => {
    const scenario = takingATokens();
    const cashWeth = (
      buildCascadeState(scenario).markets.find((m) => m.id === "aave") as AaveMarketModel
    ).reserves.find((r) => r.symbol === "WETH")!.cash!;
    const r = runModel(scenario);
    const taken = r.events.filter((e) => e.receiveAToken);
    expect(taken.length).to.be.greaterThan(0);
    // No sale: the collateral stays as aTokens; the underlying paid out in WETH stays within the cash.
    for (const e of taken) expect(e.saleProceeds).to.equal("0");
    const paidOut = r.events
      .filter((e) => e.kind === "liquidationCall" && e.collateral === "WETH" && !e.receiveAToken)
      .reduce((s, e) => s + BigInt(e.collateralAmount), 0n);
    expect(paidOut <= cashWeth).to.equal(true);
    // Against repay-less, more debt is repaid: the aToken takers are not limited by the cash.
    const repayLess = runModel({
      ...scenario,
      liquidators: { ...scenario.liquidators, whenCashShort: "repay-less" },
    });
    const repaid = (x: typeof r) => x.totals.valueLiquidatedUsd;
    expect(repaid(r)).to.be.greaterThan(repaid(repayLess));
  });

  it("behavior: on chain the aToken liquidations (receiveAToken, repaid from the bot's inventory) are exact, as is everything else", async () => {
    const report = await runScenarioOnChain(takingATokens(), { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    expect(report.model!.events.filter((e) => e.receiveAToken).length).to.be.greaterThan(0);
    const cmp = report.comparison!;
    expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches?.slice(0, 2))).to.equal(0);
    expect(cmp.actions.exact).to.equal(cmp.actions.executed);
    expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
  });

  it("error: taking aTokens is refused with competing bots, naming the field", () => {
    const raw = JSON.parse(JSON.stringify(takingATokens()));
    raw.liquidators.bots = [{ id: "bot-a", priorityFeeGwei: 1 }];
    expect(() => parseScenario(raw)).to.throw(ScenarioValidationError, /liquidators\.whenCashShort/);
  });
});
