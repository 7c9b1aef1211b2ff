// Mirrors morpho-org/morpho-blue src/libraries/UtilsLib.sol and ConstantsLib.sol (@morpho-org/morpho-blue 1.0.0).
import { MathRevertError } from "../../../errors/MathRevertError.js";

export namespace UtilsLib {
  export const MAX_FEE = 25n * 10n ** 16n;
  export const ORACLE_PRICE_SCALE = 10n ** 36n;
  export const LIQUIDATION_CURSOR = 3n * 10n ** 17n;
  export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 115n * 10n ** 16n;
  const MAX_UINT128 = (1n << 128n) - 1n;

  export function exactlyOneZero(x: bigint, y: bigint): boolean {
    return (x === 0n) !== (y === 0n);
  }
  export function min(x: bigint, y: bigint): bigint {
    return y < x ? y : x;
  }
  /** Reverts "max uint128 exceeded" above 2^128 − 1, as the contract's every stored amount does. */
  export function toUint128(x: bigint): bigint {
    if (x > MAX_UINT128) throw new MathRevertError("Morpho: max uint128 exceeded.");
    return x;
  }
  export function zeroFloorSub(x: bigint, y: bigint): bigint {
    return x > y ? x - y : 0n;
  }
  /** Checked `x -= y` on a stored amount: below zero reverts (panic 0x11), as Solidity ≥ 0.8 does. */
  export function sub(x: bigint, y: bigint): bigint {
    if (y > x) throw new MathRevertError("Morpho: arithmetic underflow (panic 0x11).");
    return x - y;
  }
  /** Checked `x += y` on a uint128 field. */
  export function add128(x: bigint, y: bigint): bigint {
    if (x + y > MAX_UINT128) throw new MathRevertError("Morpho: arithmetic overflow (panic 0x11).");
    return x + y;
  }
}
