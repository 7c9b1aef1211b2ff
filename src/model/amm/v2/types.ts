/** A Uniswap v2 pair's reserves and fee. */
export type V2PoolState = { reserve0: bigint; reserve1: bigint; feeBps: bigint };
