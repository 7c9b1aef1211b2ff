import { AdaptiveCurveIrmLib, MarketUtils, SharesMath } from "@morpho-org/blue-sdk";
import { expect } from "chai";
import fc from "fast-check";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { accrueInterest } from "../../src/model/lending/morpho/accrueInterest.js";
import {
  adaptiveCurveBorrowRate,
  INITIAL_RATE_AT_TARGET,
  MAX_RATE_AT_TARGET,
  MIN_RATE_AT_TARGET,
  wExp,
} from "../../src/model/lending/morpho/adaptiveCurveIrm.js";
import { isHealthy } from "../../src/model/lending/morpho/isHealthy.js";
import { liquidate } from "../../src/model/lending/morpho/liquidate.js";
import { liquidationIncentiveFactor } from "../../src/model/lending/morpho/liquidationIncentiveFactor.js";
import { SharesMathLib } from "../../src/model/lending/morpho/SharesMathLib.js";
import type { MorphoMarket } from "../../src/model/lending/morpho/types.js";

const WAD = 10n ** 18n;
const LLTVS = [385n, 625n, 770n, 860n, 915n, 945n, 965n, 980n].map((x) => x * 10n ** 15n);

/** A market state: shares priced between 1e-3 and 1e3 of the default 1e6 shares per asset (interest, bad debt). */
const marketArb = fc
  .record({
    supplyAssets: fc.bigInt({ min: 0n, max: 10n ** 26n }),
    utilisationPpm: fc.bigInt({ min: 0n, max: 1_000_000n }),
    supplySharePpm: fc.bigInt({ min: 1_000n, max: 1_000_000_000n }),
    borrowSharePpm: fc.bigInt({ min: 1_000n, max: 1_000_000_000n }),
    fee: fc.bigInt({ min: 0n, max: 25n * 10n ** 16n }),
  })
  .map(({ supplyAssets, utilisationPpm, supplySharePpm, borrowSharePpm, fee }): MorphoMarket => {
    const borrowAssets = (supplyAssets * utilisationPpm) / 1_000_000n;
    return {
      totalSupplyAssets: supplyAssets,
      totalSupplyShares: supplyAssets * supplySharePpm,
      totalBorrowAssets: borrowAssets,
      totalBorrowShares: borrowAssets * borrowSharePpm,
      lastUpdate: 1_700_000_000n,
      fee,
      rateAtTarget: 0n,
    };
  });

