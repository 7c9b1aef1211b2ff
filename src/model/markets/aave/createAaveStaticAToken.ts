import type { AaveStaticAToken } from "../../cascade/types.js";
import { MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { normalizedIndices } from "../../lending/aave/ReserveLogic.js";
import { StataMath } from "../../lending/aave/stata/StataMath.js";
import { rayDivCeil, rayMulFloor } from "../../lending/aave/WadRayMath.js";
import type { CollateralVault } from "../types.js";
import { blockSeconds, settleAaveBurn } from "./settleAaveInterest.js";
import type { AaveMarketRun } from "./types.js";

/**
 * One static aToken of an Aave market as the collateral another market holds: its shares priced at the
 * reserve's normalised income this block, and `redeem` as StataTokenV2 runs it (ERC4626's maxRedeem
 * check, previewRedeem's floor, then Pool.withdraw of those assets from the reserve: its cash leaves,
 * its rates move), applied to the Aave market's own state in the same block.
 *
 * @param run - the Aave market in the cascade.
 * @param token - the static aToken (its share supply and scaled aToken balance; changed by redemptions).
 * @returns the vault.
 */
export function createAaveStaticAToken(run: AaveMarketRun, token: AaveStaticAToken): CollateralVault {
  const i = token.reserve;
  const rate = () => {
    const r = run.market.reserves[i]!;
    return r.accrual
      ? normalizedIndices(r.accrual, blockSeconds(run)).liquidityIndexRay
      : r.liquidityIndexRay;
  };
  const cash = () => run.cash?.[i] ?? MAX_UINT256;
  return {
    symbol: token.symbol,
    issuer: run.market.id,
    underlying: run.market.reserves[i]!.symbol,
    convertToAssets: (shares) => StataMath.convertToAssets(shares, rate(), "floor"),
    maxRedeem: () => StataMath.maxRedeem(token.totalShares, cash(), rate()),
    redeem(shares) {
      const index = rate();
      // The redeemer holds exactly these shares (the liquidator, seized them this transaction).
      if (shares > StataMath.maxRedeem(shares, cash(), index)) return "revert";
      const assets = StataMath.convertToAssets(shares, index, "floor");
      // Pool.withdraw: InvalidAmount, then NotEnoughAvailableUserBalance (the wrapper's aToken balance).
      if (assets === 0n || assets > rayMulFloor(token.scaledBalance, index)) return "revert";
      const scaled = rayDivCeil(assets, index);
      return {
        assets,
        apply() {
          token.totalShares -= shares;
          token.scaledBalance -= scaled;
          settleAaveBurn(run, i, { scaled, cashOut: assets });
        },
      };
    },
  };
}
