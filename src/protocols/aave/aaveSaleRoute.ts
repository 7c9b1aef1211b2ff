import { zeroAddress } from "viem";
import type { AddressBook } from "../types.js";

/**
 * Where our CascadeLiquidator sells: the sale pool (a Uniswap V3 pool, or a V2 pair) and a pegged
 * collateral's first hop (address(0): none), as its Job struct takes them.
 *
 * @param book - the address book.
 * @param route - the model's sale pool and hop pool ids.
 * @returns the Job's route fields.
 */
export function aaveSaleRoute(
  book: AddressBook,
  route: { salePoolId: string; hopPoolId?: string | undefined },
) {
  const venue = (id: string) => ({
    address: (book.uniswapV3.pools[id] ?? book.uniswapV2!.pools[id]!).address,
    v2: !book.uniswapV3.pools[id],
  });
  const sale = venue(route.salePoolId);
  const hop = route.hopPoolId ? venue(route.hopPoolId) : { address: zeroAddress, v2: false };
  return { uniswapPool: sale.address, uniswapV2: sale.v2, hopPool: hop.address, hopV2: hop.v2 };
}
