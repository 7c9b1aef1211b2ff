import { accrueTwice } from "../../lending/aave/pool/accrueTwice.js";
import { normalizedIndices, updateRates, updateState } from "../../lending/aave/ReserveLogic.js";
import type { AavePosition } from "../../lending/aave/types.js";
import type { AaveMarketRun } from "./types.js";

/**
 * A liquidation's effect on the interest of the reserves it touched, as the Pool leaves them: each reserve
 * whose state the transaction updated (the collateral's, the debt's, and every debt burned into the
 * deficit) is cumulated to this block (updateState, before the burns: with the scaled debt it had), loses
 * the scaled debt burned, and gets the rates its state then gives (virtual balance, total debt, deficit).
 * The flash loan and its repayment leave the debt reserve as the liquidation does. Reserves without
 * accrual are left alone.
 *
 * @param run - the market in the cascade (its cash and deficits already updated).
 * @param before - the position before the liquidation.
 * @param after - the position after it.
 * @param touched - the collateral and debt reserves' indices.
 * @param options - `unpriced`: a reserve updated but not repriced (receiveAToken's collateral reserve).
 */
export function settleAaveInterest(
  run: AaveMarketRun,
  before: AavePosition,
  after: AavePosition,
  touched: readonly number[],
  options: { unpriced?: number } = {},
): void {
  const { market } = run;
  const now = blockSeconds(run);
  market.reserves.forEach((r, i) => {
    if (!r.accrual) return;
    const burned = (before.scaledDebt[i] ?? 0n) - (after.scaledDebt[i] ?? 0n);
    if (!touched.includes(i) && burned === 0n) return;
    let accrual = updateState(r.accrual, now);
    // Collateral and debt in one reserve: v3.6's second updateState accrues the treasury again (v3.7 fixed it).
    if (touched[0] === i && touched[1] === i && market.profile === "v3.6")
      accrual = accrueTwice({ ...r, accrual: r.accrual }, { ...r, accrual }).accrual!;
    accrual = { ...accrual, totalScaledDebt: accrual.totalScaledDebt - burned };
    // receiveAToken leaves the collateral reserve's rates as they were (unless the liquidation burned debt in it).
    const reprice = !(options.unpriced === i && burned === 0n && !touched.slice(1).includes(i));
    settleReserve(run, i, accrual, { reprice, now });
  });
}

/**
 * Reserve `i` after another holder than the book's positions burns `scaled` aTokens: `Pool.withdraw` by a
 * static aToken redeeming (`cashOut`: the underlying that leaves; the caller checked it is there) or
 * `Pool.eliminateReserveDeficit` by the Umbrella (`cashOut` 0: the underlying stays in the aToken; its
 * deficit already reduced). The scaled supply falls, and the reserve is cumulated to this block and
 * repriced on its virtual balance and deficit, as updateState and updateInterestRatesAndVirtualBalance
 * leave it in both.
 */
export function settleAaveBurn(
  run: AaveMarketRun,
  i: number,
  burn: { scaled: bigint; cashOut: bigint },
): void {
  const r = run.market.reserves[i]!;
  if (run.cash && burn.cashOut !== 0n) {
    run.cash = [...run.cash];
    run.cash[i] = run.cash[i]! - burn.cashOut;
  }
  if (r.totalScaledSupply !== undefined) r.totalScaledSupply -= burn.scaled;
  if (!r.accrual) return;
  const now = blockSeconds(run);
  settleReserve(run, i, updateState(r.accrual, now), { reprice: true, now });
}

/** This block's time, seconds since block 0, as the Pool's block.timestamp. */
export function blockSeconds(run: AaveMarketRun): bigint {
  return BigInt(Math.round(run.ctx.block * run.ctx.state.blockTimeSeconds));
}

/** Stores a reserve's updated accrual (repriced on its cash and deficit when `reprice`) and its indices now. */
function settleReserve(
  run: AaveMarketRun,
  i: number,
  updated: NonNullable<AaveMarketRun["market"]["reserves"][number]["accrual"]>,
  options: { reprice: boolean; now: bigint },
): void {
  const r = run.market.reserves[i]!;
  const accrual = options.reprice
    ? updateRates(updated, {
        virtualUnderlyingBalance: run.cash?.[i] ?? 0n,
        deficit: (r.deficit ?? 0n) + run.deficit[i]!,
      })
    : updated;
  r.accrual = accrual;
  const at = normalizedIndices(accrual, options.now);
  r.liquidityIndexRay = at.liquidityIndexRay;
  r.variableBorrowIndexRay = at.variableBorrowIndexRay;
}

/**
 * Reserve `i` after `Pool.supply` mints `scaled` aTokens for `cashIn` of underlying: the scaled supply and
 * the virtual balance grow, and the reserve is cumulated and repriced as after a burn (settleAaveBurn, the
 * same steps with the signs turned).
 */
export function settleAaveMint(
  run: AaveMarketRun,
  i: number,
  mint: { scaled: bigint; cashIn: bigint },
): void {
  settleAaveBurn(run, i, { scaled: -mint.scaled, cashOut: -mint.cashIn });
}
