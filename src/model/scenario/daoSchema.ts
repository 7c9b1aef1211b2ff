import { z } from "zod";
import { id, symbol } from "./scenarioFields.js";

// The Sovereign Risk DAO's policy: the `dao` section of a scenario, or a policy file (`--policy dao.json`)
// of the same shape. Every lever acts through the member protocols' own admin paths on chain and the same
// rule in the model.

const bps = z.number().int().min(0).max(10_000);

/** Aave's PoolConfigurator.MAX_GRACE_PERIOD (v3.1+): 4 hours. */
export const MAX_LIQUIDATION_GRACE_SECONDS = 4 * 3600;

const fallTrigger = z
  .object({
    fallPct: z
      .number()
      .gt(0)
      .lt(100)
      .describe(
        "It fires when the underlying's market price is this many percent below its highest of the window.",
      ),
    withinBlocks: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .describe("The window: this block and the blocks before it, e.g. 10 for two minutes of 12 s blocks."),
  })
  .strict()
  .describe(
    "Price fell fallPct% within withinBlocks blocks (the reference pool's price, as the cascade records it).",
  );

const margins = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("Off: the lever is kept for the comparison but does nothing."),
    everyBlocks: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(5)
      .describe(
        "The DAO recomputes the live SSF every this many blocks (and acts when it is below ssfBelow).",
      ),
    ssfBelow: z
      .number()
      .min(0)
      .max(0.9)
      .describe(
        "The safe level: when a further fall of less than this (fraction of today's price, arriving over rampBlocks on top of the rest of the shock) would leave some protocol's losses above its fund, the DAO tightens.",
      ),
    probeStep: z
      .number()
      .min(0.01)
      .max(0.5)
      .default(0.05)
      .describe(
        "The live SSF's grid: further falls of 0, probeStep, 2·probeStep… are probed (each a model cascade from block 0 that replays what happened and what the DAO did), up to ssfBelow.",
      ),
    rampBlocks: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(5)
      .describe("Blocks over which a probed further fall arrives."),
    stepBps: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(100)
      .describe(
        "The most one update cuts a reserve's LTV and liquidation threshold, basis points each (per-update limit).",
      ),
    floorLiquidationThresholdBps: bps
      .default(7_000)
      .describe("It never cuts a liquidation threshold below this."),
    assets: z
      .array(symbol)
      .optional()
      .describe(
        "The collaterals it tightens (absent: every member Aave reserve used as collateral and every member Comet collateral).",
      ),
  })
  .strict();

const backstop = z
  .object({
    enabled: z.boolean().default(true).describe("Off: the fund is deployed but buys nothing."),
    asset: symbol.describe("The stablecoin the fund holds (the quote asset: USDC)."),
    sizeUsd: z
      .number()
      .positive()
      .max(1e10)
      .describe("What the fund holds at the start, USD (whole stablecoins)."),
    pool: id.describe("The Uniswap V3 pool it buys the underlying on (the underlying against its asset)."),
    trigger: fallTrigger,
    maxPerBlockUsd: z
      .number()
      .positive()
      .describe(
        "The most it spends in one block; it buys at the end of every block the trigger holds, after the liquidators' sales.",
      ),
  })
  .strict();

const mandates = z
  .object({
    enabled: z.boolean().default(true).describe("Off: kept for the comparison, does nothing."),
    trigger: fallTrigger,
    liquidationDelaySeconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_LIQUIDATION_GRACE_SECONDS)
      .describe(
        "When the trigger first fires, liquidations stop this long on every member: Aave through its liquidation grace period (PoolConfigurator.setReservePause(asset, false, delay) on every reserve; at most 4 h), Comet by pausing absorb for as long. Morpho Blue has no pause.",
      ),
    standardMargin: z
      .object({
        asset: symbol.describe("The collateral the rule is for."),
        maxLtvBps: bps,
        maxLiquidationThresholdBps: bps,
      })
      .strict()
      .refine((m) => m.maxLtvBps <= m.maxLiquidationThresholdBps, {
        message: "maxLtvBps must not exceed maxLiquidationThresholdBps",
        path: ["maxLtvBps"],
      })
      .optional()
      .describe(
        "A standard margin rule across members, applied when the trigger first fires: no member lends against asset above these terms (Aave: PoolConfigurator.configureReserveAsCollateral; Comet: borrow and liquidation factors through its Configurator and a proxy upgrade, the borrow factor kept 1 bp below the liquidation factor).",
      ),
  })
  .strict();

/**
 * The DAO's policy: which member markets it acts on and its three levers, each optional.
 */
export const daoPolicySchema = z
  .object({
    $schema: z.string().optional(),
    members: z
      .array(id)
      .optional()
      .describe("The lending markets that follow the DAO (absent: every lending market of the scenario)."),
    margins: margins
      .optional()
      .describe(
        "Dynamic margin adjustment: every everyBlocks the live SSF is recomputed and, when it is below ssfBelow, the members' collateral terms are cut by stepBps: Aave's LTV and threshold (PoolConfigurator.configureReserveAsCollateral), Comet's borrow and liquidation factors (Configurator.updateAsset…CollateralFactor, then CometProxyAdmin.deployAndUpgradeTo). Morpho Blue's LLTV is fixed.",
      ),
    backstop: backstop
      .optional()
      .describe(
        "A shared liquidity backstop: a contract of ours holding stablecoins that buys the underlying on a Uniswap pool while its trigger holds, up to its size, and keeps what it bought (its P&L is reported).",
      ),
    mandates: mandates
      .optional()
      .describe("Interoperability mandates: a liquidation delay across members and a standard margin rule."),
  })
  .strict()
  .describe(
    "A Sovereign Risk DAO policy (the same shape as a `--policy` file): levers applied on chain through the members' admin paths and mirrored in the model. `dlcm run --policy` runs the scenario without it, with each lever alone and with all, side by side.",
  );

/** A DAO policy as written (defaults optional). */
export type DaoPolicyInput = z.input<typeof daoPolicySchema>;
/** A validated DAO policy. */
export type DaoPolicy = z.output<typeof daoPolicySchema>;
/** The levers, by name (the `dao.levers` sweep values, besides `none` and `all`). */
export const DAO_LEVERS = ["margins", "backstop", "mandates"] as const;
export type DaoLever = (typeof DAO_LEVERS)[number];
