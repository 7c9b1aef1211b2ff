import { calculateUserAccountData } from "../../model/lending/aave/calculateUserAccountData.js";
import { advancePoolClock } from "../../model/lending/aave/pool/advancePoolClock.js";
import type { readCampaignState } from "./readCampaignState.js";
import type { CampaignModel } from "./types.js";

type Read = Awaited<ReturnType<typeof readCampaignState>>;

/**
 * Every difference between the model and the Pool, to the wei: per reserve its stored indices, rates,
 * last update, scaled total debt and supply, the treasury's accrued share, cash and deficit; per actor its scaled balances, collateral
 * flags, e-mode, and the health factor the Pool reports (the model's at the same block time).
 *
 * @param model - the campaign's model.
 * @param read - the Pool read just now.
 * @returns one line per difference (empty: equal).
 */
export function compareCampaignState(model: CampaignModel, read: Read): string[] {
  const out: string[] = [];
  const diff = (what: string, m: unknown, c: unknown) => {
    if (m !== c) out.push(`${what}: model ${String(m)}, chain ${String(c)}`);
  };
  read.reserves.forEach((c, i) => {
    const m = model.pool.reserves[i]!;
    const at = `${c.symbol}`;
    diff(`${at} cash`, m.cash, c.cash);
    diff(`${at} deficit`, m.deficit ?? 0n, c.deficit ?? 0n);
    diff(`${at} scaled supply`, m.totalScaledSupply, c.totalScaledSupply);
    const ma = m.accrual;
    const ca = c.accrual;
    if (!ma || !ca) {
      diff(`${at} accrual`, Boolean(ma), Boolean(ca));
      return;
    }
    diff(`${at} stored liquidity index`, ma.storedLiquidityIndexRay, ca.storedLiquidityIndexRay);
    diff(`${at} stored borrow index`, ma.storedVariableBorrowIndexRay, ca.storedVariableBorrowIndexRay);
    diff(`${at} liquidity rate`, ma.liquidityRateRay, ca.liquidityRateRay);
    diff(`${at} borrow rate`, ma.variableBorrowRateRay, ca.variableBorrowRateRay);
    diff(`${at} scaled debt`, ma.totalScaledDebt, ca.totalScaledDebt);
    diff(`${at} accrued to treasury`, ma.accruedToTreasury ?? 0n, ca.accruedToTreasury ?? 0n);
    diff(
      `${at} last update`,
      ma.lastUpdateSeconds + model.origin,
      ca.lastUpdateSeconds + read.blockTimestamp,
    );
  });
  const atRead = advancePoolClock(model.pool, read.blockTimestamp - model.origin);
  read.positions.forEach((c, k) => {
    const m = model.positions[k]!;
    const who = `actor ${k}`;
    m.scaledCollateral.forEach((s, i) =>
      diff(`${who} a${read.reserves[i]!.symbol}`, s, c.scaledCollateral[i]),
    );
    m.scaledDebt.forEach((s, i) => diff(`${who} d${read.reserves[i]!.symbol}`, s, c.scaledDebt[i]));
    m.usingAsCollateral.forEach((f, i) =>
      diff(`${who} collateral flag ${read.reserves[i]!.symbol}`, f, c.usingAsCollateral[i]),
    );
    diff(`${who} e-mode`, m.eModeCategory ?? 0, c.eModeCategory ?? 0);
    const rules = atRead.profile === "v3.0" ? "v3.0" : "v3.6";
    const hf = calculateUserAccountData(atRead.reserves, m, atRead.prices, rules, atRead.eModeCategories);
    diff(`${who} health factor`, hf.healthFactor, read.accounts[k]!.healthFactor);
  });
  return out;
}
