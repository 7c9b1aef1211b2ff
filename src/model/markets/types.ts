import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { MarketModel } from "../cascade/types.js";
import type { Liquidators } from "../liquidators/types.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * What one liquidation attempt came to: `done` (liquidated, the position changed), `healthy` (not
 * liquidatable at the oracle), `skip` (liquidatable, but no liquidator would send it now: it waits) or
 * `dead` (nothing left that a liquidation could take).
 */
export type LiquidationOutcome = "done" | "healthy" | "skip" | "dead";

/**
 * One lending market as the cascade sees it, whatever its protocol: the cascade queues, ranks and
 * liquidates positions through these calls alone and never asks which protocol it is. Each protocol has
 * one implementation (`src/model/markets/<protocol>/`), built by `createLendingMarket`; the chain side has
 * the same roles in `src/protocols/<protocol>/`.
 */
export type LendingMarket = {
  readonly id: string;
  readonly model: MarketModel;
  readonly positionCount: number;
  /**
   * The oracle price of the underlying at or below which position `index` is liquidatable (a float key
   * that only chooses when to look: every decision runs on the protocol's integers); −∞ for a position
   * with no debt (never), +∞ for one liquidatable at any price.
   */
  key(index: number): number;
  /** Position `index`'s debt, USD at the oracle (float, for the largest-debt ordering). */
  debtUsd(index: number): number;
  /** Position `index` changed (it was liquidated): refresh whatever is cached about it. */
  refresh(index: number): void;
  /**
   * One liquidator's attempt on position `index` at this block's oracle prices: the protocol's rules
   * decide what may be taken, the liquidators whether it pays after selling the collateral; a done
   * liquidation is applied to the state, recorded as an event and (for the chain) as an action.
   */
  liquidate(index: number): LiquidationOutcome;
  /** After the block's liquidations: protocol-side sales (Comet's storefront), within the block's budget. */
  settle(budget: { left: number }): void;
  /**
   * The positions liquidatable by the protocol's own rule at this block's oracle prices, for the chain's
   * scan to be compared with; absent where the chain cannot scan this protocol yet.
   */
  liquidatable?(): number[];
  /** Debt written off so far, USD at the oracle when it was written off. */
  realizedUsd(): number;
  /** Open positions whose debt exceeds their collateral at these prices (USD per whole token), USD. */
  insolventOpenUsd(priceUsd: (symbol: string) => number): number;
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
export type BorrowerEntry = { id: string; collateral: Record<string, number>; debt: Record<string, number> };

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
  /** The liquidation threshold of a collateral, as a fraction (generated borrowers' debt is drawn against it). */
  liquidationThreshold(market: M, collateral: string): number;
};
