import { type Address, decodeEventLog, encodeFunctionData } from "viem";
import type { loadArtifact } from "../../chain/loadArtifact.js";
import { sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { swap } from "../../model/amm/v3/swap.js";
import { sqrtPriceLimitForRatio } from "../../model/cascade/tradeOnPool.js";
import type { CascadeState } from "../../model/cascade/types.js";
import type { AddressBook } from "../../protocols/types.js";
import type { OnChainRun } from "./types.js";

/**
 * LAC on the real pools (marginal definition): from a snapshot, sell the underlying with a price limit at
 * −5% (then −10%) of the current price and read how much the pool took; revert after each probe.
 */
export async function measureLac(
  chain: Chain,
  ctx: {
    book: AddressBook;
    state: CascadeState;
    poolAbi: ReturnType<typeof loadArtifact>["abi"];
    swapperAbi: ReturnType<typeof loadArtifact>["abi"];
  },
): Promise<OnChainRun["lac"]> {
  const out: OnChainRun["lac"] = {};
  for (const pool of ctx.state.pools) {
    const address = ctx.book.uniswapV3.pools[pool.id]?.address;
    if (!address || pool.kind !== "uniswap-v3") continue;
    const amounts: number[] = [];
    for (const drop of [0.05, 0.1]) {
      const snapshot = await chain.client.snapshot();
      const limit = sqrtPriceLimitForRatio(pool, BigInt(Math.round((1 - drop) * 1e18)));
      const zeroForOne = pool.underlyingIsToken0;
      // Model-side check of the probe: the same swap must not revert (e.g. at the edge of liquidity).
      swap(pool.state, { zeroForOne, amountSpecified: 1n << 128n, sqrtPriceLimitX96: limit });
      const from: Address = ctx.book.roles.trader;
      const receipts = await sendBlock(chain, {
        transactions: [
          {
            from,
            to: ctx.book.harness.swapper,
            gas: 10_000_000n,
            data: encodeFunctionData({
              abi: ctx.swapperAbi,
              functionName: "swap",
              args: [address, zeroForOne, 1n << 128n, limit, from],
            }),
          },
        ],
        timestamp: (await chain.client.getBlock()).timestamp + 1n,
      });
      let amount = 0;
      for (const log of receipts[0]?.logs ?? []) {
        if (log.address.toLowerCase() !== address.toLowerCase()) continue;
        const event = decodeEventLog({ abi: ctx.poolAbi, data: log.data, topics: log.topics, strict: false });
        if (event.eventName === "Swap") {
          const a = event.args as unknown as { amount0: bigint; amount1: bigint };
          amount =
            Number(zeroForOne ? a.amount0 : a.amount1) /
            10 ** (pool.underlyingIsToken0 ? pool.token0.decimals : pool.token1.decimals);
        }
      }
      amounts.push(amount);
      await chain.client.revert({ id: snapshot });
    }
    out[pool.id] = { at5Underlying: amounts[0]!, at10Underlying: amounts[1]! };
  }
  return out;
}
