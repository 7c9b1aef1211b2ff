import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { createCascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import type { AaveMarketModel, CascadeAction } from "../../src/model/cascade/types.js";
import { MAX_UINT256 } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { createLiquidators } from "../../src/model/liquidators/createLiquidators.js";
import { createLendingMarket } from "../../src/model/markets/createLendingMarket.js";
import type { LiquidationQuote } from "../../src/model/markets/types.js";
import { testScenario } from "../../src/testing/testScenario.js";

// The test scenario's probe position: 10 WETH against 24,000 USDC on the v3.0 market (WETH: LT 82.50%,
// bonus 105%, protocol fee 10%). With WETH's oracle at $2,000 its health factor is 16,500 / 24,000 = 0.6875.
function probeMarket() {
  const state = buildCascadeState(testScenario());
  state.oracles = state.oracles.map((o) => (o.symbol === "WETH" ? { ...o, priceE8: 2_000n * 10n ** 8n } : o));
  const actions: CascadeAction[] = [];
  const ctx = createCascadeContext(state, {
    shock: [1],
    maxBlocks: 1,
    seed: 1,
    onAction: (a) => actions.push(a),
  });
  ctx.block = 1;
  const model = state.markets.find((m) => m.kind === "aave-v3") as AaveMarketModel;
  const market = createLendingMarket({ market: model, ctx, liquidators: createLiquidators(ctx) });
  const index = model.positions.findIndex((p) => p.id === "probe-weth");
  return { market, model, index, actions, ctx };
}

describe("createLendingMarket", () => {
  it("default: an Aave quote for a repay amount is liquidationCall's, by hand", () => {
    const { market, index } = probeMarket();
    const quote = market.quote(index, 1_000n * 10n ** 6n) as LiquidationQuote;
    // 1,000 USDC buys 1,000 / 2,000 = 0.5 WETH, ×1.05 bonus = 0.525 WETH; the bonus part is
    // 0.525 − 0.525/1.05 = 0.025 WETH, of which 10% (0.0025 WETH) is the protocol's fee.
    expect(quote.debt).to.include({ symbol: "USDC", amount: 1_000_000_000n });
    expect(quote.receive).to.deep.equal({ symbol: "WETH", amount: 522_500_000_000_000_000n });
    expect(quote.debt.usd).to.equal(1_000);
  });

  it("behavior: at MAX_UINT256 the quote is capped by the collateral the position holds", () => {
    const { market, index } = probeMarket();
    const quote = market.quote(index, MAX_UINT256) as LiquidationQuote;
    // All 10 WETH: debt = percentDiv(20,000 USDC, 105%) = 19,047.619048 (half-up); fee =
    // percentMul(10 − percentDiv(10, 105%), 10%) = 0.047619047619047619 WETH.
    expect(quote.debt.amount).to.equal(19_047_619_048n);
    expect(quote.receive!.amount).to.equal(10n * 10n ** 18n - 47_619_047_619_047_619n);
  });

  it("behavior: a quote changes nothing until applied; apply replaces the position and records the action", () => {
    const { market, model, index, actions, ctx } = probeMarket();
    const before = model.positions[index];
    const quote = market.quote(index, 1_000n * 10n ** 6n) as LiquidationQuote;
    expect(model.positions[index]).to.equal(before);
    expect(actions).to.have.length(0);
    quote.apply(undefined, 0);
    const after = model.positions[index]!;
    expect(after.scaledDebt[1]).to.equal(23_000n * 10n ** 6n);
    expect(after.scaledCollateral[0]).to.equal(10n * 10n ** 18n - 525_000_000_000_000_000n);
    expect(actions).to.have.length(1);
    expect(actions[0]).to.include({ kind: "liquidationCall", positionId: "probe-weth" });
    expect(ctx.round.liquidations).to.equal(1);
  });

  it("behavior: a healthy position quotes healthy; one with no debt is dead", () => {
    const { market, model } = probeMarket();
    const healthy = model.positions.findIndex((p) => p.id === "probe-usdc"); // 50,000 USDC against 12 WETH
    expect(market.quote(healthy, MAX_UINT256)).to.equal("healthy");
    model.positions[0] = { ...model.positions[0]!, scaledDebt: model.positions[0]!.scaledDebt.map(() => 0n) };
    expect(market.quote(0, MAX_UINT256)).to.equal("dead");
  });
});
