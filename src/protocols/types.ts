import type { Address, Hex, TransactionReceipt } from "viem";
import type { BlockTransaction } from "../chain/sendBlock.js";
import type { CascadeAction, MarketAction, MarketModel } from "../model/cascade/types.js";
import type { Scenario } from "../model/scenario/schema.js";

/** One Aave V3 market's contracts and the accounts allowed to administer it. */
export type AaveMarketAddresses = {
  pool: Address;
  addressesProvider: Address;
  aclManager: Address;
  /** Holds the pool-admin role (the replica's deployer; on mainnet, the governance executor). */
  poolAdmin: Address;
  poolConfigurator: Address;
  oracle: Address;
  dataProvider: Address;
  treasury: Address;
  reserves: Record<string, { aToken: Address; variableDebtToken: Address }>;
  /** The account registered as UMBRELLA in the addresses provider (it alone may eliminate deficits). */
  umbrella?: Address;
  /** Static aTokens (StataTokenV2 proxies) over its reserves that other markets hold, by symbol. */
  staticATokens?: Record<string, Address>;
  /** Liquidation bot contract of ours, bound to this pool. */
  liquidator: Address;
  /** With competing bots: each bot's own liquidator contract, in the bots' order (deployAaveBotLiquidators). */
  bots?: Address[];
};

/** One Comet market's contracts: the proxy-less Comet (its CometExt behind it) and our liquidator bound to it. */
export type CometMarketAddresses = {
  comet: Address;
  baseToken: Address;
  /** Collateral assets in Comet's own order (getAssetInfo(i)), the model's asset order. */
  assets: Address[];
  /** The feed Comet prices each of those assets with (getAssetInfo(i).priceFeed). */
  priceFeeds: Address[];
  /** Holds the governor role (the replica's deployer; on mainnet, the timelock). */
  governor: Address;
  /** The Configurator's proxy, which holds the market's configuration and deploys new implementations. */
  configurator: Address;
  /** The CometProxyAdmin that administers the Comet proxy (owned by the governor). */
  proxyAdmin: Address;
  /** Our buy-and-sell contract (CometLiquidator). */
  liquidator: Address;
};

/** One Morpho Blue market's contracts: its Morpho (one per market on the replica), IRM, oracle, id and our liquidator. */
export type MorphoMarketAddresses = {
  morpho: Address;
  /** The market's parameters as `createMarket` took them. */
  params: { loanToken: Address; collateralToken: Address; oracle: Address; irm: Address; lltv: bigint };
  id: Hex;
  /** The AdaptiveCurveIrm (holds the market's rate at target); absent: no IRM. */
  adaptiveIrm?: Address;
  /** Holds the owner role (the replica's deployer). */
  owner: Address;
  /** Our liquidate-and-sell contract (MorphoLiquidator). */
  liquidator: Address;
};

export type UniswapV3PoolAddresses = { address: Address; feePips: number; token0: Address; token1: Address };

/** A Uniswap V2 pair and the factory that created it. */
export type UniswapV2PairAddresses = { address: Address; factory: Address; token0: Address; token1: Address };

/**
 * Every address the harness needs, of the same shape on the replica and on a mainnet fork, so nothing
 * above src/protocols/ knows which it runs on.
 */
export type AddressBook = {
  chainId: number;
  tokens: Record<string, { address: Address; decimals: number }>;
  /** The settable aggregator the harness pushes prices into, per asset symbol. */
  feeds: Record<string, Address>;
  aave: Record<string, AaveMarketAddresses>;
  /** Comet markets by market id (absent: none on this chain). */
  compound?: Record<string, CometMarketAddresses>;
  /** Morpho Blue markets by market id (absent: none on this chain). */
  morpho?: Record<string, MorphoMarketAddresses>;
  uniswapV3: { factory: Address; pools: Record<string, UniswapV3PoolAddresses> };
  /** This chain's end of each bridge, by bridged asset (the replica deploys one per scenario bridge). */
  bridges?: Record<string, Address>;
  /** Uniswap V2 pairs by pool id (the replica deploys them where the scenario has one). */
  uniswapV2?: { pools: Record<string, UniswapV2PairAddresses> };
  /** Our helper contracts. */
  harness: {
    swapper: Address;
    minter: Address;
    aaveLens: Address;
    uniswapLens: Address;
    cometLens?: Address;
    /** The Sovereign Risk DAO's fund (DaoBackstop), owned by the deployer. */
    daoBackstop?: Address;
  };
  /** Accounts that act: the deployer/admin, the LP, the lender of last resort, traders, market makers, liquidators. */
  roles: {
    deployer: Address;
    lp: Address;
    depositor: Address;
    trader: Address;
    marketMakers: Record<string, Address>;
    liquidators: Address[];
  };
  /** Borrower addresses per market, in the order of the model's positions. */
  borrowers: Record<string, Address[]>;
};

/** Per market: candidates found, how, those run, those left out and why (the fork report's figures). */
export type ForkBorrowerStats = {
  source: string;
  candidates: number;
  inScope: number;
  run: number;
  noDebt: number;
  outOfScope: { count: number; debtUsd: number; reasons: Record<string, number> };
  capped: number;
};

/**
 * The protocol part of an address book: what exists on the chain before DLCM touches it. On a mainnet fork it
 * is resolved from the documented addresses (resolveMainnetForkAddresses); for any other chain, or a local
 * node standing in for one, it is read from a file of this shape (parseForkAddresses). The replica's own
 * address book contains one, which is how the tests run fork mode against the replica.
 */
