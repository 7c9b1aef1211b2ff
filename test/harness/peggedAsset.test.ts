import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { createCascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import { poolPriceE8 } from "../../src/model/cascade/poolPrice.js";
import type { AaveMarketModel, CascadeAction } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { createLiquidators } from "../../src/model/liquidators/createLiquidators.js";
import { planLiquidation } from "../../src/model/liquidators/planLiquidation.js";
import { createLendingMarket } from "../../src/model/markets/createLendingMarket.js";
import { runModel } from "../../src/model/runModel.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";

// Issue 14: a liquid-staking token in the cascade — wstETH pegged at 1.2 WETH with its own wstETH/WETH pool,
// an ETH-correlated e-mode category and loops in it (the world: src/testing/lstScenario.ts).

type Oracle = "market" | "exchange-rate";
const modelRun = (oracle: Oracle) => {
  const actions: CascadeAction[] = [];
  const report = runModel(lstScenario({ oracle }), { onAction: (a) => actions.push(a), skipSsf: true });
  return { report, actions };
};
const loops = <E extends { kind: string; collateral: string; debt: string }>(events: E[]) =>
  events.filter((e) => e.kind === "liquidationCall" && e.collateral === "wstETH" && e.debt === "WETH");

describe("A pegged asset (liquid-staking token) in the cascade (issue 14)", function () {
  this.timeout(240_000);

  it("default: its own pool starts at the rate, and its oracle at the rate times WETH's ($3,000 × 1.2 = $3,600)", () => {
    for (const oracle of ["market", "exchange-rate"] as const) {
      const state = buildCascadeState(lstScenario({ oracle }));
      const pool = state.pools.find((p) => p.id === "wsteth-weth-1")!;
      // The pool's price in WETH, 8 decimals: 1.2 within the tick the start price falls in (1 bp).
      expect(Number(poolPriceE8(pool)) / 1e8).to.be.closeTo(1.2, 1.2e-4);
      const weth = state.oracles.find((o) => o.symbol === "WETH")!.priceE8;
      const wst = state.oracles.find((o) => o.symbol === "wstETH")!.priceE8;
      // WETH's starts at its pool's price, floored to 8 decimals ($2,999.99999999).
      expect(Number(weth) / 1e8).to.be.closeTo(3000, 1e-7);
      if (oracle === "exchange-rate") expect(wst).to.equal((weth * 12n) / 10n);
      else expect(Number(wst) / 1e8).to.be.closeTo(3600, 3600 * 1.2e-4);
    }
  });

  it("behavior: the exchange-rate oracle is WETH's answer × 1.2 in the same block, and hides the depeg; the market oracle follows the pool, and the e-mode loops are liquidated only under it", () => {
    const er = modelRun("exchange-rate");
    const pushes = (actions: CascadeAction[], symbol: string) =>
      new Map(
        actions.flatMap((a) => (a.kind === "oracle" && a.symbol === symbol ? [[a.block, a.priceE8]] : [])),
      );
    const wethEr = pushes(er.actions, "WETH");
    const wstEr = pushes(er.actions, "wstETH");
    expect(wstEr.size).to.equal(wethEr.size);
    // Hand: floor(answer · 1.2) = answer · 12 / 10, floored, in the block WETH's answer moved.
    for (const [block, e8] of wethEr) expect(wstEr.get(block)).to.equal((e8 * 12n) / 10n);

    const market = modelRun("market");
    const low = (r: typeof market.report) => Math.min(...r.rounds.map((x) => x.pegPrices!.wstETH!));
    // The wstETH sold by liquidations moves its pool off the peg (nothing arbitrages it back).
    expect(low(market.report)).to.be.below(1.2 * 0.97);
    expect(low(er.report)).to.be.below(1.2 * 0.97);
    // The market oracle saw it: some wstETH answer below 0.97 × 1.2 × WETH's in the same block.
    const wethM = pushes(market.actions, "WETH");
    let lastWeth = 3000n * 10n ** 8n;
    let deepest = 1.2;
    for (const a of market.actions) {
      if (a.kind !== "oracle") continue;
      if (a.symbol === "WETH") lastWeth = a.priceE8;
      else if (a.symbol === "wstETH") deepest = Math.min(deepest, Number(a.priceE8) / Number(lastWeth));
    }
    expect(wethM.size).to.be.greaterThan(5);
    expect(deepest).to.be.below(1.2 * 0.97);
    // The loops (wstETH against WETH at 95%) fall only when the oracle sees the depeg.
    expect(loops(market.report.events).length).to.be.greaterThan(0);
    expect(loops(er.report.events)).to.have.length(0);
    // Each loop liquidation pays collateral worth 1 + 1% · (1 − 10% fee) = 1.009× the debt at the oracle.
    const oracleAt = (block: number, symbol: string) => {
      let v = symbol === "WETH" ? 3000n * 10n ** 8n : 0n;
      for (const a of market.actions)
        if (a.kind === "oracle" && a.symbol === symbol && a.block <= block) v = a.priceE8;
      return Number(v) / 1e8;
    };
    for (const e of loops(market.report.events)) {
      const paid = (Number(e.collateralAmount) / 1e18) * oracleAt(e.block, "wstETH");
      const debt = (Number(e.debtAmount) / 1e18) * oracleAt(e.block, "WETH");
      expect(paid / debt).to.be.closeTo(1.009, 1e-6);
    }
  });

  it("behavior: a loop whose full liquidation cannot pay on the thin wstETH pool is liquidated in part: the bot repays the share whose wstETH sale still repays its WETH (the most profitable share), never more than the close factor lets it", () => {
    const market = modelRun("market");
    const partial = loops(market.report.events).filter((e) => e.debtToCover !== undefined);
    expect(partial.length).to.be.greaterThan(10);
    for (const e of partial) {
      // Asked for less than the whole: what it repaid is what it asked for, and its sale repays the loan.
      expect(BigInt(e.debtAmount) <= BigInt(e.debtToCover!)).to.equal(true);
      expect(BigInt(e.saleProceeds) >= BigInt(e.debtAmount)).to.equal(true);
      expect(e.profitUsd).to.be.greaterThan(0);
    }
    // With the largest-only sizing the same crash liquidates fewer loops (the full sale does not pay).
    const largest = runModel(
      lstScenario({ oracle: "market", patch: (raw) => (raw.liquidators.sizing = "largest") }),
      { skipSsf: true },
    );
    expect(loops(largest.events).length).to.be.lessThan(loops(market.report.events).length);
  });

  it("behavior: a loop under water is liquidated while WETH's oracle lags 5% above the market: its sale fetches more WETH than it repays (valued at one price, not the sale at the market and the debt at the oracle)", () => {
    const state = buildCascadeState(lstScenario({ oracle: "exchange-rate" }));
    const model = state.markets.find((m) => m.kind === "aave-v3") as AaveMarketModel;
    const index = model.positions.findIndex((p) => p.eModeCategory === 1);
    const w = model.reserves.findIndex((r) => r.symbol === "WETH");
    const prices = model.reserves.map((r) => state.oracles.find((o) => o.symbol === r.symbol)!.priceE8);
    const hf = (p: (typeof model.positions)[number]) =>
      Number(
        calculateUserAccountData(model.reserves, p, prices, model.profile, model.eModeCategories)
          .healthFactor,
      ) / 1e18;
    const p0 = model.positions[index]!;
    // Its debt raised to health 0.99 (as two years of WETH interest leave some on mainnet).
    const scale = BigInt(Math.round((hf(p0) / 0.99) * 1e6));
    model.positions[index] = {
      ...p0,
      scaledDebt: p0.scaledDebt.map((d, i) => (i === w ? (d * scale) / 1_000_000n : d)),
    };
    expect(hf(model.positions[index]!)).to.be.closeTo(0.99, 1e-4);
    const ctx = createCascadeContext(state, { shock: [1], maxBlocks: 1, seed: 1 });
    ctx.block = 1;
    // The reference pool's price 5% below the oracle's (a falling market, the oracle a block behind).
    ctx.underlyingPriceE8 = (prices[w]! * 95n) / 100n;
    const liquidators = createLiquidators(ctx);
    const market = createLendingMarket({ market: model, ctx, liquidators });
    const plan = planLiquidation(ctx, liquidators, market, index);
    expect(plan).to.be.an("object");
    const { quote, sale } = plan as Exclude<typeof plan, string>;
    expect(quote.debt.symbol).to.equal("WETH");
    // The contract's test: the sale repays the flash loan, in WETH.
    expect(sale!.quote > quote.debt.amount).to.equal(true);
  });

  for (const oracle of ["market", "exchange-rate"] as const)
    it(`behavior: with the ${oracle} oracle the crash runs on chain with every transaction exact, two-hop sales included, the scan and the chain-side oracle check (reading the wstETH pool off the chain) agreeing`, async () => {
      const report = await runScenarioOnChain(lstScenario({ oracle }), { backend: "anvil" });
      expectExactRun(report);
      const twoHop = report.model!.events.filter(
        (e) => e.kind === "liquidationCall" && e.collateral === "wstETH" && e.debt === "USDC",
      );
      expect(twoHop.length).to.be.greaterThan(10);
      if (oracle === "market") expect(loops(report.model!.events).length).to.be.greaterThan(0);
      const check = report.chain!.oracleCheck;
      expect(check.disagreements).to.deep.equal([]);
      // Both moving oracles are checked every block.
      expect(check.agreed).to.equal(2 * check.blocks);
      const chainAave = report.chain!.totals.badDebtByProtocol.aave!;
      const modelAave = report.model!.totals.badDebtByProtocol.aave!;
      expect(chainAave.source).to.equal("chain");
      expect(chainAave.totalUsd).to.be.closeTo(modelAave.totalUsd, 1e-6 * modelAave.totalUsd + 1e-6);
    });

  it("error: a scenario the pegged asset cannot run in is refused naming the field and the fix", () => {
    // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
    type Raw = Record<string, any>;
    const refused = (patch: (raw: Raw) => void, pattern: RegExp) =>
      expect(() => lstScenario({ patch })).to.throw(ScenarioValidationError, pattern);
    const asset = (raw: Raw) => raw.assets.find((a: { symbol: string }) => a.symbol === "wstETH");
    refused((raw) => (asset(raw).priceUsd = 3500), /assets\[\d\]\.priceUsd: expected 3600 \(peg rate 1\.2/);
    refused(
      (raw) => (raw.pools = raw.pools.filter((p: { id: string }) => p.id !== "wsteth-weth-1")),
      /exactly one pool with pair \["wstETH", "WETH"\]/,
    );
    refused(
      (raw) =>
        (raw.oracles.find((o: { asset: string }) => o.asset === "WETH").policy = { kind: "exchange-rate" }),
      /exchange-rate is for a pegged asset/,
    );
    refused(
      (raw) => (raw.liquidators.pool = "wsteth-weth-1"),
      /liquidators\.pool: expected a pool of the main pair WETH\/USDC/,
    );
    refused(
      (raw) =>
        raw.borrowers.push({
          market: "aave",
          positions: [{ id: "x", collateral: { WETH: 10 }, debt: { wstETH: 1 } }],
        }),
      /no debt in the pegged asset wstETH/,
    );
    refused(
      (raw) =>
        raw.markets
          .find((m: { kind: string }) => m.kind === "compound-v3")
          .collaterals.push({
            asset: "wstETH",
            borrowCollateralFactor: 0.8,
            liquidateCollateralFactor: 0.85,
            liquidationFactor: 0.9,
          }),
      /collaterals\[1\]\.asset: expected an asset without a peg/,
    );
    refused(
      (raw) =>
        raw.oracles.push({
          asset: "USDC",
          policy: { kind: "push", deviationBps: 50, heartbeatSeconds: 3600 },
        }),
      /only WETH and pegged assets have a market price/,
    );
  });
});
