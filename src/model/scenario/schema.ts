import { z } from "zod";
import { daoPolicySchema } from "./daoSchema.js";
import { id, symbol } from "./scenarioFields.js";

// The scenario format. Every field carries a description: `dlcm schema` writes the JSON Schema
// (scenarios/schema.json) that editors use for completion and inline docs.

/** Integer amounts that may exceed 2^53 are written as decimal strings. */
const bigintString = z.string().regex(/^\d+$/, 'an integer written as a decimal string, e.g. "1000000"');
const positive = z.number().positive();
/** A cascade is minutes to days of blocks: a shock longer than 30 days is not one (and would not fit maxBlocks). */
const MAX_SHOCK_SECONDS = 30 * 86_400;
const fraction = z.number().min(0).max(1);

const asset = z
  .object({
    symbol: symbol.describe("Token symbol, unique in the scenario."),
    decimals: z.number().int().min(0).max(36).describe("ERC-20 decimals (WETH 18, USDC 6)."),
    priceUsd: positive.describe("Starting price in USD (a pegged asset's: rate × its peg asset's)."),
    peg: z
      .object({
        asset: symbol.describe("The asset it redeems for: the underlying (wstETH: WETH)."),
        rate: positive.describe(
          "Units of that asset one unit redeems for (wstETH's stETH per token, e.g. 1.2).",
        ),
      })
      .strict()
      .optional()
      .describe(
        "A liquid-staking or wrapped token of the underlying: its market price is its own pool's (a pool whose pair is [this, the underlying]) times the underlying's, so it can depeg under selling; its oracle either follows that market (push/twap) or the redemption rate (kind exchange-rate).",
      ),
  })
  .strict();

const pathShock = z
  .object({
    kind: z.literal("path"),
    points: z
      .array(
        z
          .object({
            t: z.number().min(0).max(MAX_SHOCK_SECONDS).describe("Seconds from start (at most 30 days)."),
            price: positive.describe("USD price."),
          })
          .strict(),
      )
      .min(2)
      .describe(
        "Explicit price points; linearly interpolated per block. The first point is the starting price.",
      ),
  })
  .strict();

const generatorShock = z
  .object({
    kind: z.literal("generator"),
    dropPct: z.number().gt(0).lt(100).describe("Total fall in percent, e.g. 40 for −40%."),
    durationSeconds: positive
      .max(MAX_SHOCK_SECONDS)
      .describe("How long the fall takes, e.g. 900 for 15 minutes (at most 30 days)."),
    shape: z
      .enum(["linear", "front-loaded", "back-loaded", "sigmoid"])
      .default("linear")
      .describe(
        "Time profile of the fall: linear; front-loaded (most of it early); back-loaded; sigmoid (slow-fast-slow).",
      ),
  })
  .strict();

const oraclePolicy = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("push"),
      deviationBps: z
        .number()
        .min(0)
        .max(10_000)
        .describe("Push when the observed price moves this much from the last push (Chainlink ETH/USD: 50)."),
      heartbeatSeconds: positive.describe("Push at least this often (Chainlink ETH/USD: 3600)."),
      latencyBlocks: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe("The price pushed at block b is the market price of block b − latency."),
    })
    .strict(),
  z
    .object({
      kind: z.literal("twap"),
      windowBlocks: z
        .number()
        .int()
        .min(1)
        .describe("Time-weighted average of the market price over this many blocks."),
      latencyBlocks: z.number().int().min(0).default(0),
    })
    .strict(),
  z
    .object({ kind: z.literal("fixed") })
    .strict()
    .describe("The price never moves (stablecoins)."),
  z
    .object({ kind: z.literal("exchange-rate") })
    .strict()
    .describe(
      "A pegged asset's price as Aave's wstETH adapter computes it: its peg asset's oracle price times the redemption rate, floored to 8 decimals, moving when that oracle moves; it never sees the token's own market.",
    ),
]);

const v3Position = z.union([
  z
    .object({
      tickLower: z.number().int(),
      tickUpper: z.number().int(),
      liquidity: bigintString.describe("Raw v3 liquidity (uint128)."),
    })
    .strict(),
  z
    .object({
      lowerPrice: positive.describe(
        "Range lower bound, USD per underlying (a pair pool: its quote per base).",
      ),
      upperPrice: positive.describe(
        "Range upper bound, USD per underlying (a pair pool: its quote per base).",
      ),
      valueUsd: positive.describe("Position value at the starting price; liquidity is derived from it."),
    })
    .strict(),
]);

const poolPair = z
  .tuple([symbol, symbol])
  .optional()
  .describe(
    "The pool's [base, quote] assets; default [underlying, quote]. A pegged asset's own pool is [it, its peg asset], starting at the peg rate: only a running bridge (bridges) arbitrages it, so sales move it off the peg.",
  );

