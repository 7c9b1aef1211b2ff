import { expect } from "chai";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../src/model/lending/aave/executeLiquidationCall.js";
import type { AavePosition, AaveReserve } from "../../src/model/lending/aave/types.js";
import { RAY } from "../../src/model/lending/aave/WadRayMath.js";

const MAX = (1n << 256n) - 1n;
const reserve = (symbol: string, decimals: number, lt: bigint, bonus: bigint, fee: bigint): AaveReserve => ({
  symbol,
  decimals,
  ltvBps: lt - 250n,
  liquidationThresholdBps: lt,
  liquidationBonusBps: bonus,
  protocolFeeBps: fee,
  liquidityIndexRay: RAY,
  variableBorrowIndexRay: RAY,
});
const weth = (fee = 0n) => reserve("WETH", 18, 8250n, 10500n, fee);
const usdc = reserve("USDC", 6, 7800n, 10450n, 0n);
const position = (wethAmount: bigint, usdcDebt: bigint): AavePosition => ({
  id: "u",
  scaledCollateral: [wethAmount, 0n],
  scaledDebt: [0n, usdcDebt],
  usingAsCollateral: [true, false],
});
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

describe("calculateUserAccountData", () => {
  it("default: HF of 10 WETH at $2,000 against 15,000 USDC is 1.1 (hand: 20000·0.825/15000)", () => {
    const a = calculateUserAccountData(
      [weth(), usdc],
      position(10n * E18, 15_000n * E6),
      [2000n * 10n ** 8n, 10n ** 8n],
      "v3.0",
    );
    expect(a.totalCollateralBase).to.equal(20_000n * 10n ** 8n);
    expect(a.totalDebtBase).to.equal(15_000n * 10n ** 8n);
    expect(a.healthFactor).to.equal(11n * 10n ** 17n);
  });
  it("behavior: no debt gives type(uint256).max", () => {
    expect(
      calculateUserAccountData([weth(), usdc], position(E18, 0n), [2000n * 10n ** 8n, 10n ** 8n], "v3.6")
        .healthFactor,
    ).to.equal(MAX);
  });
});

describe("executeLiquidationCall", () => {
  const prices1500 = [1500n * 10n ** 8n, 10n ** 8n];
  it("default: v3.0 reproduces the on-chain liquidation in CHAIN-NOTES — all 10 WETH for 14,285.714286 USDC, 714.285714 left", () => {
    const r = executeLiquidationCall({
      profile: "v3.0",
      reserves: [weth(), usdc],
      prices: prices1500,
      position: position(10n * E18, 15_000n * E6),
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    expect(r.healthFactorBefore).to.equal(825n * 10n ** 15n);
    expect(r.actualCollateralToLiquidate).to.equal(10n * E18);
    expect(r.actualDebtToLiquidate).to.equal(14_285_714_286n);
    expect(r.position.scaledDebt[1]).to.equal(15_000n * E6 - 14_285_714_286n);
    expect(r.position.usingAsCollateral[0]).to.equal(false);
    expect(r.deficit).to.deep.equal([0n, 0n]);
  });
  it("behavior: v3.6 burns the leftover into the reserve's deficit", () => {
    const r = executeLiquidationCall({
      profile: "v3.6",
      reserves: [weth(), usdc],
      prices: prices1500,
      position: position(10n * E18, 15_000n * E6),
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    expect(r.actualDebtToLiquidate).to.equal(14_285_714_286n);
    expect(r.deficit[1]).to.equal(714_285_714n);
    expect(r.position.scaledDebt[1]).to.equal(0n);
  });
  it("behavior: v3.0 close factor is 50% above HF 0.95 and 100% at or below it", () => {
    // HF 0.96: 100 WETH at $1,745.45... → choose debt so HF is just above / below 0.95 at $2,000.
    const hfAbove = position(100n * E18, 171_000n * E6); // 200000·0.825/171000 = 0.9649
    const hfBelow = position(100n * E18, 175_000n * E6); // 0.9428
    const p = [2000n * 10n ** 8n, 10n ** 8n];
    const a = executeLiquidationCall({
      profile: "v3.0",
      reserves: [weth(), usdc],
      prices: p,
      position: hfAbove,
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    expect(a.actualDebtToLiquidate).to.equal(85_500n * E6);
    const b = executeLiquidationCall({
      profile: "v3.0",
      reserves: [weth(), usdc],
      prices: p,
      position: hfBelow,
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    expect(b.actualDebtToLiquidate).to.equal(175_000n * E6);
    // Hand: collateral = debt·price_debt/price_coll · bonus = 175000/2000 · 1.05 = 91.875 WETH.
    expect(b.actualCollateralToLiquidate).to.equal(91_875n * 10n ** 15n);
  });
  it("behavior: the protocol fee is 10% of the bonus, taken from the collateral", () => {
    const r = executeLiquidationCall({
      profile: "v3.0",
      reserves: [weth(1000n), usdc],
      prices: [2000n * 10n ** 8n, 10n ** 8n],
      position: position(100n * E18, 175_000n * E6),
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    // bonus part = 91.875 − 91.875/1.05 = 4.375 WETH; fee = 0.4375 WETH.
    expect(r.liquidationProtocolFeeAmount).to.equal(4375n * 10n ** 14n);
    expect(r.actualCollateralToLiquidate).to.equal(91_875n * 10n ** 15n - 4375n * 10n ** 14n);
  });
  it("behavior: v3.6 liquidates 100% of a small position above HF 0.95 (under $2,000)", () => {
    const small = position(E18, 1_650n * E6); // $1,900 collateral at $1,900: HF 0.95..., debt $1,650
    const r = executeLiquidationCall({
      profile: "v3.6",
      reserves: [weth(), usdc],
      prices: [1950n * 10n ** 8n, 10n ** 8n],
      position: small,
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX,
    });
    expect(r.actualDebtToLiquidate).to.equal(1_650n * E6);
  });
  it("error: MathRevertError when the position is healthy (45)", () => {
    expect(() =>
      executeLiquidationCall({
        profile: "v3.0",
        reserves: [weth(), usdc],
        prices: [2000n * 10n ** 8n, 10n ** 8n],
        position: position(10n * E18, 15_000n * E6),
        collateralIndex: 0,
        debtIndex: 1,
        debtToCover: MAX,
      }),
    ).to.throw(MathRevertError, "45");
  });
});
