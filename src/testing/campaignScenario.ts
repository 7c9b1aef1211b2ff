import { parseScenario } from "../model/scenario/parseScenario.js";
import type { Scenario } from "../model/scenario/schema.js";

/**
 * The exactness campaign's world (issue 14): an Aave v3.6 market of four reserves shaped on Aave Core's
 * (WETH, USDC, wstETH, DAI), every one with interest running, a month of history (indices off 1 ray), the
 * ETH-correlated and stablecoin e-mode categories (the ETH-correlated one isolated on v3.7), a borrow cap on wstETH and a supply cap on DAI (so both
 * bind), and no borrowers: the campaign's own users open every position. One WETH/USDC pool, as every scenario needs; prices are set on the feeds directly.
 *
 * Terms from Aave Core's mainnet configuration (aave-address-book, governance posts /t/23129 and
 * /t/22625): WETH 80.5/83/5%, wstETH 78.5/81/6%, USDC 75/78/4.5%, ETH-correlated e-mode 93/95/1%.
 *
 * @param profile - the Aave code: v3.6 (its npm package), v3.7 (its pinned git source) or v3.0
 *   (@aave/core-v3 1.19.3, its own rate strategy; the ETH-correlated category lends wstETH too, as v3.0
 *   puts a reserve in one category for collateral and borrowing alike).
 * @returns a validated scenario.
 */
export function campaignScenario(profile: "v3.0" | "v3.6" | "v3.7" = "v3.6"): Scenario {
  const rates = (optimal: number, slope1: number, slope2: number) => ({
    optimalUsageRatioBps: optimal,
    baseVariableBorrowRateBps: 0,
    variableRateSlope1Bps: slope1,
    variableRateSlope2Bps: slope2,
  });
  return parseScenario({
    name: `aave-exactness-campaign-${profile}`,
    seed: 14,
    assets: [
      { symbol: "WETH", decimals: 18, priceUsd: 3000 },
      { symbol: "USDC", decimals: 6, priceUsd: 1 },
      { symbol: "wstETH", decimals: 18, priceUsd: 3600 },
      { symbol: "DAI", decimals: 18, priceUsd: 1 },
    ],
    underlying: "WETH",
    quote: "USDC",
    shock: { kind: "generator", dropPct: 10, durationSeconds: 120 },
    oracles: [],
    pools: [
      {
        id: "weth-usdc-5",
        kind: "uniswap-v3",
        feePips: 500,
        positions: [{ lowerPrice: 1000, upperPrice: 9000, valueUsd: 20_000_000 }],
      },
    ],
    referencePool: "weth-usdc-5",
    markets: [
      {
        id: "aave",
        kind: "aave-v3",
        profile,
        insuranceFundUsd: 1_000_000,
        historyDays: 30,
        reserves: [
          {
            asset: "WETH",
            ltvBps: 8050,
            liquidationThresholdBps: 8300,
            liquidationBonusBps: 10500,
            reserveFactorBps: 1500,
            interestRates: rates(9000, 270, 8000),
            supplyUsd: 6_000_000,
            utilization: 0.6,
          },
          {
            asset: "USDC",
            ltvBps: 7500,
            liquidationThresholdBps: 7800,
            liquidationBonusBps: 10450,
            reserveFactorBps: 1000,
            interestRates: rates(9200, 650, 6000),
          },
          {
            asset: "wstETH",
            ltvBps: 7850,
            liquidationThresholdBps: 8100,
            liquidationBonusBps: 10600,
            protocolFeeBps: 2000,
            reserveFactorBps: 500,
            borrowCap: 150,
            interestRates: rates(8000, 250, 8500),
          },
          {
            asset: "DAI",
            ltvBps: 7500,
            liquidationThresholdBps: 8000,
            liquidationBonusBps: 10500,
            protocolFeeBps: 0,
            reserveFactorBps: 1000,
            supplyCap: 1_500_000,
            interestRates: rates(9200, 600, 7500),
          },
        ],
        eModeCategories: [
          {
            id: 1,
            label: "ETH correlated",
            ltvBps: 9300,
            liquidationThresholdBps: 9500,
            liquidationBonusBps: 10100,
            collateral: ["WETH", "wstETH"],
            // v3.0 puts a reserve in one category for both: its users may borrow wstETH too.
            borrowable: profile === "v3.0" ? ["WETH", "wstETH"] : ["WETH"],
            // On v3.7 isolated: USDC or DAI collateral carries LTV 0 for its users.
            isolated: profile === "v3.7",
          },
          {
            id: 2,
            label: "Stablecoins",
            ltvBps: 9000,
            liquidationThresholdBps: 9300,
            liquidationBonusBps: 10100,
            collateral: ["USDC", "DAI"],
            borrowable: ["USDC", "DAI"],
          },
        ],
      },
    ],
    liquidators: { pool: "weth-usdc-5" },
    thresholds: { ssf: false },
  });
}