const pool = z.discriminatedUnion("kind", [
  z
    .object({
      id,
      kind: z.literal("uniswap-v3"),
      pair: poolPair,
      feePips: z
        .union([z.literal(100), z.literal(500), z.literal(3000), z.literal(10000)])
        .describe("Fee tier in pips: 500 = 0.05%."),
      positions: z
        .array(v3Position)
        .min(1)
        .describe("LP positions; the pool starts at the underlying's starting price."),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal("uniswap-v2"),
      pair: poolPair,
      reserveUsd: positive.describe("Value of each side in USD at the starting price."),
      feeBps: z.number().int().min(0).max(1000).default(30),
    })
    .strict(),
]);

const aaveReserve = z
  .object({
    asset: symbol,
    ltvBps: z.number().int().min(0).max(10_000),
    liquidationThresholdBps: z.number().int().min(0).max(10_000),
    liquidationBonusBps: z
      .number()
      .int()
      .min(10_000)
      .max(20_000)
      .describe("10500 = 5% bonus, as Aave stores it."),
    protocolFeeBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(1000)
      .describe("Treasury's share of the bonus."),
    supplyCap: z
      .number()
      .int()
      .min(0)
      .max(68_719_476_735)
      .default(0)
      .describe(
        "Aave supply cap in whole tokens (0 = none). Set on the replica after seeding; caps bind new supplies and borrows, not liquidations.",
      ),
    borrowCap: z
      .number()
      .int()
      .min(0)
      .max(68_719_476_735)
      .default(0)
      .describe("Aave borrow cap in whole tokens (0 = none), set like supplyCap."),
    interestRates: z
      .object({
        optimalUsageRatioBps: z.number().int().min(100).max(9_900),
        baseVariableBorrowRateBps: z.number().int().min(0).max(100_000),
        variableRateSlope1Bps: z.number().int().min(0).max(100_000),
        variableRateSlope2Bps: z.number().int().min(0).max(100_000),
      })
      .strict()
      .optional()
      .describe(
        "The reserve's rate strategy (bps): DefaultReserveInterestRateStrategyV2's rate data on v3.6/v3.7, the same four numbers as rays to v3.0's DefaultReserveInterestRateStrategy (stable borrowing off); interest from the end of seeding (historyDays before the shock) through the cascade, block by block. Omitted: zero rates.",
      ),
    reserveFactorBps: z
      .number()
      .int()
      .min(0)
      .max(9_999)
      .default(1_000)
      .describe("Share of the interest kept by the treasury (v3.6)."),
    supplyUsd: z
      .number()
      .min(0)
      .max(1e13)
      .optional()
      .describe(
        "The reserve's total supply before the shock, USD (mainnet's WETH reserve: billions): a depositor supplies what the scenario's borrowers do not. With utilization, the borrowed share of it.",
      ),
    utilization: z
      .number()
      .min(0.01)
      .max(0.99)
      .optional()
      .describe(
        "Borrowed share of the reserve's supply before the shock (mainnet WETH: about 0.85). Cash is supply − borrows: seizures and flash loans beyond it revert. Omitted: a depositor supplies twice the book's debt.",
      ),
  })
  .strict()
  .refine((r) => r.ltvBps <= r.liquidationThresholdBps, {
    message: "ltvBps must not exceed liquidationThresholdBps",
    path: ["ltvBps"],
  })
  .refine(
    (r) =>
      r.liquidationThresholdBps === 0 ||
      (r.liquidationThresholdBps * r.liquidationBonusBps) / 10_000 <= 10_000,
    {
      message: "liquidationThresholdBps × liquidationBonusBps must be ≤ 100% (Aave's configurator rule)",
      path: ["liquidationBonusBps"],
    },
  );

/** An Aave e-mode category id (uint8; 0 is no category). */
const eModeId = z.number().int().min(1).max(255);

/** A v3.6 e-mode category (PoolConfigurator.setEModeCategory and its asset bitmaps). */
const eModeCategory = z
  .object({
    id: eModeId.describe("Category id (mainnet Aave Core: 1 is ETH correlated)."),
    label: z.string().min(1).max(32).default("e-mode"),
    ltvBps: z.number().int().min(1).max(10_000),
    liquidationThresholdBps: z.number().int().min(1).max(10_000),
    liquidationBonusBps: z
      .number()
      .int()
      .min(10_001)
      .max(20_000)
      .describe("10100 = 1% bonus, as Aave stores it."),
    collateral: z
      .array(symbol)
      .min(1)
      .describe("Reserves whose collateral takes the category's LTV, threshold and bonus."),
    borrowable: z.array(symbol).min(1).describe("Reserves a user in the category may borrow."),
    isolated: z
      .boolean()
      .default(false)
      .describe(
        "v3.7's isolated category: its users get LTV 0 on every collateral outside `collateral` (they cannot borrow against it, nor enter the category with it enabled); the threshold stays the reserve's. Needs profile v3.7.",
      ),
  })
  .strict()
  .refine((c) => c.ltvBps <= c.liquidationThresholdBps, {
    message: "ltvBps must not exceed liquidationThresholdBps (PoolConfigurator's rule)",
    path: ["ltvBps"],
  })
  .refine((c) => (c.liquidationThresholdBps * c.liquidationBonusBps + 5_000) / 10_000 <= 10_000, {
    message: "liquidationThresholdBps × liquidationBonusBps must be ≤ 100% (PoolConfigurator's rule)",
    path: ["liquidationBonusBps"],
  });

