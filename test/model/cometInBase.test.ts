import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { createCascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import type { CascadeState, CompoundMarketModel } from "../../src/model/cascade/types.js";
import { isLiquidatable } from "../../src/model/lending/compound/isLiquidatable.js";
import { reverseMultiplicativePrice } from "../../src/model/lending/compound/reverseMultiplicativePrice.js";
import { createLiquidators } from "../../src/model/liquidators/createLiquidators.js";
import { cometPricesE8 } from "../../src/model/markets/compound/cometPricesE8.js";
import { createLendingMarket } from "../../src/model/markets/createLendingMarket.js";
import { runModel } from "../../src/model/runModel.js";
import { lstScenario } from "../../src/testing/lstScenario.js";

// Issue 15's cWETHv3: a Comet market priced in its base (WETH at a constant 1, wstETH at its USD answer over
// WETH's, as Comet's ConstantPriceFeed and ReverseMultiplicativePriceFeed compute them), its wstETH loops
// (src/testing/lstScenario.ts, `cometWeth`).

type Oracle = "market" | "exchange-rate";
const E8 = 10n ** 8n;

function cometOf(oracle: Oracle) {
  const state = buildCascadeState(lstScenario({ oracle, cometWeth: true }));
  const ctx = createCascadeContext(state, { shock: [1], maxBlocks: 1, seed: 1 });
  const model = state.markets.find((m) => m.id === "compound-weth") as CompoundMarketModel;
  const market = createLendingMarket({ market: model, ctx, liquidators: createLiquidators(ctx) });
  return { state, model, market };
}

/**
 * Where Comet's exact isLiquidatable flips as WETH's USD answer moves from $10 to $30,000 (wstETH's answer
 * at 1.2× WETH's, floored, under the exchange-rate oracle, or fixed at its own answer under the market
 * oracle): a 1% grid, then bisection to 1e-7; "never"/"always" if it does not flip.
 */
function crossing(state: CascadeState, model: CompoundMarketModel, index: number, oracle: Oracle) {
  const wst = state.oracles.find((o) => o.symbol === "wstETH")!.priceE8;
  const at = (weth: number) => {
    const wethE8 = BigInt(Math.round(weth * 1e8));
    const e8 = (s: string) =>
      s === "WETH" ? wethE8 : oracle === "exchange-rate" ? (wethE8 * 12n) / 10n : wst;
    return isLiquidatable(model.market, model.positions[index]!, cometPricesE8(model, e8));
  };
  const grid: number[] = [];
  for (let x = 10; x <= 30_000; x *= 1.01) grid.push(x);
  const flags = grid.map(at);
  const changes = flags.flatMap((f, i) => (i > 0 && f !== flags[i - 1] ? [i] : []));
  if (changes.length === 0) return flags[0] ? "always" : "never";
  expect(changes, "one crossing").to.have.length(1);
  const i = changes[0]!;
  let lo = grid[i - 1]!;
  let hi = grid[i]!;
  while (hi - lo > lo * 1e-7) {
    const mid = (lo + hi) / 2;
    if (at(mid) === flags[i - 1]) lo = mid;
    else hi = mid;
  }
  return { at: hi, liquidatableAbove: !flags[i - 1] };
}

describe("Comet priced in its base, as cWETHv3 (issue 15)", () => {
  it("default: ReverseMultiplicativePriceFeed's answer by hand: priceA · 1e8 · 1e8 / priceB / 1e8, each division truncating; 0 for a non-positive answer", () => {
    // $3,630.12345678 over $3,000: 1.21004115226… → 1.21004115.
    expect(reverseMultiplicativePrice(363_012_345_678n, 300_000_000_000n)).to.equal(121_004_115n);
    // One third, truncated: 0.33333333.
    expect(reverseMultiplicativePrice(1n, 3n)).to.equal(33_333_333n);
    expect(reverseMultiplicativePrice(0n, 3n)).to.equal(0n);
    expect(reverseMultiplicativePrice(5n, -1n)).to.equal(0n);
  });

  it("default: the base reads a constant 1 and wstETH its answer over WETH's; under the exchange-rate oracle that is the rate or one unit of 1e-8 below it", () => {
    const { model } = cometOf("exchange-rate");
    expect(model.priceFeeds).to.equal("in-base");
    // WETH $2,999.99999999: wstETH floor(· 1.2) = 3,599.99999998; over WETH's, 1.19999999 (1e-8 below 1.2).
    const weth = 299_999_999_999n;
    const prices = cometPricesE8(model, (s) => (s === "WETH" ? weth : (weth * 12n) / 10n));
    expect(prices.base).to.equal(E8);
    expect(prices.assets).to.deep.equal([119_999_999n]);
    // At a round $3,000 it is the rate itself.
    expect(cometPricesE8(model, (s) => (s === "WETH" ? 3000n * E8 : 3600n * E8)).assets).to.deep.equal([
      120_000_000n,
    ]);
  });

  it("behavior: under the exchange-rate oracle no WETH price makes a loop liquidatable (Comet's exact check, $10–$30,000), and the key keeps them out of view; under the market oracle they turn liquidatable as WETH rises against wstETH's answer, and the key is that rise", () => {
    const er = cometOf("exchange-rate");
    expect(er.model.positions).to.have.length(60);
    er.model.positions.forEach((_, i) => {
      expect(crossing(er.state, er.model, i, "exchange-rate")).to.equal("never");
      expect(er.market.key(i)).to.be.at.most(1e-9);
      expect(er.market.riseKey!(i)).to.equal(Number.POSITIVE_INFINITY);
    });
    const market = cometOf("market");
    market.model.positions.forEach((_, i) => {
      const c = crossing(market.state, market.model, i, "market");
      expect(typeof c === "object" && c.liquidatableAbove).to.equal(true);
      expect(market.market.key(i)).to.equal(Number.NEGATIVE_INFINITY);
      // The key errs early by the in-base floor (1e-8 of WETH per wstETH), well inside 1e-6.
      if (typeof c === "object") {
        const rise = market.market.riseKey!(i);
        expect(rise).to.be.at.most(c.at);
        expect(rise).to.be.closeTo(c.at, c.at * 1e-6);
      }
    });
  });

  it("behavior: an ETH crash with wstETH at the exchange rate absorbs none of cWETHv3's loops, while the market oracle's depeg absorbs them (the model; the chain run is in test/harness)", () => {
    const absorbs = (oracle: Oracle) =>
      runModel(lstScenario({ oracle, cometWeth: true }), { skipSsf: true }).events.filter(
        (e) => e.market === "compound-weth" && e.kind === "absorb",
      ).length;
    expect(absorbs("exchange-rate")).to.equal(0);
    expect(absorbs("market")).to.be.greaterThan(30);
  });

  it("error: priceFeeds in-base needs the underlying as base and collaterals pegged to it; usd refuses pegged collateral", () => {
    // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
    type Raw = Record<string, any>;
    const comet = (raw: Raw) => raw.markets.find((m: { id: string }) => m.id === "compound-weth");
    const refused = (patch: (raw: Raw) => void, pattern: RegExp) =>
      expect(() => lstScenario({ cometWeth: true, patch })).to.throw(ScenarioValidationError, pattern);
    refused((raw) => {
      comet(raw).base = "USDC";
      raw.borrowers.at(-1).generator.debt = "USDC";
    }, /markets\[\d\]\.base: expected the underlying WETH for priceFeeds "in-base"/);
    refused((raw) => {
      comet(raw).priceFeeds = "usd";
    }, /markets\[\d\]\.collaterals\[0\]\.asset: expected an asset without a peg .* or priceFeeds "in-base" with base WETH/);
    refused((raw) => {
      comet(raw).collaterals.push({
        asset: "USDC",
        borrowCollateralFactor: 0.8,
        liquidateCollateralFactor: 0.85,
        liquidationFactor: 0.9,
      });
    }, /markets\[\d\]\.collaterals\[1\]\.asset: expected an asset pegged to the base WETH/);
  });
});
