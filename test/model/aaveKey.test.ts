import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { createCascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import type { AaveMarketModel, CascadeState } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { createLiquidators } from "../../src/model/liquidators/createLiquidators.js";
import { createLendingMarket } from "../../src/model/markets/createLendingMarket.js";
import { lstScenario } from "../../src/testing/lstScenario.js";

// The liquidators' float key of an Aave position (the underlying's oracle price at or below which it is
// liquidatable; a riser's price at or above which it becomes so) against an independent reference: a scan
// of the exact health factor (calculateUserAccountData, the Pool's own mirror) over the underlying's price,
// the other prices as the oracles would set them (wstETH at 1.2× WETH under the exchange-rate oracle, at its
// own answer under the market oracle, USDC at $1).

type Crossing = { never: boolean } | { at: number; liquidatableBelow: boolean };

/**
 * The WETH price where the exact health factor crosses 1, from $10 to $30,000: bracketed on a 1% grid
 * (which must show one crossing), then bisected to 1e-7; "never" if it does not cross.
 */
function crossing(
  state: CascadeState,
  market: AaveMarketModel,
  index: number,
  exchangeRate: boolean,
): Crossing {
  const p = market.positions[index]!;
  const wst = state.oracles.find((o) => o.symbol === "wstETH")!.priceE8;
  const liquidatableAt = (weth: number) => {
    const wethE8 = BigInt(Math.round(weth * 1e8));
    const prices = market.reserves.map((r) =>
      r.symbol === "WETH"
        ? wethE8
        : r.symbol === "USDC"
          ? 10n ** 8n
          : exchangeRate
            ? (wethE8 * 12n) / 10n
            : wst,
    );
    const a = calculateUserAccountData(market.reserves, p, prices, market.profile, market.eModeCategories);
    return a.healthFactor < 10n ** 18n;
  };
  const grid: number[] = [];
  for (let x = 10; x <= 30_000; x *= 1.01) grid.push(x);
  const flags = grid.map(liquidatableAt);
  const changes = flags.flatMap((f, i) => (i > 0 && f !== flags[i - 1] ? [i] : []));
  if (changes.length === 0) return { never: !flags[0] };
  expect(changes, "one crossing").to.have.length(1);
  const i = changes[0]!;
  const below = flags[i - 1]!;
  let lo = grid[i - 1]!;
  let hi = grid[i]!;
  while (hi - lo > lo * 1e-7) {
    const mid = (lo + hi) / 2;
    if (liquidatableAt(mid) === below) lo = mid;
    else hi = mid;
  }
  return { at: hi, liquidatableBelow: below };
}

function keysOf(oracle: "market" | "exchange-rate") {
  const state = buildCascadeState(lstScenario({ oracle }));
  const ctx = createCascadeContext(state, { shock: [1], maxBlocks: 1, seed: 1 });
  const model = state.markets.find((m) => m.kind === "aave-v3") as AaveMarketModel;
  const market = createLendingMarket({ market: model, ctx, liquidators: createLiquidators(ctx) });
  return { state, model, market };
}

describe("aaveKey: when a position turns liquidatable", () => {
  it("default: WETH/USDC and wstETH/USDC positions (wstETH at 1.2× WETH) turn liquidatable at the exact health factor's crossing", () => {
    const { state, model, market } = keysOf("exchange-rate");
    // A probe, the 40 generated WETH/USDC positions and the 60 wstETH/USDC ones.
    const picks = model.positions.flatMap((p, i) =>
      /^(probe-weth|aave-\d+)$/.test(p.id) && p.eModeCategory === undefined ? [i] : [],
    );
    expect(picks.length).to.be.greaterThan(90);
    for (const i of picks) {
      const key = market.key(i);
      const c = crossing(state, model, i, true);
      expect("at" in c && c.liquidatableBelow, model.positions[i]!.id).to.equal(true);
      if ("at" in c) expect(key).to.be.closeTo(c.at, c.at * 1e-6);
    }
  });

  it("behavior: an e-mode loop of wstETH against WETH under the exchange-rate oracle never turns liquidatable on the underlying's price (the old key, at the reserve's threshold, kept it always in view)", () => {
    const { state, model, market } = keysOf("exchange-rate");
    const loops = model.positions.flatMap((p, i) => (p.eModeCategory === 1 ? [i] : []));
    expect(loops).to.have.length(60);
    for (const i of loops) {
      expect(crossing(state, model, i, true)).to.deep.equal({ never: true });
      // Not before the price falls to 0: out of the liquidators' view.
      expect(market.key(i)).to.be.at.most(1e-9);
      expect(market.riseKey!(i)).to.equal(Number.POSITIVE_INFINITY);
    }
  });

  it("behavior: under the market oracle a loop turns liquidatable as WETH rises against wstETH's answer: a riser, at the crossing", () => {
    const { state, model, market } = keysOf("market");
    const loops = model.positions.flatMap((p, i) => (p.eModeCategory === 1 ? [i] : []));
    for (const i of loops) {
      const c = crossing(state, model, i, false);
      expect("at" in c && !c.liquidatableBelow).to.equal(true);
      expect(market.key(i)).to.equal(Number.NEGATIVE_INFINITY);
      if ("at" in c) expect(market.riseKey!(i)).to.be.closeTo(c.at, c.at * 1e-6);
    }
    // The probe lending WETH against USDC collateral (50,000 USDC, 12 WETH) rises too: 0.78 · 50,000 / 12 = $3,250.
    const probe = model.positions.findIndex((p) => p.id === "probe-usdc");
    market.key(probe);
    expect(market.riseKey!(probe)).to.be.closeTo(3250, 3250 * 1e-6);
  });
});
