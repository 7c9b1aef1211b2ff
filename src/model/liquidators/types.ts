import type { TradeResult } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";

/** A sale of seized collateral, quoted on the liquidators' pool; `commit` applies that same swap. */
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
  /** Quotes selling `amount` of `symbol` (the quote asset sells at par; other non-underlying assets at the oracle). */
  quoteSale(symbol: string, amount: bigint): Sale;
};
