import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { BackstopUse, BlockedLiquidation, HeldATokens, MarketModel } from "../cascade/types.js";
import type { Liquidators, Sale } from "../liquidators/types.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * What one liquidation attempt came to: `done` (liquidated, the position changed), `healthy` (not
 * liquidatable at the oracle), `skip` (liquidatable, but no liquidator would send it now: it waits) or
 * `dead` (nothing left that a liquidation could take).
 */
export type LiquidationOutcome = "done" | "healthy" | "skip" | "dead";

/**
 * A liquidation the protocol allows for one position, computed on its integers at this block's oracle
 * prices and not yet applied: what the liquidator repays, and what it receives to sell (absent where the
 * protocol itself takes the collateral, as Comet's `absorb` does).
 */
/** A collateral and a debt a liquidator names in a liquidation (Aave's `liquidationCall(collateral, debt, …)`). */
export type LiquidationPair = { collateral: string; debt: string };

export type LiquidationQuote = {
  debt: { symbol: string; amount: bigint; usd: number };
  /** The collateral the liquidator receives and sells on its pool in the same transaction. */
  receive?: { symbol: string; amount: bigint };
  /** Aave receiveAToken: the seized collateral is kept as aTokens, worth this at the oracle (USD); no sale. */
  heldUsd?: number;
  /** Applies the liquidation to the state and records it (event; for the chain, the action with the sale's integers). */
  apply(sale: Sale | undefined, profitUsd: number): void;
};

/**
 * A float bound on what a liquidation of a position can yield (for one rejecting, before any bigint math,
 * liquidations that provably cannot pay): the collateral received is at most `collateralMax` whole
 * tokens, the debt repaid worth at least `debtUsdMin`, every rounding the integers could differ by counted.
 */
export type LiquidationBound = {
  collateral: string;
  collateralMax: number;
  collateralDecimals: number;
  debtUsdMin: number;
};

/**
 * One lending market as the cascade sees it, whatever its protocol: the cascade queues, ranks and
 * liquidates positions through these calls alone and never asks which protocol it is. The protocol's rules
 * live here (what may be liquidated, how much, at what price, what is lost); the liquidators' economics
 * (gas, slippage, minimum profit) live in `src/model/liquidators/`. Each protocol has one implementation
 * (`src/model/markets/<protocol>/`), built by `createLendingMarket`; the chain side has the same roles in
 * `src/protocols/<protocol>/` (`ChainLendingMarket`).
 */
export type LendingMarket = {
  readonly id: string;
  readonly model: MarketModel;
  readonly positionCount: number;
  /**
   * Brings the market's interest to this block's timestamp (seconds since block 0), once per block before
   * anything reads it: Aave v3.6 reserves with rates above zero move their indices; markets without them
   * (and Comet, held still: issue 15) leave the state unchanged.
   *
   * @returns how far balances moved this block: the largest relative change of any index (0: none). The
   *   liquidators' float keys are recomputed once the moves add up to more than a float tolerance.
   */
  accrue(timestampSeconds: number): number;
  /**
   * The oracle price of the underlying at or below which position `index` is liquidatable (a float key
   * that only chooses when to look: every decision runs on the protocol's integers); −∞ for a position
   * with no debt (never), +∞ for one liquidatable at any price.
   */
  key(index: number): number;
  /**
   * The oracle price of the underlying at or above which position `index` becomes liquidatable, for one
   * whose debt moves with the underlying more than its collateral does (a loop of a market-priced pegged
   * asset against it) and is not liquidatable now (+∞ otherwise); valid after `key(index)`. The cascade
   * rebuilds the keys when the underlying's price reaches it.
   */
  riseKey?(index: number): number;
  /** Position `index`'s debt, USD at the oracle (float, for the largest-debt ordering). */
  debtUsd(index: number): number;
  /** Position `index` changed (it was liquidated): refresh whatever is cached about it. */
  refresh(index: number): void;
  /** The market's parameters changed (a risk steward's update): refresh whatever is cached about them. */
  reconfigure?(): void;
  /** A float bound on a liquidation of `index`, where the protocol's rules allow one to be proven (see LiquidationBound). */
  bound?(index: number): LiquidationBound | undefined;
  /**
   * The liquidation of position `index` for a repay of up to `debtToCover` (MAX_UINT256: as much as the
   * rules allow), or why there is none: `healthy` (not liquidatable), `dead` (nothing a liquidation could
   * take; any loss is booked), `revert` (the protocol would revert). `pair`: the collateral and debt the
   * liquidator names, on a protocol where it names them (Aave); absent: the largest of each, at the oracle.
   */
  quote(
    index: number,
    debtToCover: bigint,
    pair?: LiquidationPair,
  ): LiquidationQuote | "healthy" | "dead" | "revert";
  /**
   * The collateral/debt pairs a liquidator may name for position `index` (Aave: every seizable collateral
   * against every debt), the largest pair first; absent where the protocol decides what is taken.
   */
  pairs?(index: number): LiquidationPair[];
  /**
   * When the largest liquidation reverts for the protocol's cash (Aave: the collateral reserve cannot pay
   * the seizure out, or the debt reserve cannot lend our liquidator the repayment), the largest repay whose
   * liquidation the cash can pay, for a liquidator that repays less; undefined when cash is not the reason.
   */
  affordableDebt?(index: number): bigint | undefined;
  /**
   * Aave v3.6+: the largest liquidation with the collateral taken as aTokens (receiveAToken), repaid from
   * the liquidator's own inventory, for a liquidator that does so when the reserve's cash cannot pay.
   */
  quoteForATokens?(index: number): LiquidationQuote | "healthy" | "dead" | "revert";
  /**
   * After the block's liquidations, within the block's budget: protocol-side sales (Comet's storefront),
   * and Aave's liquidator unwinding the aTokens it took once their reserve has cash.
   */
  settle(budget: { left: number }): void;
  /**
   * The positions liquidatable by the protocol's own rule at this block's oracle prices, for the chain's
   * scan to be compared with; absent where the chain cannot scan this protocol yet.
   */
  liquidatable?(): number[];
  /** Staked backstops of this market and what they covered (Aave's Umbrella). */
  backstops?(): BackstopUse[];
  /** Aave v3.6+ with liquidators that take aTokens: what they took and unwound, per reserve. */
  heldATokens?(): HeldATokens[];
  /** Positions found liquidatable that no liquidation could take (each once, at the first block). */
  blocked?(): BlockedLiquidation[];
  /** Tokens this market issues that other markets hold as collateral (Aave's static aTokens). */
  vaults?(): CollateralVault[];
  /**
   * A margin top-up (a bridge's `topUps`): when position `index` holds `symbol` as collateral, owes
   * something and its health factor at this block's oracle is below `belowWad`, the amount of `symbol`
   * whose supply brings it to about `restoreWad`, and that supply on its behalf (`Pool.supply`, recorded as
   * a `supply` action); undefined otherwise. The caller rescores the position after `supply`.
   */
  topUp?(
    index: number,
    symbol: string,
    wad: { below: bigint; restore: bigint },
  ): { amount: bigint; supply(): void } | undefined;
  /** Debt written off so far, USD at the oracle when it was written off. */
  realizedUsd(): number;
  /** That debt by the collateral token it came through, where the market tracks it (Comet's absorbs). */
  realizedChannels?(): ReadonlyMap<string, number>;
  /**
   * Open positions whose debt exceeds their collateral at these prices (USD per whole token), USD; with
   * `channels`, each position's gap is also added there split over its collateral tokens by value (the
   * tokens the loss came through: the report's contagion graph).
   */
  insolventOpenUsd(priceUsd: (symbol: string) => number, channels?: Map<string, number>): number;
};