/** Days of interest before the shock (a market's history), up to ten years. */
const historyDays = z.number().min(0).max(3_650).default(0);

/** Comet's interest-rate configuration (per-year fractions, as its deployment configuration writes them). */
const cometRates = z
  .object({
    supplyKink: fraction,
    supplySlopeLow: z.number().min(0).max(10),
    supplySlopeHigh: z.number().min(0).max(100),
    supplyBase: z.number().min(0).max(10),
    borrowKink: fraction,
    borrowSlopeLow: z.number().min(0).max(10),
    borrowSlopeHigh: z.number().min(0).max(100),
    borrowBase: z.number().min(0).max(10),
  })
  .strict();

const market = z.discriminatedUnion("kind", [
  z
    .object({
      id,
      kind: z.literal("aave-v3"),
      profile: z
        .enum(["v3.0", "v3.6", "v3.7"], {
          error: (issue) =>
            issue.input === "v3.3"
              ? '"v3.6" ("v3.3" was replaced by the v3.6 code, which runs on the replica and on mainnet)'
              : '"v3.6" (aave-v3-origin 3.6), "v3.7" (its v3.7.0 merge, from git) or "v3.0" (@aave/core-v3 1.19.3)',
        })
        .default("v3.6")
        .describe(
          "v3.6: aave-v3-origin 3.6.0 compiled from source (close factor on total debt, $2,000 rule, $1,000 dust rule with the fee, deficit, v3.5 rounding). v3.7: aave-v3-origin's v3.7.0 merge from its pinned git source (npm run protocols:fetch, or on demand): v3.6 with deterministic liquidation rounding and the last collateral found by scaled consumption. v3.0: @aave/core-v3 1.19.3. All run on the replica; a fork uses the profile of the Pool it finds.",
        ),
      reserves: z.array(aaveReserve).min(2),
      eModeCategories: z
        .array(eModeCategory)
        .max(16)
        .default([])
        .describe(
          "E-mode categories: a user in one borrows its borrowable reserves against its collateral reserves at the category's LTV, threshold and bonus (v3.6/v3.7: the category's asset bitmaps; v3.0: each reserve in one category, set by setAssetEModeCategory, its collateral and borrowable lists the same; no price source).",
        ),
      historyDays: historyDays.describe(
        "Days of interest at the reserves' interestRates between seeding and the shock (every profile: v3.0 through @aave/core-v3's DefaultReserveInterestRateStrategy): indices move off 1 ray, as on mainnet; the rates keep running through the cascade.",
      ),
      insuranceFundUsd: z
        .number()
        .min(0)
        .describe("What covers bad debt before it is systemic (treasury + Umbrella/Safety Module)."),
      umbrella: z
        .array(
          z
            .object({
              asset: symbol.describe("The reserve whose deficit the stake covers."),
              stake: positive.describe(
                "aTokens staked, whole tokens of the asset: supplied by the Umbrella address before the book, slashed by Pool.eliminateReserveDeficit.",
              ),
            })
            .strict(),
        )
        .default([])
        .describe(
          "Aave's Umbrella (v3.6+): stakes of a reserve's aTokens that cover its deficit. After every liquidation that leaves a deficit, the Umbrella address (registered in the PoolAddressesProvider as UMBRELLA) calls eliminateReserveDeficit for as much of it as its stake covers, which burns that many of its aTokens: the loss moves from the protocol to the stakers.",
        ),
    })
    .strict()
    .refine((m) => m.umbrella.length === 0 || m.profile !== "v3.0", {
      message:
        'umbrella needs profile "v3.6" or "v3.7" (eliminateReserveDeficit is v3.3+); remove it or use "v3.6"',
      path: ["umbrella"],
    })
    .refine((m) => m.profile === "v3.7" || m.eModeCategories.every((c) => !c.isolated), {
      message: 'isolated e-mode categories are v3.7\'s: set profile "v3.7" or isolated false',
      path: ["eModeCategories"],
    })
    .refine(
      (m) =>
        m.profile !== "v3.0" ||
        m.eModeCategories.every(
          (c, k) =>
            c.collateral.length === c.borrowable.length &&
            c.collateral.every((a) => c.borrowable.includes(a)) &&
            c.collateral.every((a) =>
              m.eModeCategories.every((d, j) => j === k || !d.collateral.includes(a)),
            ),
        ),
      {
        message:
          "each category's collateral and borrowable lists the same, each asset in one category (on v3.0 a reserve belongs to one e-mode category, for collateral and borrowing alike)",
        path: ["eModeCategories"],
      },
    )
    .refine(
      (m) =>
        m.eModeCategories.every((c) =>
          [...c.collateral, ...c.borrowable].every((a) => m.reserves.some((r) => r.asset === a)),
        ),
      {
        message: "every asset of an e-mode category must be one of the market's reserves: add it to reserves",
        path: ["eModeCategories"],
      },
    )
    .refine((m) => new Set(m.eModeCategories.map((c) => c.id)).size === m.eModeCategories.length, {
      message: "e-mode category ids must be unique",
      path: ["eModeCategories"],
    }),
  z
    .object({
      id,
      kind: z.literal("compound-v3"),
      base: symbol.describe("Base (borrowable) asset."),
      priceFeeds: z
        .enum(["usd", "in-base"])
        .default("usd")
        .describe(
          "What Comet's feeds price in. usd (cUSDCv3): each asset's USD oracle. in-base (cWETHv3): the base at a constant 1 (Comet's ConstantPriceFeed) and each collateral's USD oracle divided by the base's (Comet's ReverseMultiplicativePriceFeed); its collaterals must then be pegged to the base, which must be the underlying.",
        ),
      storeFrontPriceFactor: fraction.describe(
        "Share of (1 − liquidationFactor) given as discount at buyCollateral (mainnet cUSDCv3: 0.6).",
      ),
      targetReserves: positive.describe(
        "Collateral is for sale only while reserves are below this (base units, human).",
      ),
      reserves: z
        .number()
        .min(0)
        .describe("Starting reserves (base units, human): the market's insurance fund."),
      interestRates: cometRates
        .optional()
        .describe(
          "Comet's kinked rate curves, per year (mainnet cUSDCv3 at launch: kinks 0.8, supply 0 + 0.0325 / 0.4, borrow 0.015 + 0.035 / 0.25). Absent: no interest, indices stay at 1.",
        ),
      utilization: z
        .number()
        .min(0.01)
        .max(0.99)
        .default(0.8)
        .describe("Borrows / supply: suppliers deposit the book's debt divided by this."),
      historyDays: historyDays.describe(
        "Days of interest at interestRates between seeding and the shock: the indices move off 1 (one accrual at block 0, as any interaction would), and keep accruing through the cascade.",
      ),
      collaterals: z
        .array(
          z
            .object({
              asset: symbol,
              borrowCollateralFactor: fraction,
              liquidateCollateralFactor: fraction,
              liquidationFactor: fraction,
              supplyCap: positive
                .optional()
                .describe("Whole tokens Comet accepts of this collateral (absent: no cap)."),
            })
            .strict()
            .refine((c) => c.borrowCollateralFactor < c.liquidateCollateralFactor, {
              message:
                "borrowCollateralFactor must be below liquidateCollateralFactor (Comet's configurator rule)",
              path: ["borrowCollateralFactor"],
            }),
        )
        .min(1),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal("morpho-blue"),
      loan: symbol.describe("The loan token suppliers lend and borrowers borrow."),
      collateral: symbol.describe(
        "The market's one collateral token; with collateralWrapper, the asset the wrapper holds (borrowers' collateral is given in it).",
      ),
      collateralWrapper: z
        .object({
          kind: z
            .literal("aave-static-atoken")
            .describe(
              "Aave's static aToken (StataTokenV2, as mainnet's waEth… tokens): an ERC-4626 over the collateral's aToken, worth the reserve's normalised income in the asset; redeeming withdraws from Aave.",
            ),
          market: id.describe(
            "The Aave market (profile v3.6 or v3.7, listed before this one) whose reserve of the collateral the wrapper holds.",
          ),
        })
        .strict()
        .optional()
        .describe(
          "Nested collateral: the market lends against another protocol's token. Its oracle is MorphoChainlinkOracleV2 with the wrapper as base vault (convertToAssets of 1e18 shares) over the asset's feed; a liquidator redeems the seized shares through Aave and sells the asset, which cannot happen when Aave's reserve has no cash.",
        ),
      lltv: z
        .number()
        .gt(0)
        .lt(1)
        .describe(
          "Liquidation LTV (mainnet's enabled values: 0.385, 0.625, 0.77, 0.86, 0.915, 0.945, 0.965, 0.98); the liquidation incentive follows from it: min(1.15, 1 / (1 − 0.3 · (1 − lltv))).",
        ),
      fee: z
        .number()
        .min(0)
        .max(0.25)
        .default(0)
        .describe("Share of interest minted to the fee recipient (at most 0.25)."),
      irm: z
        .enum(["adaptive-curve", "none"])
        .default("adaptive-curve")
        .describe(
          "adaptive-curve: Morpho's AdaptiveCurveIrm (mainnet's; 90% target utilisation, rate at target starting at 4% a year and adapting); none: no interest (address(0)).",
        ),
      utilization: z
        .number()
        .min(0.01)
        .max(0.99)
        .default(0.9)
        .describe("Borrows / supply: suppliers deposit the book's debt divided by this."),
      historyDays: historyDays.describe(
        "Days between seeding and the shock: the market is created, supplied and borrowed from that long before block 0, which accrues its interest once (accrueInterest), as the next interaction would; the AdaptiveCurveIrm's rate at target adapts over it when utilisation is off its 90% target.",
      ),
      insuranceFundUsd: z
        .number()
        .min(0)
        .default(0)
        .describe(
          "What covers bad debt before it is systemic. Morpho Blue has none: bad debt is realised against the market's suppliers at the liquidation that takes the last collateral.",
        ),
    })
    .strict(),
]);

