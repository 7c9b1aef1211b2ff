import { type Address, zeroAddress } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";
import type { AaveEModeSpec } from "./configureAaveEModes.js";

/**
 * Creates v3.0 e-mode categories through @aave/core-v3's PoolConfigurator as the pool admin:
 * setEModeCategory(id, ltv, threshold, bonus, no price source, label), then setAssetEModeCategory for each
 * of its assets (on v3.0 a reserve belongs to one category; `termsOnly`: the first call only).
 *
 * @param chain - a dev chain on which `admin` can send.
 * @param parameters - the configurator, the admin and the categories (collateral = the category's assets).
 */
export async function configureAaveV30EModes(
  chain: Chain,
  parameters: {
    poolConfigurator: Address;
    admin: Address;
    categories: readonly AaveEModeSpec[];
    termsOnly?: boolean;
  },
): Promise<void> {
  const abi = loadArtifact(ARTIFACTS.aavePoolConfigurator).abi;
  const call = (functionName: string, args: readonly unknown[]) =>
    writeContract(chain, {
      from: parameters.admin,
      address: parameters.poolConfigurator,
      abi,
      functionName,
      args,
    } as Parameters<typeof writeContract>[1]);
  for (const c of parameters.categories) {
    await call("setEModeCategory", [
      c.id,
      c.ltvBps,
      c.liquidationThresholdBps,
      c.liquidationBonusBps,
      zeroAddress,
      c.label,
    ]);
    if (parameters.termsOnly) continue;
    for (const asset of c.collateral) await call("setAssetEModeCategory", [asset, c.id]);
  }
}
