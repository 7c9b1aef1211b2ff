import { readFileSync } from "node:fs";
import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel, CascadeAction } from "../../src/model/cascade/types.js";
import { MAX_UINT256 } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { runModel } from "../../src/model/runModel.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";

// Issue 14: liquidators that take aTokens when the collateral reserve's cash cannot pay the seizure out
// (liquidationCall with receiveAToken = true, repaid from their own inventory), in the mainnet-like world
// whose WETH reserve runs dry mid-crash.
const takingATokens = (profile: "v3.6" | "v3.0" = "v3.6") => {
  const s = mainnetLikeScenario(profile);
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
    // The unwinds ran on chain (Pool.withdraw and the sale, each exact above), and the liquidator
    // contract's aTokens at the end are the model's to the scaled unit.
    const kinds = report.chain!.rounds.flatMap((r) => r.transactions.map((t) => t.kind));
    expect(kinds).to.include("unwindATokens");
    const modelHeld = report.model!.heldATokens!.map((h) => ({
      market: h.market,
      asset: h.asset,
      scaled: h.heldScaled,
    }));
    expect(report.chain!.heldATokens).to.deep.equal(modelHeld.filter((h) => h.scaled !== "0"));
  });

  it("behavior: the aTokens taken are unwound as the reserve's cash allows, each sale the largest within the slippage bound, and what is held at the end is what was taken less what was withdrawn", () => {
    const scenario = takingATokens();
    const actions: CascadeAction[] = [];
    const result = runModel(scenario, { onAction: (a) => actions.push(a), skipSsf: true });
    const unwinds = actions.filter((a) => a.kind === "unwindATokens");
    expect(unwinds.length).to.be.greaterThan(0);
    const held = result.heldATokens!.find((h) => h.asset === "WETH")!;
    expect(held.takes).to.be.greaterThan(0);
    expect(held.unwinds).to.equal(unwinds.length);
    // Conservation: the WETH taken, less what was withdrawn, is what is left, plus the held aTokens'
    // interest: with the reserve's cash gone, WETH is fully utilised and its suppliers earn about
    // (2.7% + 80%) × (1 − 15%) ≈ 70% a year, over the run's ~12 minutes at most 2e-5 of the balance.
    const left = held.taken - held.withdrawn;
    const minutes = (result.blocks * scenario.blockTimeSeconds) / 60;
    expect(held.heldAtEnd).to.be.at.least(left * (1 - 1e-12));
    expect(held.heldAtEnd).to.be.at.most(left * (1 + (0.7 * minutes) / (365 * 24 * 60)));
    // Each unwind: a withdrawal of the reserve's cash (this world never has the whole balance in cash) sold
    // on the liquidators' pool for USDC, never below 99% of the oracle's value.
    const oracle = new Map<number, bigint>();
    for (const a of actions) if (a.kind === "oracle" && a.symbol === "WETH") oracle.set(a.block, a.priceE8);
    const oracleAt = (block: number) =>
      Number([...oracle.entries()].filter(([b]) => b <= block).at(-1)![1]) / 1e8;
    for (const u of unwinds) {
      if (u.kind !== "unwindATokens") continue;
      expect(u.asset).to.equal("WETH");
      expect(u.proceedsAsset).to.equal("USDC");
      expect(u.amount).to.equal(u.expected.withdrawn);
      const value = (Number(u.expected.withdrawn) / 1e18) * oracleAt(u.block);
      expect(Number(u.expected.saleProceeds) / 1e6).to.be.at.least(value * 0.99);
    }
  });

  it("behavior: in the wstETH depeg with WETH 90% lent out, the wstETH aTokens taken are unwound in two hops (wstETH → WETH → USDC), never into a pool drained to its price limit; on chain every unwind is exact and the contract holds the model's aTokens", async () => {
    const raw = JSON.parse(readFileSync("scenarios/lst-depeg-market-oracle.json", "utf8"));
    const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
    Object.assign(aave.reserves[0], { supplyUsd: 1.5e8, utilization: 0.9 });
    raw.liquidators.whenCashShort = "receive-atoken";
    raw.thresholds = { ...raw.thresholds, ssf: false };
    // Any price: only the pool's depth limits the unwinds.
    raw.liquidators.unwindMaxSlippageBps = 10_000;
    const report = await runScenarioOnChain(parseScenario(raw), { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    const unwinds = report.model!.events.filter((e) => e.kind === "unwindATokens");
    expect(unwinds.length).to.be.greaterThan(0);
    expect(unwinds.every((e) => e.collateral === "wstETH" && e.debt === "USDC")).to.equal(true);
    const cmp = report.comparison!;
    expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches?.slice(0, 2))).to.equal(0);
    const sent = report
      .chain!.rounds.flatMap((r) => r.transactions)
      .filter((t) => t.kind === "unwindATokens");
    expect(sent.length).to.equal(unwinds.length);
    expect(sent.every((t) => t.status === "success")).to.equal(true);
    const held = report.model!.heldATokens!.find((h) => h.asset === "wstETH")!;
    // The pool's wstETH side runs dry: most of what was taken is still held.
    expect(held.heldAtEnd).to.be.greaterThan(held.withdrawn);
    expect(report.chain!.heldATokens).to.deep.equal([
      { market: "aave", asset: "wstETH", scaled: held.heldScaled },
    ]);
  });

  for (const profile of ["v3.6", "v3.0"] as const)
    it(`behavior: on ${profile}, in a crash and a recovery (ETH −40%, then to $4,500), the USDC aTokens taken on the way up are unwound whole (Pool.withdraw of all, USDC kept as it is) and the WETH ones in part; on chain every unwind is exact and the contract holds the model's aTokens`, async () => {
      const raw = JSON.parse(
        JSON.stringify(takingATokens(profile), (_, v) => (typeof v === "bigint" ? Number(v) : v)),
      );
      const start = raw.assets.find((a: { symbol: string }) => a.symbol === "WETH").priceUsd;
      raw.shock = {
        kind: "path",
        points: [
          { t: 0, price: start },
          { t: 900, price: start * 0.6 },
          { t: 1800, price: 4500 },
        ],
      };
      raw.maxBlocks = 400;
      const actions: CascadeAction[] = [];
      const scenario = parseScenario(raw);
      const model = runModel(scenario, { onAction: (a) => actions.push(a), skipSsf: true });
      const usdc = model.heldATokens!.find((h) => h.asset === "USDC")!;
      expect(usdc.takes).to.be.greaterThan(0);
      expect(usdc.heldAtEnd).to.equal(0);
      // Whole: the withdrawal asks for all (type(uint256).max) and the proceeds are the USDC withdrawn.
      const whole = actions.filter((a) => a.kind === "unwindATokens" && a.asset === "USDC");
      expect(whole.length).to.be.greaterThan(0);
      for (const a of whole)
        if (a.kind === "unwindATokens") {
          expect(a.amount).to.equal(MAX_UINT256);
          expect(a.expected.saleProceeds).to.equal(a.expected.withdrawn);
        }
      const report = await runScenarioOnChain(scenario, { backend: "anvil" });
      expect(report.error).to.equal(undefined);
      expect(
        report.comparison!.actions.mismatched,
        JSON.stringify(report.chain!.mismatches?.slice(0, 2)),
      ).to.equal(0);
      const sent = report
        .chain!.rounds.flatMap((r) => r.transactions)
        .filter((t) => t.kind === "unwindATokens");
      expect(sent.length).to.equal(actions.filter((a) => a.kind === "unwindATokens").length);
      const held = report.model!.heldATokens!.filter((h) => h.heldScaled !== "0");
      expect(report.chain!.heldATokens).to.deep.equal(
        held.map((h) => ({ market: h.market, asset: h.asset, scaled: h.heldScaled })),
      );
    });

  it("error: taking aTokens is refused with competing bots, naming the field", () => {
    const raw = JSON.parse(JSON.stringify(takingATokens()));
    raw.liquidators.bots = [{ id: "bot-a", priorityFeeGwei: 1 }];
    expect(() => parseScenario(raw)).to.throw(ScenarioValidationError, /liquidators\.whenCashShort/);
  });
});
