import { calculateUserAccountData } from "../../lending/aave/calculateUserAccountData.js";
import type {
  AaveEModeCategory,
  AavePosition,
  AaveReserve,
  AaveVersionProfile,
} from "../../lending/aave/types.js";

const RAY = 10n ** 27n;
const E18 = 10n ** 18n;

/**
 * The positions a replica's Pool would refuse to open: health factor below 1 at the seeding prices, with
 * every index at 1 ray, as the book opens (zero rates; the history's interest comes after it).
 *
 * @param reserves - the market's reserves (their indices are ignored).
 * @param positions - the book.
 * @param pricesE8 - the oracle's prices while seeding, per reserve.
 * @param profile - the market's code.
 * @param eModeCategories - its e-mode categories.
 * @returns the positions that cannot be opened (empty: all can).
 */
export function unopenableAtSeeding(
  reserves: readonly AaveReserve[],
  positions: readonly AavePosition[],
  pricesE8: readonly bigint[],
  profile: AaveVersionProfile,
  eModeCategories: readonly AaveEModeCategory[] = [],
): AavePosition[] {
  const atSeeding = reserves.map((r) => ({ ...r, liquidityIndexRay: RAY, variableBorrowIndexRay: RAY }));
  return positions.filter(
    (p) => calculateUserAccountData(atSeeding, p, pricesE8, profile, eModeCategories).healthFactor < E18,
  );
}
