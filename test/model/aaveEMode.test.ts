import { expect } from "chai";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import {
  calculateUserAccountData,
  MAX_UINT256,
} from "../../src/model/lending/aave/calculateUserAccountData.js";
import { liquidationCallV36 } from "../../src/model/lending/aave/liquidationCallV36.js";
import { setUserEModeV36 } from "../../src/model/lending/aave/pool/setUserEModeV36.js";
import type {
  AaveEModeCategory,
  AavePoolModel,
  AavePosition,
  AaveReserve,
} from "../../src/model/lending/aave/types.js";
import { RAY } from "../../src/model/lending/aave/WadRayMath.js";

// Aave v3.6's e-mode, against hand computations: Aave Core's ETH-correlated category (LTV 93%, LT 95%,
// bonus 1%) over WETH (LT 83%, bonus 5%) and wstETH (LT 81%, bonus 6%, treasury 10% of the bonus).
const reserve = (symbol: string, lt: bigint, bonus: bigint): AaveReserve => ({
  symbol,
  decimals: 18,
  ltvBps: lt - 250n,
  liquidationThresholdBps: lt,
  liquidationBonusBps: bonus,
  protocolFeeBps: 1000n,
  liquidityIndexRay: RAY,
  variableBorrowIndexRay: RAY,
});
const reserves = [reserve("WETH", 8300n, 10500n), reserve("wstETH", 8100n, 10600n)];
const prices = [3000n * 10n ** 8n, 3600n * 10n ** 8n];
const ethCorrelated: AaveEModeCategory = {
  id: 1,
  ltvBps: 9300n,
  liquidationThresholdBps: 9500n,
  liquidationBonusBps: 10100n,
  collateral: [true, true],
  borrowable: [true, false],
  ltvzero: [false, false],
};
// A wstETH loop: 10 wstETH ($36,000) against 11.5 WETH ($34,500).
const loop = (eModeCategory: number): AavePosition => ({
  id: "loop",
  scaledCollateral: [0n, 10n * 10n ** 18n],
  scaledDebt: [115n * 10n ** 17n, 0n],
  usingAsCollateral: [false, true],
  eModeCategory,
});

