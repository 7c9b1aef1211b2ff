import type { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CascadeAction, CascadeState, PoolModel } from "../../model/cascade/types.js";
import type { ModelReport } from "../../model/runModel.js";
import type { ChainBridge } from "../../protocols/bridge/createChainBridge.js";
import type { AddressBook, ChainLendingMarket, ObserveContext, ScanReads } from "../../protocols/types.js";
import type { ReferencePool } from "./createReferencePool.js";

/** One model block as the chain executed it. */
export type ChainRound = {
  block: number;
  chainBlock: string;
  /** Reference pool price after the block, on chain and in the model (USD). */
  marketPrice: number;
  modelMarketPrice: number;
  priceDiffBps: number;
  /** The underlying's feed after the block. */
  oraclePrice: number;
  hedgeVolumeUnderlying: number;
  liquidations: number;
  liquidatedDebtUsd: number;
  collateralSoldUnderlying: number;
  reverted: number;
  gasUsed: string;
  transactions: { action: number; kind: string; hash: string; status: string; gasUsed: string }[];
  /** The chain-side scan after this block (scan "every-block"): Aave positions the pools would liquidate, losses from balances. */
  scan?: {
    liquidatable: number;
    /** Aave losses from the chain's balances after the block: unbacked debt (realized) + underwater open positions. */
    badDebtUsd: number;
    /** Each scanned market's fund less its realized loss, on chain; the model's figure beside it. */
    insuranceLeftUsd: Record<string, number>;
    modelInsuranceLeftUsd: Record<string, number>;
  };
};

/** One action whose chain result differed from the model's prediction (or reverted). */
export type ActionMismatch = {
  action: number;
  block: number;
  kind: string;
  detail: string;
  expected: Record<string, string>;
  got: Record<string, string>;
};

export type ChainLoss = {
  realizedUsd: number;
  insolventOpenUsd: number;
  totalUsd: number;
  insuranceFundUsd: number;
  exceedsInsuranceFund: boolean;
  source: "chain" | "model-only";
};

export type OnChainRun = {
  backend: string;
  chainId: number;
  rounds: ChainRound[];
  actions: { total: number; executed: number; exact: number; mismatched: number; modelOnly: number };
  mismatches: ActionMismatch[];
  totals: {
    valueLiquidatedUsd: number;
    liquidations: number;
    /** The same two figures from the model's actions on the markets this chain has, priced identically. */
    modelValueLiquidatedUsd: number;
    modelLiquidations: number;
    collateralSoldUnderlying: number;
    hedgeVolumeUnderlying: number;
    gasUsed: string;
    startPrice: number;
    finalPrice: number;
    minPrice: number;
    /** Aave positions still liquidatable on chain at the end (HF < 1 with collateral left): at a fixed point, those no liquidator can profit from. */
    liquidatableLeft: number;
    badDebtByProtocol: Record<string, ChainLoss>;
  };
  /**
   * The oracle policy applied independently on the chain's side: the scenario's policy (updateOracle) fed
   * with the reference price the chain showed after each block's shock and arbitrage trades (decoded from
   * the pool's Swap events), block by block, compared with the rounds the model pushed.
   */
  oracleCheck: {
    blocks: number;
    pushes: number;
    agreed: number;
    disagreements: { block: number; symbol: string; chain: string; model: string }[];
  };
  /**
   * The liquidators' scan on the chain's side: after every block, each borrower as the protocol itself
   * judges it (Aave: getUserAccountData's health factor; Comet: isLiquidatable), the positions it would
   * liquidate compared with those the model holds liquidatable at the end of the same block. Disagreements
   * name the positions.
   */
  scanCheck: {
    mode: "every-block" | "final";
    /** Market-blocks compared (each market on chain, each block scanned) and how many agreed. */
    blocks: number;
    agreed: number;
    disagreements: { block: number; market: string; chainOnly: string[]; modelOnly: string[] }[];
    /** Largest gap, over scanned blocks and markets, between the insurance fund left on chain and in the model (USD). */
    maxInsuranceGapUsd: number;
    /** Positions read over every scan (with `scanReads: "changed"`, fewer than blocks × positions). */
    positionsRead?: number;
  };
  /**
   * With competing bots (liquidators.bots): per bot, what its transactions did on chain (mined by the
   * node's fee order), and per block whether the node's order, the winners and the reverted attempts were
   * the model's, and every bot transaction paid the model's gas price (base fee + tip) to the wei.
   */
  race?: ChainRace;
  /** Liquidity Absorption Capacity measured on the real pools before the cascade (marginal-price definition): sell until −5% / −10%. */
  lac: Record<string, { at5Underlying: number; at10Underlying: number }>;
  /**
   * The DAO's fund at the end, from its contract's own balances (a policy with a backstop): its stablecoins
   * and the underlying it bought, wei as decimal strings, and its P&L at the chain's final reference price.
   */
  daoBackstop?: { stable: string; underlying: string; pnlUsd: number };
  /**
   * With liquidators that take aTokens: the scaled aTokens each Aave market's liquidator contract still
   * holds at the end, per reserve it holds any of (decimal strings; the model's are heldATokens[].heldScaled).
   */
  heldATokens?: { market: string; asset: string; scaled: string }[];
  /** Where it stopped, if it failed halfway. */
  error?: string;
};

