// Mirrors morpho-org/morpho-blue src/libraries/MathLib.sol (@morpho-org/morpho-blue 1.0.0, solc 0.8.19):
// checked uint256 arithmetic (an overflow reverts), WAD-scaled fixed point, rounding named in each function.
import { MathRevertError } from "../../../errors/MathRevertError.js";

export namespace MathLib {
  export const WAD = 10n ** 18n;
  const MAX_UINT256 = (1n << 256n) - 1n;

  function checked(x: bigint): bigint {
    if (x > MAX_UINT256) throw new MathRevertError("Morpho: arithmetic overflow (panic 0x11).");
    return x;
  }

  /** (x · y) / WAD, rounded down. */
  export function wMulDown(x: bigint, y: bigint): bigint {
    return mulDivDown(x, y, WAD);
  }
  /** (x · WAD) / y, rounded down. */
  export function wDivDown(x: bigint, y: bigint): bigint {
    return mulDivDown(x, WAD, y);
  }
  /** (x · WAD) / y, rounded up. */
  export function wDivUp(x: bigint, y: bigint): bigint {
    return mulDivUp(x, WAD, y);
  }
  /** (x · y) / d, rounded down (d = 0 reverts, as Solidity's division by zero). */
  export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
    if (d === 0n) throw new MathRevertError("Morpho: division by zero (panic 0x12).");
    return checked(x * y) / d;
  }
  /** (x · y + (d − 1)) / d: rounded up. */
  export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
    if (d === 0n) throw new MathRevertError("Morpho: arithmetic underflow (panic 0x11).");
    return checked(checked(x * y) + (d - 1n)) / d;
  }
  /** The sum of the first three non-zero terms of the Taylor expansion of e^(nx) − 1, for continuous compounding. */
  export function wTaylorCompounded(x: bigint, n: bigint): bigint {
    const firstTerm = checked(x * n);
    const secondTerm = mulDivDown(firstTerm, firstTerm, 2n * WAD);
    const thirdTerm = mulDivDown(secondTerm, firstTerm, 3n * WAD);
    return checked(firstTerm + secondTerm + thirdTerm);
  }
}
