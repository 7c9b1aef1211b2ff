import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import type { CascadeAction } from "../../src/model/cascade/types.js";
import { type ModelReport, runModel } from "../../src/model/runModel.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";
import { onExactRun } from "../helpers/onExactRun.js";

/** The shipped safety-module scenario with its token's beta set. */
const withBeta = async (beta: number): Promise<Scenario> => {
  const s = structuredClone(await loadScenario("scenarios/safety-module-token.json"));
  s.safetyModules[0]!.beta = beta;
  return s;
};
const aave = (r: ModelReport) => r.totals.badDebtByProtocol.aave!;

// Issue 18's incentive-layer collapse: a backstop that is a governance token, worth its own pool's price
// when the loss lands.
describe("a governance-token safety module (issue 18)", function () {
  this.timeout(300_000);

  it("behavior: the same crash and the same loss; with the token independent of the crash (beta 0) the module's sales cover Aave's write-offs, with the token falling with ETH (beta 1) its 12,000 slashable AAVE, $1.8M at the start, fetch a fraction of that and Aave's loss exceeds its backstop", async () => {
    const calm = runModel(await withBeta(0), { skipSsf: true });
    const falling = runModel(await withBeta(1), { skipSsf: true });
    // The module changes who pays, not what happens to Aave.
    expect(falling.totals.liquidations).to.equal(calm.totals.liquidations);
    expect(aave(falling).totalUsd).to.equal(aave(calm).totalUsd);
    const loss = aave(calm).totalUsd;
    // The slashable stake at its mark covers the loss: 12,000 × $150.
    const c = calm.safetyModules![0]!;
    expect(c.slashableAtStartUsd).to.be.closeTo(12_000 * 150, 1e-3);
    expect(c.slashableAtStartUsd).to.be.greaterThan(loss);
    // beta 0: each block it sells the gap at the spot price, so its proceeds approach the write-offs from
    // below, within a dollar; the rest of the stake still has a value; the fund (no dollars here) holds.
    expect(c.proceedsUsd).to.be.at.most(loss + 1e-3);
    expect(c.proceedsUsd).to.be.closeTo(loss, 1);
    expect(c.endValueUsd).to.be.greaterThan(0);
    expect(aave(calm).insuranceFundUsd).to.be.closeTo(c.proceedsUsd + c.endValueUsd, 1e-6);
    expect(aave(calm).exceedsInsuranceFund).to.equal(false);
    // beta 1: the whole slashable stake is sold and fetches less than a third of the loss; AAVE ends below
    // a tenth of its start.
    const f = falling.safetyModules![0]!;
    expect(f.sold).to.equal(String(12_000n * 10n ** 18n));
    expect(f.endValueUsd).to.equal(0);
    expect(f.valueUsd).to.be.lessThan(loss / 3);
    expect(f.priceEnd).to.be.lessThan(15);
    expect(aave(falling).insuranceFundUsd).to.be.closeTo(f.valueUsd, 1e-6);
    expect(aave(falling).exceedsInsuranceFund).to.equal(true);
  });

  it("behavior: the module's proceeds are its sales' own swaps: the quote each backstop-sale swap took out of the AAVE/USDC pool adds up to what it raised, and it never sells more than the slashable stake", async () => {
    const scenario = await withBeta(1);
    const state = buildCascadeState(scenario);
    const actions: CascadeAction[] = [];
    const result = runCascade(state, {
      shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds),
      maxBlocks: scenario.maxBlocks,
      seed: scenario.seed,
      onAction: (a) => actions.push(a),
    });
    const pool = state.pools.find((p) => p.id === "aave-usdc-30")!;
    const sales = actions.filter((a) => a.kind === "swap" && a.purpose === "backstop-sale") as Extract<
      CascadeAction,
      { kind: "swap" }
    >[];
    const quoteOut = sales.reduce(
      (s, a) => s - (pool.underlyingIsToken0 ? a.expected.amount1 : a.expected.amount0),
      0n,
    );
    const baseIn = sales.reduce(
      (s, a) => s + (pool.underlyingIsToken0 ? a.expected.amount0 : a.expected.amount1),
      0n,
    );
    const m = result.safetyModules![0]!;
    expect(sales.length).to.equal(m.sales);
    expect(Number(quoteOut) / 1e6).to.be.closeTo(m.proceedsUsd, 1e-6);
    expect(String(baseIn)).to.equal(m.sold);
    expect(baseIn <= 12_000n * 10n ** 18n).to.equal(true);
    // The token follows the crash: every block the reference moved, its pool moved the same way.
    expect(actions.some((a) => a.kind === "swap" && a.purpose === "backstop-market")).to.equal(true);
  });

  it("behavior: on chain every transaction is exact, the module's swaps included; the fund the chain measures (its sales' Swap events plus what the rest would fetch on the chain's pool) equals the model's, block by block and at the end, and Aave's loss exceeds it there too", async () => {
    const scenario = await withBeta(1);
    await onExactRun(scenario, async ({ run }) => {
      // The fund left after each block's write-offs: the chain's (dollars plus its sales) against the model's.
      // (to a tenth of a cent: both sides add float USD losses).
      expect(run.chain!.scanCheck.maxInsuranceGapUsd).to.be.lessThan(1e-3);
      const onChain = run.chain!.totals.badDebtByProtocol.aave!;
      expect(onChain.source).to.equal("chain");
      expect(onChain.insuranceFundUsd).to.be.closeTo(run.model!.safetyModules![0]!.valueUsd, 1e-6);
      expect(onChain.exceedsInsuranceFund).to.equal(true);
      const kinds = run.chain!.rounds.flatMap((r) => r.transactions.map((t) => t.kind));
      expect(kinds.filter((k) => k === "swap:backstop-sale").length).to.equal(
        run.model!.safetyModules![0]!.sales,
      );
    });
  });

  it("error: a module on an unknown market, with the quote as its token, or on a pool of another pair is refused naming the field", async () => {
    const { parseScenario } = await import("../../src/model/scenario/parseScenario.js");
    const { readFileSync } = await import("node:fs");
    const refusal = (edit: (s: { safetyModules: Record<string, unknown>[] }) => void) => {
      const s = JSON.parse(readFileSync("scenarios/safety-module-token.json", "utf8"));
      edit(s);
      try {
        parseScenario(s, "module");
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal((s) => (s.safetyModules[0]!.market = "nowhere"))).to.match(/safetyModules\[0\]\.market/);
    expect(refusal((s) => (s.safetyModules[0]!.token = "USDC"))).to.match(/safetyModules\[0\]\.token/);
    expect(refusal((s) => (s.safetyModules[0]!.pool = "weth-usdc-5"))).to.match(/safetyModules\[0\]\.pool/);
  });
});
