import { type Address, toHex } from "viem";
import { loadCometArtifact } from "../../build/compileComet.js";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";
import { NotADevNodeError } from "../../errors/NotADevNodeError.js";

/**
 * Replaces the code at one of a fork's Comet collateral feeds (an immutable of Comet's configuration) with
 * Comet's own ReverseMultiplicativePriceFeed over two of DLCM's settable USD feeds, the asset's and the
 * base's: a fresh instance is deployed (its immutables hold the two feeds) and its runtime code and its one
 * storage slot (the description) are copied to the feed's address.
 *
 * @param chain - a chain proven to be a local fork.
 * @param parameters - the feed address Comet reads, the asset's and the base's USD feeds, a deployer and
 *   the description.
 * @throws {NotADevNodeError} when the node was not proven to be a dev node.
 */
export async function installInBaseFeed(
  chain: Chain,
  parameters: { feed: Address; assetUsd: Address; baseUsd: Address; deployer: Address; description: string },
): Promise<void> {
  if (!chain.devNode)
    throw new NotADevNodeError("Refusing to replace code: the node was not proven to be a dev node.");
  const { feed, assetUsd, baseUsd, deployer, description } = parameters;
  const instance = await deployContract(chain, {
    from: deployer,
    artifact: loadCometArtifact("ReverseMultiplicativePriceFeed"),
    args: [assetUsd, baseUsd, 8, description],
  });
  const code = await chain.client.getCode({ address: instance });
  await chain.client.setCode({ address: feed, bytecode: code! });
  const slot = toHex(0, { size: 32 });
  const value = await chain.client.getStorageAt({ address: instance, slot });
  await chain.client.setStorageAt({ address: feed, index: slot, value: value! });
}