/**
 * A token one market issues that another market's positions hold as collateral (Aave's static aToken
 * under a Morpho market): what its shares are worth, and redeeming them, which acts on the issuing market
 * in the same block. Registered by the issuer (`LendingMarket.vaults`) and found by symbol in the context.
 */
export type CollateralVault = {
  readonly symbol: string;
  /** The market that issues it. */
  readonly issuer: string;
  /** The asset a redemption pays out. */
  readonly underlying: string;
  /** ERC-4626 convertToAssets at this block's state (rounded down). */
  convertToAssets(shares: bigint): bigint;
  /** The most shares a redemption takes now (maxRedeem for a holder of at least that many). */
  maxRedeem(): bigint;
  /** `redeem(shares)`: what it pays and its effect on the issuer, or `revert`. */
  redeem(shares: bigint): { assets: bigint; apply(): void } | "revert";
};

/** What every market implementation is built from. */
export type LendingMarketParameters<M extends MarketModel> = {
  market: M;
  ctx: CascadeContext;
  liquidators: Liquidators;
};

/** What a market model is built from per asset. */
export type AssetFacts = { decimals: number; priceUsd: number };

/** One borrower as a scenario gives it (explicit or generated): whole-token amounts by symbol. */
export type BorrowerEntry = {
  id: string;
  collateral: Record<string, number>;
  debt: Record<string, number>;
  /** Aave: the e-mode category the position is in (absent: none). */
  eMode?: number;
};

/** Takes a scenario's borrowers into a market model, one entry at a time (`finish` after each borrower set). */
export type PositionSink = { add(entry: BorrowerEntry): void; finish(): void };

/** How one market kind's model is built from the scenario (see buildCascadeState). */
export type MarketModelBuilder<M extends MarketModel> = {
  /** The model from the scenario's section of this kind, before borrowers. */
  build(
    spec: Extract<Scenario["markets"][number], { kind: M["kind"] }>,
    asset: (symbol: string) => AssetFacts,
  ): M;
  /** A sink for one borrower set of this market. */
  positions(market: M, decimalsOf: (symbol: string) => number): PositionSink;
  /**
   * The liquidation threshold of a collateral, as a fraction (generated borrowers' debt is drawn against
   * it), for a position in e-mode category `eMode` when given (Aave).
   */
  liquidationThreshold(market: M, collateral: string, eMode?: number): number;
  /**
   * After every borrower set, before any market completes: what this market's book puts into another
   * market (Morpho's static aToken collateral deposited into Aave's reserve).
   */
  link?(market: M, markets: ReadonlyMap<string, MarketModel>): void;
  /**
   * Refuses a book the protocol could not open (Aave: a position below health factor 1 at the starting
   * prices), as the replica's seeding would; not asked where positions are read off a chain (fork mode).
   */
  refuseUnopenable?(market: M, asset: (symbol: string) => AssetFacts): void;
  /** After every borrower set: what the market's own state follows from its book (Aave: utilisation, cash). */
  complete?(
    market: M,
    spec: Extract<Scenario["markets"][number], { kind: M["kind"] }>,
    asset: (symbol: string) => AssetFacts,
  ): void;
};
