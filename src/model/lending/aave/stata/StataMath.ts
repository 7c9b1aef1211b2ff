// Mirrors aave-v3-origin 3.6.0 src/contracts/extensions/stata-token/ERC4626StataTokenUpgradeable.sol: the
// static aToken's conversions at the reserve's normalised income (`_rate()`), with OpenZeppelin's
// Math.mulDiv and the rounding each ERC-4626 entry point passes, and `maxRedeem` (the owner's balance,
// capped by the reserve's virtual balance in shares).
import { MathRevertError } from "../../../../errors/MathRevertError.js";

const RAY = 10n ** 27n;

/** OpenZeppelin Math.Rounding: Floor or Ceil (the stata token uses no other). */
export type Rounding = "floor" | "ceil";

function mulDiv(x: bigint, y: bigint, d: bigint, rounding: Rounding): bigint {
  const product = x * y;
  const q = product / d;
  return rounding === "ceil" && q * d !== product ? q + 1n : q;
}

/** The static aToken's math (pure; `rate` is Pool.getReserveNormalizedIncome of its asset, RAY). */
export namespace StataMath {
  /** `_convertToShares`: assets · RAY / rate. */
  export function convertToShares(assets: bigint, rate: bigint, rounding: Rounding): bigint {
    return mulDiv(assets, RAY, rate, rounding);
  }

  /** `_convertToAssets`: shares · rate / RAY. */
  export function convertToAssets(shares: bigint, rate: bigint, rounding: Rounding): bigint {
    return mulDiv(shares, rate, RAY, rounding);
  }

  /** `maxRedeem(owner)` of an active, unpaused reserve: the balance, or the virtual balance in shares (floor) if less. */
  export function maxRedeem(balance: bigint, virtualUnderlyingBalance: bigint, rate: bigint): bigint {
    const inShares = convertToShares(virtualUnderlyingBalance, rate, "floor");
    return inShares >= balance ? balance : inShares;
  }

  /**
   * `redeem(shares, receiver, owner)`: OpenZeppelin's ERC4626 checks `maxRedeem`, then previewRedeem
   * (convertToAssets, floor) is what `_withdraw` burns the shares for and withdraws from the Pool.
   *
   * @throws {MathRevertError} ERC4626ExceededMaxRedeem.
   */
  export function redeem(
    shares: bigint,
    balance: bigint,
    virtualUnderlyingBalance: bigint,
    rate: bigint,
  ): bigint {
    if (shares > maxRedeem(balance, virtualUnderlyingBalance, rate))
      throw new MathRevertError("ERC4626ExceededMaxRedeem");
    return convertToAssets(shares, rate, "floor");
  }
}