// Morpho's own TypeScript SDK (@morpho-org/blue-sdk 6.4.0) implements the same computations independently of
// this model: where both cover one, they must agree to the unit on random states.
describe("Morpho Blue's math against @morpho-org/blue-sdk (issue 18)", () => {
  it("shares ↔ assets both ways, both roundings", () => {
    fc.assert(
      fc.property(marketArb, fc.bigInt({ min: 0n, max: 10n ** 36n }), (m, x) => {
        const [ta, ts] = [m.totalSupplyAssets, m.totalSupplyShares];
        expect(SharesMathLib.toSharesDown(x, ta, ts)).to.equal(SharesMath.toShares(x, ta, ts, "Down"));
        expect(SharesMathLib.toSharesUp(x, ta, ts)).to.equal(SharesMath.toShares(x, ta, ts, "Up"));
        expect(SharesMathLib.toAssetsDown(x, ta, ts)).to.equal(SharesMath.toAssets(x, ta, ts, "Down"));
        expect(SharesMathLib.toAssetsUp(x, ta, ts)).to.equal(SharesMath.toAssets(x, ta, ts, "Up"));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it("the liquidation incentive factor of every LLTV mainnet enables (0.86 → 1.0438…, 0.385 → 1.15 capped)", () => {
    for (const lltv of LLTVS)
      expect(liquidationIncentiveFactor(lltv), `lltv ${lltv}`).to.equal(
        MarketUtils.getLiquidationIncentiveFactor({ lltv }),
      );
    // By hand: 1 / (1 − 0.3 · 0.14) = 1 / 0.958 = 1.043841336116910229…, rounded down in WAD.
    expect(liquidationIncentiveFactor(860n * 10n ** 15n)).to.equal(1_043_841_336_116_910_229n);
    expect(liquidationIncentiveFactor(385n * 10n ** 15n)).to.equal(115n * 10n ** 16n);
  });

  it("interest and fee shares accrued over random times at random rates", () => {
    fc.assert(
      fc.property(
        marketArb,
        fc.bigInt({ min: 0n, max: 10n ** 11n }), // up to ~300% a year per second, WAD
        fc.bigInt({ min: 1n, max: 365n * 86_400n }),
        (m, rate, elapsed) => {
          const ours = accrueInterest(
            m,
            { lltv: WAD, irm: (mk) => ({ borrowRate: rate, rateAtTarget: mk.rateAtTarget }) },
            m.lastUpdate + elapsed,
          );
          const sdk = MarketUtils.getAccruedInterest(rate, m, elapsed);
          expect(ours.interest).to.equal(sdk.interest);
          expect(ours.feeShares).to.equal(m.fee === 0n ? 0n : sdk.feeShares);
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });

  it("health and a liquidation's two sides (seized collateral from repaid shares and back) at random prices", () => {
    fc.assert(
      fc.property(
        marketArb.filter((m) => m.totalBorrowShares > 0n),
        fc.constantFrom(...LLTVS),
        fc.bigInt({ min: 1n, max: 10n ** 40n }), // price, 1e36-scaled and decimals-adjusted
        fc.bigInt({ min: 1n, max: 1_000_000n }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        (m, lltv, price, sharePpm, collateral) => {
          const position = {
            supplyShares: 0n,
            borrowShares: (m.totalBorrowShares * sharePpm) / 1_000_000n,
            collateral,
          };
          const market = { ...m, price };
          expect(isHealthy(m, lltv, position, price)).to.equal(
            MarketUtils.isHealthy(position, market, { lltv }),
          );
          if (isHealthy(m, lltv, position, price) || position.borrowShares === 0n) return;
          const at = { collateralPrice: price, nowSeconds: m.lastUpdate };
          try {
            const byShares = liquidate(m, { lltv }, position, {
              ...at,
              seizedAssets: 0n,
              repaidShares: position.borrowShares,
            });
            expect(byShares.seizedAssets).to.equal(
              MarketUtils.getLiquidationSeizedAssets(position.borrowShares, market, { lltv }),
            );
          } catch (error) {
            if (!(error instanceof MathRevertError)) throw error; // seizing more than the collateral: the contract reverts too
          }
          const seized = collateral / 2n + 1n;
          try {
            const bySeized = liquidate(m, { lltv }, position, {
              ...at,
              seizedAssets: seized,
              repaidShares: 0n,
            });
            expect(bySeized.repaidShares).to.equal(
              MarketUtils.getLiquidationRepaidShares(seized, market, { lltv }),
            );
          } catch (error) {
            if (!(error instanceof MathRevertError)) throw error; // repaying more shares than the position owes
          }
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });

  it("AdaptiveCurveIrm: wExp, and the average rate and end rate at target over random times and utilisations", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -50n * WAD, max: 100n * WAD }), (x) => {
        expect(wExp(x)).to.equal(AdaptiveCurveIrmLib.wExp(x));
      }),
      { numRuns: 2000, seed: 18 },
    );
    fc.assert(
      fc.property(
        marketArb,
        fc.oneof(fc.constant(0n), fc.bigInt({ min: MIN_RATE_AT_TARGET, max: MAX_RATE_AT_TARGET })),
        fc.bigInt({ min: 0n, max: 5n * 365n * 86_400n }),
        (m, rateAtTarget, elapsed) => {
          const ours = adaptiveCurveBorrowRate({ ...m, rateAtTarget }, m.lastUpdate + elapsed);
          const utilization =
            m.totalSupplyAssets > 0n ? (m.totalBorrowAssets * WAD) / m.totalSupplyAssets : 0n;
          // The SDK starts a market's first interaction (rate at target 0) from the initial rate itself.
          const sdk = AdaptiveCurveIrmLib.getBorrowRate(
            utilization,
            rateAtTarget,
            rateAtTarget === 0n ? 0n : elapsed,
          );
          expect(ours.borrowRate).to.equal(sdk.avgBorrowRate);
          expect(ours.rateAtTarget).to.equal(sdk.endRateAtTarget);
        },
      ),
      { numRuns: 3000, seed: 18 },
    );
    // By hand: at the target utilisation (err 0) the rate is the rate at target, the initial 4% a year per second.
    const atTarget = { totalSupplyAssets: 10n * WAD, totalBorrowAssets: 9n * WAD } as const;
    const first = adaptiveCurveBorrowRate(
      {
        ...atTarget,
        totalSupplyShares: 0n,
        totalBorrowShares: 0n,
        lastUpdate: 0n,
        fee: 0n,
        rateAtTarget: 0n,
      },
      100n,
    );
    expect(first.borrowRate).to.equal((4n * WAD) / 100n / (365n * 86_400n));
    expect(first.rateAtTarget).to.equal(INITIAL_RATE_AT_TARGET);
  });
});
