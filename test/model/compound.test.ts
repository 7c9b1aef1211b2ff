import { expect } from "chai";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { absorb } from "../../src/model/lending/compound/absorb.js";
import { buyCollateral } from "../../src/model/lending/compound/buyCollateral.js";
import { getReserves } from "../../src/model/lending/compound/getReserves.js";
import { isLiquidatable } from "../../src/model/lending/compound/isLiquidatable.js";
import { quoteCollateral } from "../../src/model/lending/compound/quoteCollateral.js";
import type { CometMarket } from "../../src/model/lending/compound/types.js";

const E18 = 10n ** 18n;
const NO_RATES = {
  supplyKink: E18,
  supplyPerSecondInterestRateSlopeLow: 0n,
  supplyPerSecondInterestRateSlopeHigh: 0n,
  supplyPerSecondInterestRateBase: 0n,
  borrowKink: E18,
  borrowPerSecondInterestRateSlopeLow: 0n,
  borrowPerSecondInterestRateSlopeHigh: 0n,
  borrowPerSecondInterestRateBase: 0n,
};
const market = (): CometMarket => ({
  baseSymbol: "USDC",
  baseScale: 10n ** 6n,
  baseSupplyIndex: 10n ** 15n,
  baseBorrowIndex: 10n ** 15n,
  rates: NO_RATES,
  lastAccrualSeconds: 0n,
  storeFrontPriceFactor: 6n * 10n ** 17n,
  targetReserves: 5_000_000n * 10n ** 6n,
  totalSupplyBase: 10_000n * 10n ** 6n,
  totalBorrowBase: 1_000n * 10n ** 6n,
  baseBalance: 9_500n * 10n ** 6n,
  assets: [
    {
      symbol: "WETH",
      scale: E18,
      borrowCollateralFactor: 83n * 10n ** 16n,
      liquidateCollateralFactor: 9n * 10n ** 17n,
      liquidationFactor: 95n * 10n ** 16n,
    },
  ],
  collateralReserves: [0n],
});
const prices = (eth: bigint) => ({ base: 10n ** 8n, assets: [eth * 10n ** 8n] });
const account = { id: "a", principal: -1_000n * 10n ** 6n, collateral: [5n * 10n ** 17n] };

describe("isLiquidatable", () => {
  it("default: 0.5 WETH at $2,300 covers 1,000 USDC at 0.9 (1,035); at $2,200 it does not (990)", () => {
    expect(isLiquidatable(market(), account, prices(2300n))).to.equal(false);
    expect(isLiquidatable(market(), account, prices(2200n))).to.equal(true);
  });
});

describe("absorb", () => {
  it("default: hand example at $1,800 — collateral worth 900 at 0.95 = 855 clears 855 of 1,000; shortfall 100; principal reset to 0", () => {
    const r = absorb(market(), account, prices(1800n));
    expect(r.position.principal).to.equal(0n);
    expect(r.basePaidOut).to.equal(1_000n * 10n ** 6n);
    expect(r.shortfall).to.equal(100n * 10n ** 6n);
    expect(r.market.totalBorrowBase).to.equal(0n);
    expect(r.market.collateralReserves[0]).to.equal(5n * 10n ** 17n);
    // Reserves fall by the debt the protocol took on: 500 → −500.
    expect(getReserves(market())).to.equal(500n * 10n ** 6n);
    expect(getReserves(r.market)).to.equal(-500n * 10n ** 6n);
  });
  it("behavior: excess collateral value becomes the account's supply", () => {
    const r = absorb(market(), { ...account, collateral: [6n * 10n ** 17n] }, prices(1850n)); // 1110·0.9 = 999 < 1000
    // 0.6·1850·0.95 = 1054.5 → balance +54.5 USDC.
    expect(r.position.principal).to.equal(54_500_000n);
    expect(r.shortfall).to.equal(0n);
  });
  it("error: MathRevertError NotLiquidatable", () => {
    expect(() => absorb(market(), account, prices(2300n))).to.throw(MathRevertError, "NotLiquidatable");
  });
});

describe("quoteCollateral", () => {
  it("default: 1,000 USDC buys 0.572737686139747995 WETH at $1,800 less 0.6·5% (hand-computed)", () => {
    expect(quoteCollateral(market(), prices(1800n), 0, 1_000n * 10n ** 6n)).to.equal(572737686139747995n);
  });
  it("error: MathRevertError NotForSale when reserves are at target", () => {
    const m = { ...market(), targetReserves: 100n, collateralReserves: [E18] };
    expect(() => buyCollateral(m, prices(1800n), { assetIndex: 0, baseAmount: 10n ** 6n })).to.throw(
      MathRevertError,
      "NotForSale",
    );
  });
});
