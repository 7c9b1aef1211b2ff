import { type Address, zeroAddress } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import type { AaveVersionProfile } from "../../model/lending/aave/types.js";
import { AAVE_V36_ARTIFACTS, type AaveSourceArtifacts, ARTIFACTS } from "../artifactIds.js";

export type AaveEModeSpec = {
  id: number;
  label: string;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
  collateral: readonly Address[];
  borrowable: readonly Address[];
  /** v3.7's isolated flag (a v3.6 configurator has no such argument: false there). */
  isolated?: boolean;
};

/**
 * Creates e-mode categories through the PoolConfigurator as the pool admin, the way a governance payload
 * does: setEModeCategory(id, ltv, threshold, bonus, label), then setAssetCollateralInEMode and
 * setAssetBorrowableInEMode for each of its assets; on v3.0 setEModeCategory(id, ltv, threshold, bonus, no
 * price source, label), then setAssetEModeCategory for each (`termsOnly`: the first call only, to change
 * its terms).
 *
 * @param chain - a dev chain on which `admin` can send.
 * @param parameters - the configurator, the admin and the categories.
 */
export async function configureAaveEModes(
  chain: Chain,
  parameters: {
    poolConfigurator: Address;
    admin: Address;
    categories: readonly AaveEModeSpec[];
    artifacts?: AaveSourceArtifacts;
    /** v3.0: @aave/core-v3's configurator (a price source argument, one category per asset). */
    profile?: AaveVersionProfile;
    /** Set only the categories' terms (their assets are already on the bitmaps). */
    termsOnly?: boolean;
  },
): Promise<void> {
  const v30 = parameters.profile === "v3.0";
  const abi = loadArtifact(
    v30 ? ARTIFACTS.aavePoolConfigurator : (parameters.artifacts ?? AAVE_V36_ARTIFACTS).poolConfigurator,
  ).abi;
  // v3.7's setEModeCategory takes a sixth argument, `isolated` (v3.0's sixth is its label).
  const isolatedArg =
    !v30 && abi.some((e) => e.type === "function" && e.name === "setEModeCategory" && e.inputs.length === 6);
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
      ...(v30 ? [zeroAddress] : []),
      c.label,
      ...(isolatedArg ? [c.isolated ?? false] : []),
    ]);
    if (parameters.termsOnly) continue;
    // v3.0 puts a reserve in one category, for collateral and borrowing alike (the scenario's lists agree).
    if (v30) for (const asset of c.collateral) await call("setAssetEModeCategory", [asset, c.id]);
    else {
      for (const asset of c.collateral) await call("setAssetCollateralInEMode", [asset, c.id, true]);
      for (const asset of c.borrowable) await call("setAssetBorrowableInEMode", [asset, c.id, true]);
    }
  }
}
