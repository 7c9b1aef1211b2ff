import { type Address, encodeDeployData, getAddress, type Hex } from "viem";
import { DeploymentError } from "../errors/DeploymentError.js";
import { linkBytecode } from "./linkBytecode.js";
import { type Artifact, loadArtifact } from "./loadArtifact.js";
import { sendTransaction } from "./sendTransaction.js";
import type { Chain } from "./types.js";

export type DeployContractParameters = {
  from: Address;
  /** An artifact id for loadArtifact, or a loaded artifact. */
  artifact: string | Artifact;
  args?: readonly unknown[];
  libraries?: Record<string, Address>;
  gas?: bigint;
};

/**
 * Deploys a contract from its artifact (linking libraries first) and returns its address.
 *
 * @param chain - a running chain.
 * @param parameters - deployer, artifact, constructor arguments, libraries.
 * @returns the new contract's address.
 * @throws {DeploymentError} when the creation reverts or yields no address.
 * @example const factory = await deployContract(chain, { from, artifact: "@uniswap/v3-core:UniswapV3Factory.sol/UniswapV3Factory" });
 */
export async function deployContract(chain: Chain, parameters: DeployContractParameters): Promise<Address> {
  const artifact =
    typeof parameters.artifact === "string" ? loadArtifact(parameters.artifact) : parameters.artifact;
  const bytecode: Hex = linkBytecode(artifact, parameters.libraries ?? {});
  const data = encodeDeployData({ abi: artifact.abi, bytecode, args: parameters.args ?? [] } as Parameters<
    typeof encodeDeployData
  >[0]);
  try {
    const receipt = await sendTransaction(chain, {
      from: parameters.from,
      data,
      gas: parameters.gas ?? 30_000_000n,
      abi: artifact.abi,
    });
    if (!receipt.contractAddress)
      throw new DeploymentError(`${artifact.contractName}: no contract address in the receipt.`);
    return getAddress(receipt.contractAddress);
  } catch (cause) {
    if (cause instanceof DeploymentError) throw cause;
    throw new DeploymentError(`Deploying ${artifact.contractName} failed.`, { cause });
  }
}
