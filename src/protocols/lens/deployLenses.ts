import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";

/**
 * Deploys the read-only lenses, the swap/mint helpers and the DAO's backstop fund (ours, the same on the replica and a fork).
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
  daoBackstop: Address;
}> {
  const [swapper, minter, aaveLens, uniswapLens, cometLens] = [
    await deployContract(chain, { from, artifact: "uniswap/PoolSwapper" }),
    await deployContract(chain, { from, artifact: "uniswap/LiquidityMinter" }),
    await deployContract(chain, { from, artifact: "lens/AaveLens" }),
    await deployContract(chain, { from, artifact: "lens/UniswapV3Lens" }),
    await deployContract(chain, { from, artifact: "compound/CometLens" }),
  ];
  // The DAO's fund (owned by the deployer, the DAO's executor here); funded by the run that uses it.
  const daoBackstop = await deployContract(chain, { from, artifact: "dao/DaoBackstop", args: [from] });
  return { swapper, minter, aaveLens, uniswapLens, cometLens, daoBackstop };
}
