import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test replica's world in mainnet's corner: Aave v3.6 (or, with `profile`, v3.0 through @aave/core-v3's
 * own rate strategy) whose WETH reserve is 85% borrowed (cash is
 * finite; the utilisation borrower's USDC collateral leaves USDC at what the book gives), with a year of
 * interest at mainnet-like rate curves before the shock (indices off 1 ray), Comet at cUSDCv3's launch
 * curves, 85% utilised with the same year of interest, and the linear −40% crash.
 *
 * @returns a validated scenario.
 */
export function mainnetLikeScenario(profile: "v3.6" | "v3.0" = "v3.6"): Scenario {
  return testScenario((raw) => {
    raw.name = profile === "v3.6" ? "test-mainnet-like" : `test-mainnet-like-${profile}`;
    raw.shock = { kind: "generator", dropPct: 40, durationSeconds: 900, shape: "linear" };
    const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
    aave.profile = profile;
    aave.historyDays = 365;
    // Comet as cUSDCv3 launched (compound-finance/comet deployments/mainnet/usdc/configuration.json):
    // rates accruing, 85% utilised, a year of history.
    const comet = raw.markets.find((m: { id: string }) => m.id === "compound-usdc");
    Object.assign(comet, {
      utilization: 0.85,
      historyDays: 365,
      interestRates: {
        supplyKink: 0.8,
        supplySlopeLow: 0.0325,
        supplySlopeHigh: 0.4,
        supplyBase: 0,
        borrowKink: 0.8,
        borrowSlopeLow: 0.035,
        borrowSlopeHigh: 0.25,
        borrowBase: 0.015,
      },
    });
    const [weth, usdc] = aave.reserves;
    Object.assign(weth, {
      utilization: 0.85,
      reserveFactorBps: 1500,
      interestRates: {
        optimalUsageRatioBps: 9000,
        baseVariableBorrowRateBps: 0,
        variableRateSlope1Bps: 270,
        variableRateSlope2Bps: 8000,
      },
    });
    Object.assign(usdc, {
      reserveFactorBps: 1000,
      interestRates: {
        optimalUsageRatioBps: 9200,
        baseVariableBorrowRateBps: 0,
        variableRateSlope1Bps: 650,
        variableRateSlope2Bps: 6000,
      },
    });
  });
}
