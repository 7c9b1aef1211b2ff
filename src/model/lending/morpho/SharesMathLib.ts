// Mirrors morpho-org/morpho-blue src/libraries/SharesMathLib.sol (@morpho-org/morpho-blue 1.0.0): shares and
// assets converted with one million virtual shares and one virtual asset, against inflation attacks.
import { MathLib } from "./MathLib.js";

export namespace SharesMathLib {
  export const VIRTUAL_SHARES = 10n ** 6n;
  export const VIRTUAL_ASSETS = 1n;

  export function toSharesDown(assets: bigint, totalAssets: bigint, totalShares: bigint): bigint {
    return MathLib.mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
  }
  export function toAssetsDown(shares: bigint, totalAssets: bigint, totalShares: bigint): bigint {
    return MathLib.mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
  }
  export function toSharesUp(assets: bigint, totalAssets: bigint, totalShares: bigint): bigint {
    return MathLib.mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
  }
  export function toAssetsUp(shares: bigint, totalAssets: bigint, totalShares: bigint): bigint {
    return MathLib.mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
  }
}
