import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { MarketModel } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import {
  mulFactor,
  mulPrice,
  presentValue,
  signedMulPrice,
} from "../../src/model/lending/compound/CometMath.js";
import { collateralHaircutBreakpoint } from "../../src/model/thresholds/collateralHaircutBreakpoint.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

/**
 * A market's haircut collateral less its debt at an underlying price, summed over its positions with the
 * protocols' own integer code: Aave's calculateUserAccountData (collateral × the position's average
 * liquidation threshold less debt, base currency), Comet's liquidity as isLiquidatable adds it up
 * (collateral × liquidateCollateralFactor less the present value of the debt), without its early exit.
 */
function margin(
  market: MarketModel,
  underlying: string,
  priceE8: bigint,
  fixedE8: (s: string) => bigint,
): bigint {
  const e8 = (symbol: string) => (symbol === underlying ? priceE8 : fixedE8(symbol));
  let sum = 0n;
  if (market.kind === "aave-v3") {
    const prices = market.reserves.map((r) => e8(r.symbol));
    for (const p of market.positions) {
      const a = calculateUserAccountData(market.reserves, p, prices, market.profile, market.eModeCategories);
      sum += (a.totalCollateralBase * a.avgLiquidationThresholdBps) / 10_000n - a.totalDebtBase;
    }
    return sum;
  }
  if (market.kind !== "compound-v3") throw new Error(`no margin for ${market.kind} here`);
  const m = market.market;
  for (const p of market.positions) {
    sum += signedMulPrice(
      presentValue(p.principal, m.baseSupplyIndex, m.baseBorrowIndex),
      e8(m.baseSymbol),
      m.baseScale,
    );
    m.assets.forEach((asset, i) => {
      sum += mulFactor(
        mulPrice(p.collateral[i] ?? 0n, e8(asset.symbol), asset.scale),
        asset.liquidateCollateralFactor,
      );
    });
  }
  return sum;
}

describe("Collateral Haircut Breakpoint against the protocols' own checks (issue 16)", () => {
  it("default: each market's haircut collateral less debt changes sign once on a 0.5% price scan, at the breakpoint", async () => {
    const scenario = await loadScenario("scenarios/eth-crash-40pct-15m.json");
    const state = buildCascadeState(scenario);
    const fixedE8 = (symbol: string) => state.oracles.find((o) => o.symbol === symbol)!.priceE8;
    const other = (symbol: string) => Number(fixedE8(symbol)) / 1e8;
    const rate = (symbol: string) => scenario.assets.find((a) => a.symbol === symbol)?.peg?.rate;
    const spot = Number(fixedE8(scenario.underlying)) / 1e8;
    let crossed = 0;
    for (const market of state.markets) {
      const chb = collateralHaircutBreakpoint(market, scenario.underlying, other, rate);
      // wstETH at its peg: the exchange-rate oracle's floor(WETH × rate), rate 1.21 here.
      const at = (usd: number) => {
        const e8 = BigInt(Math.round(usd * 1e8));
        return margin(market, scenario.underlying, e8, (s) =>
          rate(s) ? (e8 * BigInt(Math.round(rate(s)! * 1e6))) / 1_000_000n : fixedE8(s),
        );
      };
      // Scan from spot down to 1% of spot: where the sign of the margin changes as the underlying falls.
      const changes: number[] = [];
      let prev = at(spot);
      for (let usd = spot * 0.995; usd > spot * 0.01; usd *= 0.995) {
        const now = at(usd);
        if (now < 0n !== prev < 0n) changes.push(usd);
        prev = now;
      }
      const p = chb.haircutPrice;
      if (p === null || p < spot * 0.01 || p > spot) {
        // No breakpoint on the way down (Aave's default book: the WETH it lends out gains as ETH falls).
        expect(changes, `${market.id}: ${p}`).to.deep.equal([]);
        continue;
      }
      expect(changes.length, market.id).to.equal(1);
      expect(at(p * (1 + 1e-6)) > 0n, `${market.id} above ${p}`).to.equal(true);
      expect(at(p * (1 - 1e-6)) < 0n, `${market.id} below ${p}`).to.equal(true);
      expect(changes[0]! / p).to.be.within(0.995, 1.0);
      crossed++;
    }
    expect(crossed).to.be.greaterThan(0);
  });
});