export type ForkAddresses = {
  chainId: number;
  tokens: AddressBook["tokens"];
  aave: Record<string, Omit<AaveMarketAddresses, "liquidator">>;
  /** Comet markets by scenario market id: the Comet (proxy) address; the rest is read from it. */
  /** Each Comet proxy and the Configurator (proxy) that holds its configuration. */
  compound?: Record<string, { comet: Address; configurator: Address }>;
  /** Morpho Blue markets by scenario market id: the Morpho contract and the market's id; the rest is read from them. */
  morpho?: Record<string, { morpho: Address; id: Hex }>;
  uniswapV3: AddressBook["uniswapV3"];
};

/**
 * What starts a replica market's clock: the block(s) `run` mines at `timestamp`, exactly `historySeconds`
 * before the cascade's block 0 (deployReplica orders every market's start by time, then mines block 0
 * with each market's `atBlockZero` transactions), so the model knows the history to the second.
 */
export type ReplicaMarketStart = {
  historySeconds: bigint;
  run(timestamp: bigint): Promise<void>;
  /** Transactions block 0 carries for this market (Comet: an accrual, so its stored indices are current). */
  atBlockZero?: BlockTransaction[];
};

/** What every replica market deployment is built from (one implementation per protocol, deployReplicaMarket). */
export type ReplicaMarketParameters<M extends MarketModel> = {
  market: M;
  /** The scenario's section of this market. */
  spec: Extract<Scenario["markets"][number], { kind: M["kind"] }>;
  tokens: AddressBook["tokens"];
  feeds: AddressBook["feeds"];
  /** Oracle price per symbol at the start, 8 decimals. */
  priceE8: (symbol: string) => bigint;
  deployer: Address;
  depositor: Address;
  onProgress: (phase: string, done?: number, total?: number) => void;
  /** Called after deployment and after seeding (replica timings). */
  lap: (name: string) => void;
};

/**
 * What a scan reads: `changed` (the default) the borrowers a transaction touched and those whose health
 * the moves of prices and indices since their last read can have carried across the line, the rest kept
 * from that read; `all` every borrower, every time.
 */
export type ScanReads = "changed" | "all";

/** A lending market's losses measured from the chain's own balances (USD floats, for reporting). */
export type ChainMarketLosses = {
  /** Debt nothing can repay any more (e.g. v3.0 debt left with no collateral), at the oracle. */
  realizedUsd: number;
  /** Debt above collateral of positions that still hold some, at market prices. */
  insolventOpenUsd: number;
};

/** A mined liquidation as the chain reports it. */
export type LiquidationOnChain = {
  debtRepaid: bigint;
  collateralSeized: bigint;
  saleProceeds: bigint;
  /** Collateral the protocol kept (Aave: the aToken transfer to the treasury); omitted where there is none. */
  protocolFee?: bigint;
};

/**
 * What one mined market action did by the chain's own events, beside what the model expected (the same
 * fields, as decimal strings: equal records mean exact), and what it adds to the round's statistics.
 */
export type ObservedAction = {
  expected: Record<string, string>;
  got: Record<string, string>;
  /** Debt taken off a borrower (USD at the oracle) and underlying sold, when the action liquidated. */
  liquidated?: { count: number; debtUsd: number; underlyingSold: number };
};

/** What `observe` needs from the loop: this block's oracle prices (USD) and the cascade's underlying. */
export type ObserveContext = {
  oracleUsd(symbol: string): number;
  underlying: string;
  /** The timestamp a model block is mined at. */
  blockTimestamp(block: number): bigint;
};

/**
 * One lending market on chain as the chain loop uses it, whatever its protocol: the same roles as the
 * model's `LendingMarket` (src/model/markets/types.ts), one implementation per protocol in
 * `src/protocols/<protocol>/`, built by `createChainMarkets`. The loop calls these and never asks which
 * protocol a market is.
 */
export type ChainLendingMarket = {
  readonly id: string;
  readonly insuranceFundUsd: number;
  /**
   * The transaction that executes one of the model's actions on this market, sent by `from`; undefined
   * for an action this market does not send on this chain (the loop counts it as model-only).
   */
  transaction(action: MarketAction, from: Address): BlockTransaction | undefined;
  /**
   * What a mined action did, from its receipt's events (the protocol's own), against the model's. The chain
   * loop calls it once per successful receipt (checkReceipts); a market may count what it observes.
   */
  observe(receipt: TransactionReceipt, action: MarketAction, context: ObserveContext): ObservedAction;
  /**
   * The liquidators' scan after a block: the positions the protocol itself would liquidate now (its own
   * health check, read from the chain), the losses from the balances read, and how many positions it
   * read (see ScanReads).
   */
  scan(
    marketPriceOf: (symbol: string) => number,
    reads?: ScanReads,
  ): Promise<{ liquidatable: number[]; losses: ChainMarketLosses; read?: number }>;
  /** Losses and the count still liquidatable, from this market as read back off the chain at the end. */
  measureLosses(
    read: MarketModel,
    prices: { oracleE8: (symbol: string) => bigint; marketPriceOf: (symbol: string) => number },
  ): ChainMarketLosses & { liquidatable: number };
  /** A position's id, for reports. */
  positionId(index: number): string;
};

/** A model liquidation of one position (the chain loop hands it to the market's chain implementation). */
export type LiquidationAction = Extract<CascadeAction, { kind: "liquidationCall" }>;
