import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test scenario with a liquid-staking token (issue 14), on Aave v3.6: wstETH pegged at 1.2 WETH
 * (mainnet's stETH per wstETH is about 1.2), its own Uniswap V3 wstETH/WETH pool at the 0.01% tier, an Aave
 * reserve with mainnet's wstETH terms (LTV 78.5%, LT 81%, bonus 6%), an ETH-correlated e-mode category
 * (LTV 93%, LT 95%, bonus 1%, mainnet's), 60 wstETH/USDC borrowers and 60 e-mode loops (wstETH against
 * WETH, health 1.01–1.15); a −30% crash in 5 minutes.
 *
 * @param options - the wstETH oracle: `market` (its own pool's price times WETH's, pushed on a 0.5%
 *   deviation after one block, like Chainlink's stETH/ETH) or `exchange-rate` (Aave's adapter); edits to the
 *   raw scenario before validation.
 * @returns a validated scenario.
 */
export function lstScenario(
  options: {
    oracle?: "market" | "exchange-rate";
    /** Add a cWETHv3-like Comet market (WETH base, prices in WETH, wstETH collateral) with 60 loops. */
    cometWeth?: boolean;
    /** Add a Morpho Blue wstETH/WETH market at LLTV 0.945 (mainnet's largest LST market) with 60 loops. */
    morphoWsteth?: boolean;
    // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
    patch?: (raw: Record<string, any>) => void;
  } = {},
): Scenario {
  return testScenario((raw) => {
    raw.name = "test-lst";
    raw.description = `The test world with wstETH pegged at 1.2 WETH on its own pool, its oracle ${options.oracle ?? "market"}, 60 wstETH/USDC borrowers and 60 e-mode loops; ETH −30% in 5 minutes.`;
    const weth = raw.assets.find((a: { symbol: string }) => a.symbol === "WETH");
    raw.assets.push({
      symbol: "wstETH",
      decimals: 18,
      priceUsd: 1.2 * weth.priceUsd,
      peg: { asset: "WETH", rate: 1.2 },
    });
    raw.pools.push({
      id: "wsteth-weth-1",
      kind: "uniswap-v3",
      pair: ["wstETH", "WETH"],
      feePips: 100,
      positions: [
        { lowerPrice: 1.19, upperPrice: 1.21, valueUsd: 6_000_000 },
        { lowerPrice: 1.1, upperPrice: 1.22, valueUsd: 6_000_000 },
        { lowerPrice: 0.5, upperPrice: 1.3, valueUsd: 6_000_000 },
      ],
    });
    raw.oracles.push({
      asset: "wstETH",
      policy:
        (options.oracle ?? "market") === "market"
          ? { kind: "push", deviationBps: 50, heartbeatSeconds: 86_400, latencyBlocks: 1 }
          : { kind: "exchange-rate" },
    });
    const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
    aave.profile = "v3.6";
    aave.reserves.push({
      asset: "wstETH",
      ltvBps: 7850,
      liquidationThresholdBps: 8100,
      liquidationBonusBps: 10600,
      protocolFeeBps: 1000,
    });
    aave.eModeCategories = [
      {
        id: 1,
        label: "ETH correlated",
        ltvBps: 9300,
        liquidationThresholdBps: 9500,
        liquidationBonusBps: 10100,
        collateral: ["WETH", "wstETH"],
        borrowable: ["WETH"],
      },
    ];
    raw.borrowers.push(
      {
        market: "aave",
        generator: {
          count: 60,
          collateral: "wstETH",
          debt: "USDC",
          healthFactor: { dist: "uniform", min: 1.02, max: 1.6 },
          collateralUsd: { dist: "lognormal", median: 80_000, sigma: 1 },
        },
      },
      {
        market: "aave",
        generator: {
          count: 60,
          collateral: "wstETH",
          debt: "WETH",
          eMode: 1,
          healthFactor: { dist: "uniform", min: 1.01, max: 1.15 },
          collateralUsd: { dist: "lognormal", median: 300_000, sigma: 1 },
        },
      },
    );
    if (options.cometWeth) {
      raw.markets.push(cometWethMarket());
      raw.borrowers.push({
        market: "compound-weth",
        generator: {
          count: 60,
          collateral: "wstETH",
          debt: "WETH",
          healthFactor: { dist: "uniform", min: 1.01, max: 1.15 },
          collateralUsd: { dist: "lognormal", median: 300_000, sigma: 1 },
        },
      });
    }
    if (options.morphoWsteth) {
      raw.markets.push(morphoWstethMarket());
      raw.borrowers.push({
        market: "morpho-wsteth-weth",
        generator: {
          count: 60,
          collateral: "wstETH",
          debt: "WETH",
          healthFactor: { dist: "uniform", min: 1.005, max: 1.06 },
          collateralUsd: { dist: "lognormal", median: 300_000, sigma: 1 },
        },
      });
    }
    raw.shock = { kind: "generator", dropPct: 30, durationSeconds: 300, shape: "linear" };
    raw.maxBlocks = 150;
    options.patch?.(raw);
  });
}

/**
 * A Comet market as mainnet's cWETHv3 is configured (compound-finance/comet deployments/mainnet/weth/
 * configuration.json): WETH base priced in WETH, storefront factor 0.5, target reserves 5,000 WETH, its
 * rates, wstETH at borrow/liquidate/liquidation factors 0.90/0.93/0.95 with a 64,500 cap; 1,000 WETH of
 * reserves, 85% utilisation, 30 days of history.
 */
export function cometWethMarket(): Record<string, unknown> {
  return {
    id: "compound-weth",
    kind: "compound-v3",
    base: "WETH",
    priceFeeds: "in-base",
    storeFrontPriceFactor: 0.5,
    targetReserves: 5000,
    reserves: 1000,
    utilization: 0.85,
    historyDays: 30,
    interestRates: {
      supplyKink: 0.9,
      supplySlopeLow: 0.0283824,
      supplySlopeHigh: 0.6066567706,
      supplyBase: 0,
      borrowKink: 0.9,
      borrowSlopeLow: 0.05171500002,
      borrowSlopeHigh: 0.5171500339,
      borrowBase: 0.009945209674,
    },
    collaterals: [
      {
        asset: "wstETH",
        borrowCollateralFactor: 0.9,
        liquidateCollateralFactor: 0.93,
        liquidationFactor: 0.95,
        supplyCap: 64_500,
      },
    ],
  };
}

/**
 * A Morpho Blue market as mainnet's largest LST market is configured: WETH lent against wstETH at LLTV 0.945
 * (incentive min(1.15, 1/(1 − 0.3 · 0.055)) ≈ 1.0168), the AdaptiveCurveIrm, no fee, suppliers at the 90%
 * target, 10 days of history. Its oracle is MorphoChainlinkOracleV2 over wstETH's and WETH's feeds, so it
 * reads whatever wstETH's oracle policy gives: the exchange rate (as mainnet's, through an exchange-rate
 * adapter) or the wstETH pool's market price.
 */
export function morphoWstethMarket(): Record<string, unknown> {
  return {
    id: "morpho-wsteth-weth",
    kind: "morpho-blue",
    loan: "WETH",
    collateral: "wstETH",
    lltv: 0.945,
    fee: 0,
    irm: "adaptive-curve",
    utilization: 0.9,
    historyDays: 10,
  };
}
