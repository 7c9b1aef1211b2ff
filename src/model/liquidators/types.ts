import type { TradeResult } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";

/**
 * A sale of seized collateral, quoted on the liquidators' pool; `commit` applies that same swap. `quote` is
 * what it fetches in the debt asset's units (the name is from when that was always the quote asset).
 */
export type Sale = {
  quote: bigint;
  usd: number;
  /** The (last) swap of the sale. */
  trade?: TradeResult;
  /** A pegged asset sold in two hops: the first swap, on its own pool, for the underlying. */
  hop?: TradeResult;
  commit: () => void;
};

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
   * the pool for the quote, the quote spent on the pool for the underlying, a pegged asset sold on its own
   * pool (then, for the quote asset, on the pool); other assets at the oracle.
   */
  quoteSale(symbol: string, amount: bigint, debtSymbol?: string): Sale;
  /**
   * At most what that sale fetches, USD as `quoteSale` counts it, from the pools' current prices (a sale
   * only moves a price against the seller, and pays the fee), float allowances included; undefined where
   * the sale is not a sale into pools (the debt asset itself, the oracle).
   */
  saleCeilingUsd(symbol: string, amount: bigint, debtSymbol: string): number | undefined;
  /**
   * What repaying a debt costs, USD on the sale's own scale: the underlying at this block's market price
   * (as its proceeds are counted, so a sale for the underlying pays when it fetches what is owed, whatever
   * the oracle lags), any other asset at the oracle (`usd` as quoted).
   */
  repayUsd(debt: { symbol: string; amount: bigint; usd: number }): number;
};
