import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";

/**
 * Deploys the read-only lenses and the swap/mint helpers (ours, the same on the replica and a fork).
 *
 * @param chain - a running dev chain.
 * @param from - the deployer.
 * @returns the helper addresses of the address book.
 */
export async function deployLenses(
  chain: Chain,
  from: Address,
): Promise<{
  swapper: Address;
  minter: Address;
  aaveLens: Address;
  uniswapLens: Address;
  cometLens: Address;
}> {
  const [swapper, minter, aaveLens, uniswapLens, cometLens] = [
    await deployContract(chain, { from, artifact: "uniswap/PoolSwapper" }),
    await deployContract(chain, { from, artifact: "uniswap/LiquidityMinter" }),
    await deployContract(chain, { from, artifact: "lens/AaveLens" }),
    await deployContract(chain, { from, artifact: "lens/UniswapV3Lens" }),
    await deployContract(chain, { from, artifact: "compound/CometLens" }),
  ];
  return { swapper, minter, aaveLens, uniswapLens, cometLens };
}