/** A bot's transactions as the chain mined them. */
export type ChainBotTotals = {
  id: string;
  sent: number;
  won: number;
  reverted: number;
  /** Gas the chain measured (the model counts its own figures per attempt: see liquidators.block). */
  gasUsed: string;
  /** Of which its reverted attempts. */
  gasUsedReverted: string;
  /** Gas used × effective gas price, in ETH at the oracle. */
  gasCostUsd: number;
  /**
   * A bot with capital of its own: what its contract on each Aave market holds at the end of its capital's
   * assets, units (decimal strings) by market id then asset, read off the tokens (the model's BotTotals.inventory).
   */
  inventory?: Record<string, Record<string, string>>;
  /** Its own liquidator contract on each Aave market (deployAaveBotLiquidators), by market id. */
  contracts?: Record<string, string>;
};

export type ChainRace = {
  bots: ChainBotTotals[];
  /** Blocks with bot transactions, and how many the chain ordered, won and reverted as the model did. */
  blocks: number;
  agreed: number;
  /** Bot transactions whose effective gas price was not the model's base fee + tip. */
  gasPriceMismatches: number;
  disagreements: { block: number; model: string; chain: string }[];
};

export type RunOnChainParameters = {
  book: AddressBook;
  /** State read back off the chain before the cascade (readCascadeState). */
  initial: CascadeState;
  /** The model's actions on that state, in order (runModel's onAction). */
  actions: readonly CascadeAction[];
  model: ModelReport;
  blockTimeSeconds: number;
  /**
   * "every-block" (default): after each chain block every borrower of each market on chain is read (its ChainLendingMarket.scan) and
   * compared with `modelLiquidatable`; rounds carry the chain's losses. "final": only at the end (sweeps,
   * SSF probes: many cascades, one question each).
   */
  scan?: "every-block" | "final";
  /** The model's liquidatable positions per block and Aave market (runModel's onLiquidatable). */
  modelLiquidatable?: ReadonlyMap<number, Readonly<Record<string, readonly number[]>>>;
  onBlock?: (round: ChainRound, doneBlocks: number, totalBlocks: number) => void;
  /** What each per-block scan reads (ScanReads): the positions that can have changed (default) or all. */
  scanReads?: ScanReads;
  /** With competing bots: their ids, in liquidators.bots order (the chain's race totals are per bot). */
  botIds?: readonly string[];
};

type Abi = ReturnType<typeof loadArtifact>["abi"];

/** The chain loop's running state, passed from phase to phase (see runOnChain). */
export type ChainLoop = {
  chain: Chain;
  parameters: RunOnChainParameters;
  book: AddressBook;
  reference: ReferencePool;
  /** The markets that exist on this chain, by id; the others are model-only. */
  markets: ReadonlyMap<string, ChainLendingMarket>;
  /** Bridges on this chain by bridged asset (scenario `bridges`). */
  bridges: ReadonlyMap<string, ChainBridge>;
  /** Each safety module's sales as the chain's Swap events show them, by market: tokens sold and quote raised. */
  backstops: Map<string, { sold: bigint; raised: bigint }>;
  abis: { swapper: Abi; feed: Abi; pool: Abi; erc20: Abi; daoBackstop: Abi };
  decimalsOf(symbol: string): number;
  /** The oracle prices as the model pushed them so far (USD and 8 decimals). */
  oracleUsd: Map<string, number>;
  oracleE8: Map<string, bigint>;
  /** What the markets' `observe` reads: those oracle prices and the underlying. */
  observeContext: ObserveContext;
  /** The reference pool as the model expects it after the actions sent so far, and as the chain showed it. */
  expectedRef: PoolModel;
  refOnChain: PoolModel;
  counts: OnChainRun["actions"];
  mismatches: ActionMismatch[];
  /** Liquidations are sent from the liquidator accounts in turn. */
  liquidatorTurn: number;
  /** The model's liquidations on markets this chain has, priced as the chain's are. */
  modelLiquidations: number;
  modelValueLiquidatedUsd: number;
  /** With competing bots: the race as the chain ran it so far. */
  race?: ChainRace;
};
