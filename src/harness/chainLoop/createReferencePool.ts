import type { Address, TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { poolPriceE8 } from "../../model/cascade/poolPrice.js";
import type { CascadeState, PoolModel } from "../../model/cascade/types.js";
import { ARTIFACTS } from "../../protocols/artifactIds.js";
import type { AddressBook } from "../../protocols/types.js";

/** The reference pool as the chain loop follows it: its address, its model at a given price, its events. */
export type ReferencePool = {
  model: PoolModel;
  address: Address;
  /** The pool at this sqrt price (v3; a v2 pair is returned unchanged). */
  withSqrt(sqrtPriceX96: bigint): PoolModel;
  /** The pair at these reserves (v2; a v3 pool is returned unchanged). */
  withReserves(reserve0: bigint, reserve1: bigint): PoolModel;
  /** USD per underlying. */
  priceOf(pool: PoolModel): number;
  /** The reference pool's states after each of its swaps in a receipt (v3 Swap, v2 Sync events). */
  swapsIn(receipt: TransactionReceipt): PoolModel[];
  /** Its price on chain now (v3 slot0, v2 getReserves), USD. */
  readPrice(chain: Chain): Promise<number>;
};

/**
 * The scenario's reference pool on chain, for the chain loop's price checks and its own oracle policy.
 *
 * @param book - the address book.
 * @param initial - the state the cascade starts from.
 * @returns the tracker.
 * @example const ref = createReferencePool(book, initial); await ref.readPrice(chain);
 */
export function createReferencePool(book: AddressBook, initial: CascadeState): ReferencePool {
  const poolAbi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
  const pairAbi = loadArtifact(ARTIFACTS.uniswapV2Pair).abi;
  const reference = initial.pools.find((p) => p.id === initial.referencePoolId)!;
  const address =
    reference.kind === "uniswap-v3"
      ? book.uniswapV3.pools[reference.id]!.address
      : book.uniswapV2!.pools[reference.id]!.address;
  const withSqrt = (sqrtPriceX96: bigint): PoolModel =>
    reference.kind === "uniswap-v3"
      ? { ...reference, state: { ...reference.state, sqrtPriceX96 } }
      : reference;
  const withReserves = (reserve0: bigint, reserve1: bigint): PoolModel =>
    reference.kind === "uniswap-v2"
      ? { ...reference, state: { ...reference.state, reserve0, reserve1 } }
      : reference;
  const priceOf = (pool: PoolModel) => Number(poolPriceE8(pool)) / 1e8;
  return {
    model: reference,
    address,
    withSqrt,
    withReserves,
    priceOf,
    swapsIn: (receipt) =>
      receipt.logs
        .filter((log) => log.address.toLowerCase() === address.toLowerCase())
        .flatMap((log) => {
          const abi = reference.kind === "uniswap-v3" ? poolAbi : pairAbi;
          const event = decodeKnownLog(abi, log);
          if (!event) return [];
          if (reference.kind === "uniswap-v3" && event.eventName === "Swap")
            return [withSqrt((event.args as unknown as { sqrtPriceX96: bigint }).sqrtPriceX96)];
          if (reference.kind === "uniswap-v2" && event.eventName === "Sync") {
            const a = event.args as unknown as { reserve0: bigint; reserve1: bigint };
            return [withReserves(a.reserve0, a.reserve1)];
          }
          return [];
        }),
    async readPrice(chain) {
      if (reference.kind === "uniswap-v3") {
        const slot0 = (await chain.client.readContract({
          address,
          abi: poolAbi,
          functionName: "slot0",
        })) as readonly [bigint];
        return priceOf(withSqrt(slot0[0]));
      }
      const [reserve0, reserve1] = (await chain.client.readContract({
        address,
        abi: pairAbi,
        functionName: "getReserves",
      })) as readonly [bigint, bigint];
      return priceOf(withReserves(reserve0, reserve1));
    },
  };
}
