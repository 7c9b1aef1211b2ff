import { expect } from "chai";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";
import { skipWithoutComet } from "../helpers/skipWithoutComet.js";

// Issue 15's cWETHv3 on the replica: Comet's own ConstantPriceFeed for WETH and ReverseMultiplicativePriceFeed
// for wstETH (over our settable USD feeds), 60 wstETH loops, the LST world's crash (src/testing/lstScenario.ts).

describe("cWETHv3 (Comet priced in WETH, wstETH collateral) on chain (issue 15)", function () {
  this.timeout(240_000);
  before(async function () {
    await skipWithoutComet(this);
  });

  it("behavior: under the market oracle the depeg absorbs the loops on chain, and a storefront buy sells its wstETH on the wstETH/WETH pool for the flash-borrowed WETH; every transaction exact, Comet's own isLiquidatable agreeing with the model in every block", async () => {
    const report = await runScenarioOnChain(lstScenario({ oracle: "market", cometWeth: true }), {
      backend: "anvil",
    });
    expectExactRun(report);
    const comet = report.model!.events.filter((e) => e.market === "compound-weth");
    expect(comet.filter((e) => e.kind === "absorb").length).to.be.greaterThan(30);
    const buys = comet.filter((e) => e.kind === "buyCollateral");
    expect(buys.length).to.be.greaterThan(0);
    // Paid in the base: what the sale fetched (WETH) covers the WETH spent, the flash loan repaid.
    for (const b of buys) expect(BigInt(b.saleProceeds) >= BigInt(b.debtAmount)).to.equal(true);
    const chainLoss = report.chain!.totals.badDebtByProtocol["compound-weth"]!;
    const modelLoss = report.model!.totals.badDebtByProtocol["compound-weth"]!;
    expect(chainLoss.source).to.equal("chain");
    expect(chainLoss.totalUsd).to.be.closeTo(modelLoss.totalUsd, 1e-6 * modelLoss.totalUsd + 1e-6);
  });

  it("behavior: under the exchange-rate oracle the crash leaves cWETHv3 untouched on chain too (its wstETH reads the rate in WETH whatever ETH does), every transaction exact", async () => {
    const report = await runScenarioOnChain(lstScenario({ oracle: "exchange-rate", cometWeth: true }), {
      backend: "anvil",
    });
    expectExactRun(report);
    expect(report.model!.events.filter((e) => e.market === "compound-weth")).to.have.length(0);
    // The scan read Comet's accounts and agreed: nothing liquidatable there, in any block.
    expect(report.chain!.scanCheck.blocks).to.be.greaterThan(0);
  });
});