const distribution = z.discriminatedUnion("dist", [
  z.object({ dist: z.literal("uniform"), min: positive, max: positive }).strict(),
  z.object({ dist: z.literal("lognormal"), median: positive, sigma: z.number().min(0) }).strict(),
  z.object({ dist: z.literal("fixed"), value: positive }).strict(),
]);

/** One asset, or value weights per asset (a generated position's mix). */
const assetMix = z.union([
  symbol,
  z.record(symbol, positive).refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 8, {
    message: "between 1 and 8 assets, each with a weight above 0",
  }),
]);

const borrowerSet = z.union([
  z
    .object({
      market: id,
      generator: z
        .object({
          count: z.number().int().min(1).max(5_000_000),
          collateral: assetMix.describe(
            'The collateral asset, or value weights per asset, e.g. { "WETH": 0.7, "USDC": 0.3 }: each position\'s collateral is split so by value at the starting prices.',
          ),
          debt: assetMix.describe(
            "The debt asset, or value weights per asset (Aave; Comet borrows its base only): the debt is split so by value.",
          ),
          healthFactor: distribution.describe(
            "Starting health factor (Aave) or collateral/liquidation ratio (Compound).",
          ),
          eMode: eModeId
            .optional()
            .describe(
              "Aave: every position enters this e-mode category of the market (its threshold sizes them).",
            ),
          collateralUsd: distribution.describe("Collateral value at the starting price."),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      market: id,
      positions: z
        .array(
          z
            .object({
              id: z.string().min(1),
              collateral: z
                .record(symbol, positive)
                .describe('Human amounts per asset, e.g. { "WETH": 1000 }.'),
              debt: z.record(symbol, positive).describe('Human amounts per asset, e.g. { "USDC": 1500000 }.'),
              eMode: eModeId.optional().describe("Aave: the e-mode category the position is in."),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
]);

const optionBook = z
  .object({
    id,
    pool: id.describe("Pool the market maker hedges in."),
    capitalUsd: positive.describe(
      "Market maker's capital; when marked-to-market equity falls below zero it stops hedging.",
    ),
    onCapitalExhausted: z
      .enum(["stop", "liquidate"])
      .default("stop")
      .describe("stop: hedge is frozen; liquidate: the hedge is unwound into the pool."),
    convention: z
      .enum([
        "dealer-long-calls-short-puts",
        "dealer-short-calls-long-puts",
        "dealer-short-all",
        "dealer-long-all",
      ])
      .default("dealer-long-calls-short-puts")
      .describe("Which side of customer open interest the dealer holds."),
    hedgeIntervalBlocks: z.number().int().min(1).default(1),
    minHedgeUnderlying: z
      .number()
      .min(0)
      .default(0)
      .describe("Trades smaller than this are skipped (underlying units)."),
    rate: z.number().default(0),
    vol: z
      .object({
        atm: positive.describe("ATM implied vol at the reference tenor, e.g. 0.6."),
        skew: z.number().default(-0.2).describe("dσ/d ln(K/S); negative makes puts richer."),
        termSlope: z.number().default(0),
        stressBeta: z
          .number()
          .min(0)
          .default(1)
          .describe("Vol multiplier per unit drawdown: vol rises as the market falls."),
        realisedWeight: z
          .number()
          .min(0)
          .default(0)
          .describe(
            "Weight of realised vol above ATM in the multiplier. Realised vol sampled per block annualises to very large numbers in a crash: keep this small (≤ 0.02).",
          ),
        realisedWindowBlocks: z.number().int().min(2).default(25),
      })
      .strict(),
    options: z
      .array(
        z
          .object({
            type: z.enum(["call", "put"]),
            strike: positive,
            expiryDays: positive,
            size: positive.describe("Open interest in underlying units."),
            dealerSide: z.enum(["long", "short"]).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const perpVenue = z
  .object({
    id,
    pool: id.describe("Pool where the venue's liquidation flow is hedged."),
    maintenanceMarginRatio: fraction,
    insuranceFundUsd: z.number().min(0),
    spotPassThrough: fraction
      .default(0.5)
      .describe("Share of liquidated notional hedged into spot by the venue's makers."),
    basisPerDrawdown: z
      .number()
      .min(0)
      .default(0.05)
      .describe("Perp mark discount to spot per unit drawdown (basis under stress)."),
    positions: z
      .array(
        z
          .object({
            id: z.string().min(1),
            side: z.enum(["long", "short"]),
            sizeUnderlying: positive,
            leverage: z.number().min(1).max(200),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** One competing liquidation bot (liquidators.bots). */
const bot = z
  .object({
    id: id,
    priorityFeeGwei: z
      .number()
      .min(0)
      .max(10_000)
      .describe("The tip it bids per gas: the block orders by it."),
    latencyBlocks: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(0)
      .describe("Blocks a position must have been liquidatable before this bot sees it."),
    capacityPerBlock: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe("Liquidations it sends per block."),
    ordering: z.enum(["largest-debt", "lowest-health"]).default("largest-debt"),
    pool: id.optional().describe("Pool it sells seized collateral into (default: liquidators.pool)."),
    minProfitUsd: z.number().optional().describe("Default: liquidators.minProfitUsd."),
    capital: z
      .record(symbol, z.number().min(0))
      .optional()
      .describe(
        "Its own inventory, whole tokens by debt asset, that its own liquidator contract on each Aave market starts with: there it repays from it (no flash loan), at most what it holds of the debt asset (a partial liquidation when it holds less than the protocol allows), and its sales' proceeds come back to it; a debt asset it holds none of, it does not liquidate. Absent: it flash-borrows what it repays.",
      ),
  })
  .strict();

/**
 * A risk steward on one Aave reserve (as Aave's RiskSteward: an account with the risk-admin role that may move a
 * parameter by at most `maxChangeBps` per update, and each parameter at most once per `minDelaySeconds`).
 */
const riskSteward = z
  .object({
    market: id.describe("The Aave market (an aave-v3 market's id)."),
    asset: symbol.describe("The reserve whose LTV and liquidation threshold it cuts."),
    windowBlocks: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(20)
      .describe("Blocks of market-price log returns its realised volatility (annualised) is measured over."),
    levels: z
      .array(
        z
          .object({
            realisedVolAbove: z
              .number()
              .positive()
              .describe("Annualised realised volatility (1 = 100%) above which it acts."),
            ltvBps: z.number().int().min(0).max(10_000),
            liquidationThresholdBps: z.number().int().min(1).max(10_000),
          })
          .strict()
          .refine((l) => l.ltvBps <= l.liquidationThresholdBps, {
            message: "ltvBps must not exceed liquidationThresholdBps",
            path: ["ltvBps"],
          }),
      )
      .min(1)
      .describe(
        "Targets by volatility: above each level's volatility it moves the reserve toward that level's terms.",
      ),
    maxChangeBps: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(50)
      .describe(
        "The most one update moves each parameter, in basis points (Aave's steward: 50 for LT and LTV).",
      ),
    minDelaySeconds: z
      .number()
      .min(0)
      .default(259_200)
      .describe("Seconds between two updates (Aave's steward: 3 days, so one update in a crash of minutes)."),
  })
  .strict();

const bridge = z
  .object({
    asset: symbol.describe(
      "The bridged asset: a pegged asset (assets[].peg) with its own pool, e.g. wstETH bridged onto an L2.",
    ),
    haltBlock: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "The block in which the bridge halts (its guardian pauses it, after the block's liquidations and before its arbitrage): from then on bridgeIn and bridgeOut revert BridgeHalted, so nobody brings the asset in or takes it out and the arbitrage that held its pool at the peg stops. Absent: it never halts (the control).",
      ),
    exitSale: z
      .object({
        amount: positive.describe(
          "Tokens the holders who meant to bridge out sell into its own pool instead, in all.",
        ),
        blocks: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .default(1)
          .describe("Blocks the sale is spread over, evenly, from the halt block on."),
      })
      .strict()
      .optional()
      .describe("After the halt, holders who cannot leave through the bridge sell on this chain's pool."),
    topUps: z
      .object({
        market: id.describe("The Aave market (v3.6 or v3.7) whose borrowers top up with the bridged asset."),
        healthFactorBelow: z
          .number()
          .gt(1)
          .max(10)
          .describe(
            "A borrower holding the asset as collateral tops up when its health factor, at the block's oracle after the block's liquidations, is below this.",
          ),
        restoreTo: z
          .number()
          .gt(1)
          .max(10)
          .describe(
            "The health factor a top-up restores, at that oracle: the asset bridged in and supplied.",
          ),
        share: z
          .number()
          .gt(0)
          .max(1)
          .default(1)
          .describe(
            "The share of those borrowers who top up (every k-th position, spread over the book); the rest never do.",
          ),
      })
      .strict()
      .optional()
      .describe(
        "Margin top-ups that depend on the bridge: at the end of each block a borrower whose health factor fell below healthFactorBelow brings the asset in (the relayer's bridgeIn) and supplies it to its Aave position (Pool.supply on its behalf) back to restoreTo. After the halt each such borrower tries once: the bridgeIn reverts BridgeHalted, no supply follows, and the position is left to the liquidators.",
      ),
  })
  .strict();

const safetyModule = z
  .object({
    market: id.describe("The lending market it backs (its first-loss backstop)."),
    token: symbol.describe(
      "The staked governance token (an asset without a peg, neither the underlying nor the quote), e.g. AAVE.",
    ),
    pool: id.describe("The token's own pool, pair [token, quote], where the slashed stake is sold."),
    stake: positive.describe("Tokens staked in the module."),
    maxSlashPct: z
      .number()
      .gt(0)
      .max(1)
      .default(0.3)
      .describe("The share of the stake that can be slashed to cover losses (Aave's Safety Module: 30%)."),
    beta: z
      .number()
      .min(0)
      .max(10)
      .default(1)
      .describe(
        "How the token's market moves with the crash: each block its pool is traded by (underlying's price change)^beta, so 0 leaves it alone and 2 halves it when the underlying falls 29%; the module's own sales move it further.",
      ),
  })
  .strict();

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().default(""),
    seed: z.number().int().min(0).default(1).describe("Seeds every random draw: same seed, same report."),
    blockTimeSeconds: z.number().int().min(1).default(12),
    maxBlocks: z.number().int().min(1).max(100_000).default(600).describe("Hard stop for the cascade."),
    assets: z.array(asset).min(2),
    underlying: symbol.describe("The shocked asset (e.g. WETH)."),
    quote: symbol.describe("The stable asset pools quote in (e.g. USDC), taken at $1."),
    shock: z.discriminatedUnion("kind", [pathShock, generatorShock]),
    oracles: z
      .array(z.object({ asset: symbol, policy: oraclePolicy }).strict())
      .describe("Push-oracle policy per asset; assets without one get a fixed price."),
    pools: z.array(pool).min(1),
    referencePool: id.describe("The pool whose price is the market price (the others are arbitraged to it)."),
    arbitrage: z.boolean().default(true).describe("Align the other pools to the reference pool each block."),
    markets: z.array(market).default([]),
    borrowers: z.array(borrowerSet).default([]),
    optionBooks: z.array(optionBook).default([]),
    perps: z.array(perpVenue).default([]),
    riskStewards: z
      .array(riskSteward)
      .default([])
      .describe(
        "Risk stewards that cut an Aave reserve's collateral parameters when the cascade's realised volatility crosses levels, through the PoolConfigurator, within a steward's limits.",
      ),
    dao: daoPolicySchema.optional(),
    safetyModules: z
      .array(safetyModule)
      .default([])
      .describe(
        "Backstops that are tokens, not dollars: a staked governance token whose slashable part is sold on its own pool, at the end of each block, for the losses its market has written off so far, and whose remainder is worth at the end what selling it there would fetch. A market's fund is its insuranceFundUsd plus this.",
      ),
    bridges: z
      .array(bridge)
      .default([])
      .describe(
        "Bridges that bring a pegged asset onto this chain: while one runs, arbitrageurs hold the asset's own pool at its peg at the end of every block (buying below the peg and bridging out, bridging in and selling above it, when the gap passes the pool's fee); at its halt block it stops, and the asset's pool floats on this chain's trades alone.",
      ),
    liquidators: z
      .object({
        count: z.number().int().min(0).default(3),
        capacityPerBlock: z
          .number()
          .int()
          .min(1)
          .default(5)
          .describe("Liquidations each liquidator fits in one block."),
        ordering: z.enum(["largest-debt", "lowest-health", "random"]).default("largest-debt"),
        pool: id.describe("Pool where seized collateral is sold."),
        gasPerLiquidation: z.number().int().min(0).default(350_000),
        gasPriceGwei: z.number().min(0).default(30),
        minProfitUsd: z
          .number()
          .default(0)
          .describe(
            "Skip liquidations whose expected profit (after the sale's slippage and gas) is below this.",
          ),
        sizing: z
          .enum(["most-profitable", "largest"])
          .default("most-profitable")
          .describe(
            "How much a liquidator repays: the amount (up to the protocol's maximum) whose sale pays it most after slippage and gas, as bots do, so a partial liquidation is sent when the full one does not pay; or always the maximum.",
          ),
        pair: z
          .enum(["most-profitable", "largest"])
          .default("most-profitable")
          .describe(
            'Which collateral/debt pair a liquidator names where the protocol lets it (Aave): with sizing "most-profitable", the one whose liquidation pays it most after slippage and gas, as bots do; or the largest collateral against the largest debt at the oracle.',
          ),
        bots: z
          .array(bot)
          .min(1)
          .max(32)
          .optional()
          .describe(
            "Competing liquidation bots (replaces count/capacityPerBlock/ordering): each plans its liquidations on the block's state, the block orders them by priority fee within its gas room, and a loser's transaction reverts and still pays gas.",
          ),
        block: z
          .object({
            gasLimit: z.number().int().min(1_000_000).max(1_000_000_000).default(30_000_000),
            backgroundGas: z
              .number()
              .int()
              .min(0)
              .default(15_000_000)
              .describe(
                "Gas every block's other traffic uses (half the limit: the base fee holds when no bot sends).",
              ),
            failedAttemptGas: z
              .number()
              .int()
              .min(21_000)
              .default(300_000)
              .describe(
                "Gas a reverted liquidation attempt uses (the model's figure; the chain measures its own: 280,000–400,000 through our liquidator on Aave v3.6, whose revert comes inside liquidationCall after the flash loan).",
              ),
          })
          .strict()
          .optional()
          .describe(
            "The block the bots compete in (with bots only): its gas limit, the gas other traffic takes, and EIP-1559's base fee starting at gasPriceGwei and moving with the gas used.",
          ),
        whenCashShort: z
          .enum(["repay-less", "receive-atoken", "skip"])
          .default("repay-less")
          .describe(
            "When a lending reserve cannot pay the seizure out (or lend the repayment): repay as much as its cash allows; take the collateral as aTokens (Aave: liquidationCall with receiveAToken, repaid from the liquidator's own inventory; the aTokens are held and unwound once the reserve has cash again, see unwindMaxSlippageBps); or skip the position.",
          ),
        unwindMaxSlippageBps: z
          .number()
          .int()
          .min(0)
          .max(10_000)
          .default(100)
          .describe(
            "With whenCashShort \"receive-atoken\": after each block's liquidations the liquidator withdraws the aTokens it took as far as the reserve's cash allows (Pool.withdraw) and sells the underlying as its liquidations sell it, as much of it as fetches at least (1 − this) of its oracle value (basis points; the largest such amount, found on the pools' exact math); the rest waits for later blocks.",
          ),
      })
      .strict(),
    thresholds: z
      .object({
        ssf: z
          .boolean()
          .default(true)
          .describe(
            "Search the Systemic Solvency Failure threshold (re-runs the cascade ~60× at the default grid).",
          ),
        ssfPrecision: z
          .number()
          .positive()
          .default(0.001)
          .describe(
            "Each change of verdict is bisected until its bracket is narrower than this (shock as a fraction).",
          ),
        ssfGridStep: z
          .number()
          .min(0.001)
          .max(0.5)
          .default(0.02)
          .describe(
            "The SSF search first probes every this much of shock depth (fraction) from 0 to 99%, then refines every change of verdict: failure intervals narrower than the grid can be missed (0.01 finds more, at twice the probes).",
          ),
      })
      .strict()
      .default({ ssf: true, ssfPrecision: 0.001, ssfGridStep: 0.02 }),
    fork: z
      .object({
        blockNumber: z
          .number()
          .int()
          .positive()
          .optional()
          .describe("Block to fork at (--fork-block overrides). Pin it: reruns then hit the caches."),
        discovery: z
          .object({
            lookbackBlocks: z
              .number()
              .int()
              .positive()
              .default(50_000)
              .describe(
                "Borrowers are accounts with a Borrow event in this many blocks before the fork block.",
              ),
            chunkBlocks: z
              .number()
              .int()
              .positive()
              .default(10_000)
              .describe("Blocks per eth_getLogs request."),
          })
          .strict()
          .default({ lookbackBlocks: 50_000, chunkBlocks: 10_000 }),
        maxBorrowers: z
          .number()
          .int()
          .positive()
          .default(2_000)
          .describe("Run at most this many borrowers per market, largest debt first."),
      })
      .strict()
      .optional()
      .describe(
        "Fork mode only (dlcm run --fork-url): where to fork and how to find borrowers. On a fork, pools, reserves, positions and prices are read off the chain; the scenario's own values for them are not used.",
      ),
  })
  .strict()
  .refine((s) => s.liquidators.whenCashShort !== "receive-atoken" || !s.liquidators.bots, {
    message:
      'whenCashShort "receive-atoken" is not run with competing bots yet: use "repay-less" or remove bots',
    path: ["liquidators", "whenCashShort"],
  });

/** A scenario as the user writes it (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
