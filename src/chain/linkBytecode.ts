import type { Address, Hex } from "viem";
import { DeploymentError } from "../errors/DeploymentError.js";
import type { Artifact } from "./loadArtifact.js";

/**
 * Puts library addresses into an artifact's bytecode at the byte offsets its `linkReferences` list
 * (Hardhat artifacts mark them `__$<hash>$__`).
 *
 * @param artifact - the artifact to link.
 * @param libraries - library name → deployed address.
 * @returns creation bytecode with every placeholder replaced.
 * @throws {DeploymentError} when a referenced library has no address.
 * @example linkBytecode(loadArtifact("@aave/core-v3:protocol/pool/Pool.sol/Pool"), { BorrowLogic: "0x…", ... })
 */
export function linkBytecode(artifact: Artifact, libraries: Record<string, Address>): Hex {
  let code = artifact.bytecode.slice(2);
  for (const [, libs] of Object.entries(artifact.linkReferences)) {
    for (const [name, refs] of Object.entries(libs)) {
      const address = libraries[name];
      if (!address)
        throw new DeploymentError(`${artifact.contractName} needs library ${name}, which was not deployed.`);
      const hex = address.slice(2).toLowerCase();
      for (const { start, length } of refs)
        code = code.slice(0, start * 2) + hex + code.slice((start + length) * 2);
    }
  }
  return `0x${code}`;
}
