import type { AaveMarketModel } from "../../cascade/types.js";
import { RAY, rayMul } from "../../lending/aave/WadRayMath.js";

/**
 * An Aave market's position balances as floats (whole tokens, `Number(rayMul(scaled, index)) / 10^decimals`),
 * computed once per position and again only when `refresh` says the position changed. The cascade's float
 * keys, debts and loss totals read these instead of redoing the bigint math per use; every liquidation
 * decision still runs on the integers.
 */
export type AaveAmounts = {
  /** collateral[r][i]: position i's aToken balance in reserve r (whether or not used as collateral). */
  collateral: Float64Array[];
  debt: Float64Array[];
  /** The reserve of position i's only seizable collateral (used as collateral, threshold ≠ 0, balance > 0), or -1. */
  soleCollateral: Int16Array;
  /** The reserve of position i's only debt, or -1. */
  soleDebt: Int16Array;
  /** Each reserve's liquidation threshold, bonus and protocol fee in bps, as numbers. */
  configBps: { liquidationThreshold: number[]; liquidationBonus: number[]; protocolFee: number[] };
  refresh(index: number): void;
  /** The reserves' indices moved (interest): every position's balances again. */
  reindex(): void;
};

/**
 * @param market The market whose positions are read (the cache reads `market.positions` on `refresh`).
 * @example
 * const amounts = createAaveAmounts(market);
 * amounts.debt[1]![42]; // position 42's debt in reserve 1, whole tokens
 * market.positions[42] = liquidated; amounts.refresh(42);
 */
export function createAaveAmounts(market: AaveMarketModel): AaveAmounts {
  const n = market.positions.length;
  const reserves = market.reserves;
  const units = reserves.map((r) => 10 ** r.decimals);
  // At an index of exactly RAY, rayMul(x, index) = x: skip the call for such reserves.
  const liquidityIndex: (bigint | undefined)[] = [];
  const borrowIndex: (bigint | undefined)[] = [];
  const readIndices = () =>
    reserves.forEach((r, i) => {
      liquidityIndex[i] = r.liquidityIndexRay === RAY ? undefined : r.liquidityIndexRay;
      borrowIndex[i] = r.variableBorrowIndexRay === RAY ? undefined : r.variableBorrowIndexRay;
    });
  readIndices();
  const seizable = reserves.map((r) => r.liquidationThresholdBps !== 0n);
  const collateral = reserves.map(() => new Float64Array(n));
  const debt = reserves.map(() => new Float64Array(n));
  // Scaled balances as floats (whole tokens at index 1), for reindexing with one multiply per balance:
  // only for markets whose indices move (interest), filled on the first reindex.
  let scaledFloats: { collateral: Float64Array[]; debt: Float64Array[] } | undefined;
  const soleCollateral = new Int16Array(n);
  const soleDebt = new Int16Array(n);
  const refresh = (index: number) => {
    const p = market.positions[index]!;
    let c = -1;
    let d = -1;
    let collaterals = 0;
    let debts = 0;
    for (let r = 0; r < reserves.length; r++) {
      const scaledCollateral = p.scaledCollateral[r]!;
      const scaledDebt = p.scaledDebt[r]!;
      const li = liquidityIndex[r];
      const bi = borrowIndex[r];
      collateral[r]![index] =
        Number(li === undefined ? scaledCollateral : rayMul(scaledCollateral, li)) / units[r]!;
      debt[r]![index] = Number(bi === undefined ? scaledDebt : rayMul(scaledDebt, bi)) / units[r]!;
      if (scaledFloats) {
        scaledFloats.collateral[r]![index] = Number(scaledCollateral) / units[r]!;
        scaledFloats.debt[r]![index] = Number(scaledDebt) / units[r]!;
      }
      if (p.usingAsCollateral[r] && seizable[r] && scaledCollateral > 0n) {
        c = r;
        collaterals++;
      }
      if (scaledDebt > 0n) {
        d = r;
        debts++;
      }
    }
    soleCollateral[index] = collaterals === 1 ? c : -1;
    soleDebt[index] = debts === 1 ? d : -1;
  };
  for (let i = 0; i < n; i++) refresh(i);
  const configBps = {
    liquidationThreshold: reserves.map((r) => Number(r.liquidationThresholdBps)),
    liquidationBonus: reserves.map((r) => Number(r.liquidationBonusBps)),
    protocolFee: reserves.map((r) => Number(r.protocolFeeBps)),
  };
  const reindex = () => {
    readIndices();
    if (!scaledFloats) {
      scaledFloats = {
        collateral: reserves.map(() => new Float64Array(n)),
        debt: reserves.map(() => new Float64Array(n)),
      };
      for (let i = 0; i < n; i++) refresh(i);
      return;
    }
    // Interest moves every balance of a reserve by the same factor: one float multiply each.
    for (let r = 0; r < reserves.length; r++) {
      const li = Number(reserves[r]!.liquidityIndexRay) / 1e27;
      const bi = Number(reserves[r]!.variableBorrowIndexRay) / 1e27;
      const c = collateral[r]!;
      const d = debt[r]!;
      const sc = scaledFloats.collateral[r]!;
      const sd = scaledFloats.debt[r]!;
      for (let i = 0; i < n; i++) {
        c[i] = sc[i]! * li;
        d[i] = sd[i]! * bi;
      }
    }
  };
  return { collateral, debt, soleCollateral, soleDebt, configBps, refresh, reindex };
}
