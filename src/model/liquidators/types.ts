import type { TradeResult } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";

/**
 * A sale of seized collateral, quoted on the liquidators' pool; `commit` applies that same swap. `quote` is
 * what it fetches in the debt asset's units (the name is from when that was always the quote asset).
 */
export type Sale = { quote: bigint; usd: number; trade?: TradeResult; commit: () => void };

/**
 * The liquidators as every lending market sees them: what a liquidation costs them and what the seized
 * collateral fetches. Markets decide whether their protocol allows a liquidation; this decides whether a
 * liquidator would send it.
 */
export type Liquidators = {
  /** The smallest profit, USD, for which a liquidator acts. */
  readonly minProfitUsd: number;
  /** Decimals of the quote asset the sales are paid in. */
  readonly quoteDecimals: number;
  /** Gas of one liquidation, USD at this block's market price. */
  gasUsd(): number;
  /** The pool the liquidators sell into and its current price, USD per underlying. */
  salePool(): { pool: PoolModel; usd: number };
  /**
   * Quotes what `amount` of seized `symbol` fetches in the debt asset `debtSymbol` (default the quote
   * asset), as our liquidator contract does it: the debt asset itself one to one, the underlying sold on
   * the pool for the quote, the quote spent on the pool for the underlying; other assets at the oracle.
   */
  quoteSale(symbol: string, amount: bigint, debtSymbol?: string): Sale;
};
