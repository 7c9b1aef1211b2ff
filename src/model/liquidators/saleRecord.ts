import type { Sale } from "./types.js";

/**
 * What a liquidation's action records of its sale, for the chain to send and check: the pool it sells on
 * (the liquidators' pool when nothing was sold), a pegged asset's first hop, and the sale pool's state after
 * it (a V3 pool's sqrtPriceX96, 0 for a V2 pair, whose reserves are given instead).
 */
export function saleRecord(sold: Sale | undefined, defaultPoolId: string) {
  return {
    route: {
      salePoolId: sold?.trade?.pool.id ?? defaultPoolId,
      ...(sold?.hop ? { hopPoolId: sold.hop.pool.id } : {}),
    },
    after: {
      saleProceeds: sold?.quote ?? 0n,
      saleSqrtPriceX96After:
        sold?.trade?.pool.kind === "uniswap-v3" ? sold.trade.pool.state.sqrtPriceX96 : 0n,
      ...(sold?.trade?.pool.kind === "uniswap-v2"
        ? { saleReservesAfter: [sold.trade.pool.state.reserve0, sold.trade.pool.state.reserve1] as const }
        : {}),
    },
  };
}
