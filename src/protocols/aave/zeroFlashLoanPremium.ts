import { type Address, parseAbi } from "viem";
import { impersonate } from "../../chain/impersonate.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { isOriginProfile } from "../../model/lending/aave/isOriginProfile.js";
import type { AaveVersionProfile } from "../../model/lending/aave/types.js";

const CONFIGURATOR = parseAbi([
  "function updateFlashloanPremiumTotal(uint128 newFlashloanPremiumTotal)",
  "function updateFlashloanPremium(uint128 newFlashloanPremium)",
]);

/**
 * Sets the pool's flash-loan premium to zero, as the impersonated pool admin, so our liquidator funds its
 * repayments as on the replica: the model's profitability test counts the collateral sale against the debt
 * repaid, not a funding fee (a real bot pays mainnet's premium, a few basis points of the debt). The
 * protocol's share is a fraction of the premium, so it needs no change.
 *
 * @param chain - a dev chain (replica or fork).
 * @param parameters - configurator and pool admin.
 */
export async function zeroFlashLoanPremium(
  chain: Chain,
  parameters: { profile: AaveVersionProfile; poolConfigurator: Address; poolAdmin: Address },
): Promise<void> {
  await impersonate(chain, parameters.poolAdmin);
  await writeContract(chain, {
    from: parameters.poolAdmin,
    address: parameters.poolConfigurator,
    abi: CONFIGURATOR,
    // v3.6 has one premium (its protocol share went away with the v3.4 flash-loan changes).
    functionName: isOriginProfile(parameters.profile)
      ? "updateFlashloanPremium"
      : "updateFlashloanPremiumTotal",
    args: [0n],
  });
}