describe("Aave v3.6 e-mode in the model (issue 14)", () => {
  it("behavior: a user in the ETH-correlated category is valued at its 95% threshold, outside it at wstETH's own 81%", () => {
    const inside = calculateUserAccountData(reserves, loop(1), prices, "v3.6", [ethCorrelated]);
    const outside = calculateUserAccountData(reserves, loop(0), prices, "v3.6", [ethCorrelated]);
    // Hand: 36,000 · 0.95 / 34,500 = 0.991304…; 36,000 · 0.81 / 34,500 = 0.845217…
    expect(Number(inside.healthFactor) / 1e18).to.be.closeTo(0.9913043478, 1e-9);
    expect(Number(outside.healthFactor) / 1e18).to.be.closeTo(0.8452173913, 1e-9);
    expect(inside.avgLtvBps).to.equal(9300n);
  });

  it("behavior: liquidating the loop in e-mode pays the category's 1% bonus on half the debt; out of e-mode, wstETH's 6% on all of it", () => {
    const call = (eMode: number) =>
      liquidationCallV36({
        profile: "v3.6",
        reserves,
        prices,
        position: loop(eMode),
        collateralIndex: 1,
        debtIndex: 0,
        debtToCover: MAX_UINT256,
        eModeCategories: [ethCorrelated],
      });
    // In e-mode, HF 0.9913 > 0.95: half the $34,500 debt, 5.75 WETH, for 5.75 · 3,000 / 3,600 · 1.01 =
    // 4.8395833 wstETH, of which the treasury takes 10% of the bonus (0.0047917).
    const inside = call(1);
    expect(Number(inside.actualDebtToLiquidate) / 1e18).to.be.closeTo(5.75, 1e-12);
    expect(Number(inside.actualCollateralToLiquidate) / 1e18).to.be.closeTo(
      4.8395833333 - 0.0047916667,
      1e-9,
    );
    expect(Number(inside.liquidationProtocolFeeAmount) / 1e18).to.be.closeTo(0.0047916667, 1e-9);
    // Out of e-mode, HF 0.845 ≤ 0.95: all 11.5 WETH would need 10.158 wstETH > 10, so all 10 go and the
    // debt repaid is 10 · 3,600 / 3,000 / 1.06 = 11.3207547 WETH; the 0.179 WETH left becomes deficit.
    const outside = call(0);
    expect(Number(outside.actualDebtToLiquidate) / 1e18).to.be.closeTo(11.320754717, 1e-9);
    expect(
      Number(outside.actualCollateralToLiquidate + outside.liquidationProtocolFeeAmount) / 1e18,
    ).to.be.closeTo(10, 1e-12);
    expect(Number(outside.deficit[0]) / 1e18).to.be.closeTo(11.5 - 11.320754717, 1e-9);
  });

  it("behavior: receiveAToken moves the seized aTokens to the liquidator and leaves the reserve's cash untouched", () => {
    const result = liquidationCallV36({
      profile: "v3.6",
      reserves,
      prices,
      position: loop(1),
      collateralIndex: 1,
      debtIndex: 0,
      debtToCover: MAX_UINT256,
      eModeCategories: [ethCorrelated],
      cash: [100n * 10n ** 18n, 1n],
      receiveAToken: true,
    });
    // At index 1 ray the scaled amount is the amount; the wstETH reserve held 1 wei of cash and still does.
    expect(result.seizedScaledCollateral).to.equal(result.actualCollateralToLiquidate);
    expect(result.cash![1]).to.equal(1n);
    expect(result.cash![0]).to.equal(100n * 10n ** 18n + result.actualDebtToLiquidate);
  });

  it("behavior: leaving e-mode is refused while the user borrows what only e-mode allows it to, and entering it with USDC-like debt is refused", () => {
    const pool: AavePoolModel = { reserves, prices, eModeCategories: [ethCorrelated], nowSeconds: 0n };
    // Out of e-mode its HF would be 0.845 < 1: the switch back reverts on the health check.
    expect(() => setUserEModeV36(pool, loop(1), 0)).to.throw(
      MathRevertError,
      /HealthFactorLowerThanLiquidationThreshold/,
    );
    // wstETH is not borrowable in the category: a wstETH borrower cannot enter it.
    const wstEthBorrower: AavePosition = {
      ...loop(0),
      scaledDebt: [0n, 1n],
      scaledCollateral: [10n ** 19n, 0n],
      usingAsCollateral: [true, false],
    };
    expect(() => setUserEModeV36(pool, wstEthBorrower, 1)).to.throw(MathRevertError, /InvalidDebtInEmode/);
  });

  it("behavior: with collateral and debt in one reserve the seizure is paid from the aToken's token balance before the repayment arrives: an aToken holding one wei less than the seizure reverts, though the repayment would keep its virtual balance above 0", () => {
    // A WETH/WETH position: 12 WETH collateral, 11.5 WETH debt, at WETH's 83%: HF 0.866 ≤ 0.95, so all the
    // debt can be covered; the seizure is 11.5 · 1.05 = 12.075 > 12: all 12 WETH go (less the fee).
    const wethOnWeth: AavePosition = {
      id: "weth-weth",
      scaledCollateral: [12n * 10n ** 18n, 0n],
      scaledDebt: [115n * 10n ** 17n, 0n],
      usingAsCollateral: [true, false],
    };
    const call = (cashWeth: bigint) =>
      liquidationCallV36({
        profile: "v3.6",
        reserves,
        prices,
        position: wethOnWeth,
        collateralIndex: 0,
        debtIndex: 0,
        debtToCover: MAX_UINT256,
        cash: [cashWeth, 0n],
      });
    const paid = call(100n * 10n ** 18n);
    const seized = paid.actualCollateralToLiquidate;
    // Hand: the treasury keeps 10% of the bonus part of 12 WETH: 12 − 12 · 0.05/1.05 · 0.1 = 11.942857…
    expect(Number(seized) / 1e18).to.be.closeTo(12 - (12 * 0.05 * 0.1) / 1.05, 1e-9);
    expect(paid.cash![0]).to.equal(100n * 10n ** 18n + paid.actualDebtToLiquidate - seized);
    // With one wei less than the seizure in the aToken, the token's transfer reverts.
    expect(() => call(seized - 1n)).to.throw(MathRevertError, /token transfer exceeds balance/);
    expect(call(seized).cash![0]).to.equal(paid.actualDebtToLiquidate);
  });

  it("behavior: v3.7's isolated category gives collateral outside it LTV 0 (its threshold stays the reserve's), so a user holding it enabled cannot enter; the same category not isolated lets it in", () => {
    const usdc = reserve("USDC", 7800n, 10450n);
    const three = [...reserves, usdc];
    const category: AaveEModeCategory = {
      ...ethCorrelated,
      collateral: [true, true, false],
      borrowable: [true, false, false],
      ltvzero: [false, false, false],
    };
    // 30,000 USDC and 10 wstETH as collateral, 5 WETH borrowed.
    const mixed: AavePosition = {
      id: "mixed",
      scaledCollateral: [0n, 10n * 10n ** 18n, 30_000n * 10n ** 18n],
      scaledDebt: [5n * 10n ** 18n, 0n, 0n],
      usingAsCollateral: [false, true, true],
    };
    const threePrices = [...prices, 10n ** 8n];
    const pool = (isolated: boolean): AavePoolModel => ({
      profile: "v3.7",
      reserves: three,
      prices: threePrices,
      eModeCategories: [{ ...category, isolated }],
      nowSeconds: 0n,
    });
    expect(() => setUserEModeV36(pool(true), mixed, 1)).to.throw(MathRevertError, /InvalidCollateralInEmode/);
    expect(setUserEModeV36(pool(false), mixed, 1).position.eModeCategory).to.equal(1);
    // Inside the isolated category: LTV from wstETH alone, (36,000 · 93%) / 66,000 = 5,072.7 bps; the
    // threshold still counts USDC at its own 78%: (36,000 · 95% + 30,000 · 78%) / 66,000 = 8,727.3 bps.
    const inside = calculateUserAccountData(three, { ...mixed, eModeCategory: 1 }, threePrices, "v3.6", [
      { ...category, isolated: true },
    ]);
    expect(inside.avgLtvBps).to.equal((36_000n * 9300n) / 66_000n);
    expect(inside.hasZeroLtvCollateral).to.equal(true);
    expect(inside.avgLiquidationThresholdBps).to.equal((36_000n * 9500n + 30_000n * 7800n) / 66_000n);
  });
});
