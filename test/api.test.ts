import { expect } from "chai";
import * as dlcm from "../src/index.js";

// The README's library example, through the package's entry point.
describe("package entry point", () => {
  it("default: the README example runs — the default crash liquidates, and a WETH sale pays the textbook single-range amount", async () => {
    const scenario = await dlcm.loadScenario("scenarios/eth-crash-40pct-15m.json");
    const report = dlcm.runModel(scenario, { skipSsf: true });
    expect(report.totals.valueLiquidatedUsd).to.be.greaterThan(0);
    expect(report.thresholds.gammaNeutralityPrice).to.be.a("number");
    const sqrtPriceX96 = dlcm.TickMath.getSqrtRatioAtTick(-200_000);
    const pool = {
      feePips: 500,
      tickSpacing: 10,
      sqrtPriceX96,
      tick: -200_000,
      liquidity: 10n ** 18n,
      ticks: [
        { index: -887_270, liquidityNet: 10n ** 18n },
        { index: 887_270, liquidityNet: -(10n ** 18n) },
      ],
    };
    const { amount1 } = dlcm.swap(pool, { zeroForOne: true, amountSpecified: 10n ** 18n });
    // One range: √P' = L·√P / (L + x·√P) with x = 1e18·(1 − 0.05%); out = L·(√P − √P').
    const s = Number(sqrtPriceX96) / 2 ** 96;
    const x = 1e18 * (1 - 0.0005);
    const expected = 1e18 * (s - (1e18 * s) / (1e18 + x * s));
    expect(Number(-amount1)).to.be.closeTo(expected, expected * 1e-9);
  });
  it("behavior: the functions the README lists are exported", () => {
    for (const name of [
      "runCascade",
      "buildCascadeState",
      "calculateUserAccountData",
      "executeLiquidationCall",
      "estimateLiquidation",
      "absorb",
      "buyCollateral",
      "quoteCollateral",
      "isLiquidatable",
      "swapOutputUpperBound",
      "blackScholes",
      "bookGreeks",
      "gammaNeutralityPrice",
      "liquidityAbsorptionCapacity",
      "collateralHaircutBreakpoint",
      "systemicSolvencyFailure",
      "hedgeCrossoverPrice",
      "parseScenario",
    ])
      expect(dlcm[name as keyof typeof dlcm], name).to.be.a("function");
    for (const name of [
      "SqrtPriceMath",
      "SwapMath",
      "UniswapV2Library",
      "WadRayMath",
      "PercentageMath",
      "TickMath",
    ])
      expect(typeof dlcm[name as keyof typeof dlcm], name).to.equal("object");
  });
});
