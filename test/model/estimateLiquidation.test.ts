import { expect } from "chai";
import fc from "fast-check";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { estimateLiquidation } from "../../src/model/lending/aave/estimateLiquidation.js";
import { executeLiquidationCall } from "../../src/model/lending/aave/executeLiquidationCall.js";
import type { AaveReserve, AaveVersionProfile } from "../../src/model/lending/aave/types.js";
import { RAY, rayMul, rayMulCeil, rayMulFloor } from "../../src/model/lending/aave/WadRayMath.js";

const MAX = (1n << 256n) - 1n;

describe("estimateLiquidation", () => {
  it("default: 10 WETH at $1,500 against 15,000 USDC (v3.0) — all 10 WETH for 14,285.714286 USDC, as on chain (CHAIN-NOTES)", () => {
    const e = estimateLiquidation({
      profile: "v3.0",
      collateral: {
        units: 10,
        decimals: 18,
        priceUsd: 1500,
        liquidationThresholdBps: 8250,
        liquidationBonusBps: 10500,
        protocolFeeBps: 0,
      },
      debt: { units: 15_000, decimals: 6, priceUsd: 1 },
    })!;
    expect(e.healthFactor).to.be.closeTo(0.825, 1e-12);
    expect(e.collateralReceived).to.be.closeTo(10, 1e-12);
    expect(e.debtRepaid).to.be.closeTo(14_285.714286, 1e-6);
  });

  it("behavior: healthy positions, and positions at a rule's boundary, get no estimate", () => {
    const at = (units: number, profile: AaveVersionProfile = "v3.0") =>
      estimateLiquidation({
        profile,
        collateral: {
          units,
          decimals: 18,
          priceUsd: 2000,
          liquidationThresholdBps: 8000,
          liquidationBonusBps: 10500,
          protocolFeeBps: 1000,
        },
        debt: { units: 1600, decimals: 6, priceUsd: 1 },
      });
    expect(at(1.1)).to.equal(undefined); // HF 1.1
    expect(at(1)).to.equal(undefined); // HF exactly 1
    expect(at(0.95)).to.equal(undefined); // HF exactly 0.95: the close factor's boundary
    expect(at(0.9)).to.not.equal(undefined);
    // v3.6: $2,000 of collateral is the 50%/100% close-factor boundary.
    expect(at(1, "v3.6")).to.equal(undefined);
  });

  it("invariant: on random one-collateral, one-debt positions it agrees with executeLiquidationCall within its tolerances", () => {
    let estimated = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<AaveVersionProfile>("v3.0", "v3.6"),
        fc.constantFrom(6, 8, 18),
        fc.constantFrom(6, 18),
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.3, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 7, noNaN: true }),
        fc.integer({ min: 10_100, max: 11_500 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.bigInt({ min: 0n, max: RAY / 5n }),
        (profile, cDec, dDec, cPrice, dPrice, hf, log10Usd, bonus, fee, indexBump) => {
          runs++;
          const lt = 8_000;
          const collateral: AaveReserve = {
            symbol: "C",
            decimals: cDec,
            ltvBps: 7_500n,
            liquidationThresholdBps: BigInt(lt),
            liquidationBonusBps: BigInt(bonus),
            protocolFeeBps: BigInt(fee),
            liquidityIndexRay: RAY + indexBump,
            variableBorrowIndexRay: RAY,
          };
          const debtReserve: AaveReserve = {
            symbol: "D",
            decimals: dDec,
            ltvBps: 7_500n,
            liquidationThresholdBps: 7_800n,
            liquidationBonusBps: 10_500n,
            protocolFeeBps: 0n,
            liquidityIndexRay: RAY,
            variableBorrowIndexRay: RAY + indexBump / 2n,
          };
          const collateralUsd = 10 ** log10Usd;
          const debtUsd = (collateralUsd * (lt / 10_000)) / hf;
          const prices = [BigInt(Math.round(cPrice * 1e8)), BigInt(Math.round(dPrice * 1e8))];
          const scaled = (usd: number, price: bigint, decimals: number) =>
            BigInt(Math.round((usd / (Number(price) / 1e8)) * 10 ** Math.min(decimals, 12))) *
            10n ** BigInt(decimals - Math.min(decimals, 12));
          const position = {
            id: "p",
            scaledCollateral: [scaled(collateralUsd, prices[0]!, cDec), 0n],
            scaledDebt: [0n, scaled(debtUsd, prices[1]!, dDec)],
            usingAsCollateral: [true, false],
          };
          const units = (amount: bigint, decimals: number) => Number(amount) / 10 ** decimals;
          const estimate = estimateLiquidation({
            profile,
            collateral: {
              // The balances as the profile's code computes them (v3.6: aToken floor, debt ceil).
              units: units(
                (profile === "v3.6" ? rayMulFloor : rayMul)(
                  position.scaledCollateral[0]!,
                  collateral.liquidityIndexRay,
                ),
                cDec,
              ),
              decimals: cDec,
              priceUsd: Number(prices[0]!) / 1e8,
              liquidationThresholdBps: lt,
              liquidationBonusBps: bonus,
              protocolFeeBps: fee,
            },
            debt: {
              units: units(
                (profile === "v3.6" ? rayMulCeil : rayMul)(
                  position.scaledDebt[1]!,
                  debtReserve.variableBorrowIndexRay,
                ),
                dDec,
              ),
              decimals: dDec,
              priceUsd: Number(prices[1]!) / 1e8,
            },
          });
          if (!estimate) return;
          estimated++;
          let exact: ReturnType<typeof executeLiquidationCall>;
          try {
            exact = executeLiquidationCall({
              profile,
              reserves: [collateral, debtReserve],
              prices,
              position,
              collateralIndex: 0,
              debtIndex: 1,
              debtToCover: MAX,
            });
          } catch (error) {
            // Only v3.6's dust rule may revert a liquidation the estimate describes.
            expect(error).to.be.instanceOf(MathRevertError);
            expect(String(error)).to.match(/MustNotLeaveDust/);
            return;
          }
          expect(Number(exact.healthFactorBefore) / 1e18).to.be.closeTo(estimate.healthFactor, 1e-6);
          expect(units(exact.actualDebtToLiquidate, dDec)).to.be.closeTo(
            estimate.debtRepaid,
            estimate.debtTolerance,
          );
          expect(units(exact.actualCollateralToLiquidate, cDec)).to.be.closeTo(
            estimate.collateralReceived,
            estimate.collateralTolerance,
          );
        },
      ),
      { numRuns: 3000, seed: 20261126 },
    );
    // Most liquidatable draws must get an estimate, or the property says little.
    expect(estimated).to.be.greaterThan(runs * 0.5);
  });
});
