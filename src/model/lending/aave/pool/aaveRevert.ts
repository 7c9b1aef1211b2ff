import { MathRevertError } from "../../../../errors/MathRevertError.js";

/**
 * The revert a v3.6 Pool action raises, named as the contract names it (its custom error, or `panic
 * 0x11` for an arithmetic underflow), so a caller can compare it with the chain's revert reason.
 *
 * @param reason - the error's name, e.g. "HealthFactorLowerThanLiquidationThreshold".
 * @returns the error to throw.
 */
export function aaveRevert(reason: string): MathRevertError {
  return new MathRevertError(`Aave: ${reason}.`);
}
