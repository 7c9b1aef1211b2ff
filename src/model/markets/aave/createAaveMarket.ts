import { WRITTEN_OFF } from "../../cascade/stages/tallyContagion.js";
import type { AaveMarketModel, BackstopUse, HeldATokens } from "../../cascade/types.js";
import { MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { isOriginProfile } from "../../lending/aave/isOriginProfile.js";
import { normalizedIndices } from "../../lending/aave/ReserveLogic.js";
import { rayMul, rayMulFloor } from "../../lending/aave/WadRayMath.js";
import { splitLoss } from "../splitLoss.js";
import type { LendingMarket, LendingMarketParameters } from "../types.js";
import { aaveBound } from "./aaveBound.js";
import { aaveKey } from "./aaveKey.js";
import { createAaveAmounts } from "./createAaveAmounts.js";
import { createAaveStaticAToken } from "./createAaveStaticAToken.js";
import { marketAccountData } from "./marketAccountData.js";
import { aaveAffordableDebt, aaveLiquidationPairs, quoteAaveLiquidation } from "./quoteAaveLiquidation.js";
import { blockSeconds } from "./settleAaveInterest.js";
import { topUpAave } from "./topUpAave.js";
import type { AaveMarketRun } from "./types.js";
import { unwindAaveATokens } from "./unwindAaveATokens.js";

const E18 = 10n ** 18n;

/**
 * An Aave V3 market behind the cascade's `LendingMarket` interface: keys and debts from cached float
 * balances, `liquidationCall` on the mirrored integers (`executeLiquidationCall`, the market's profile),
 * the pool's own liquidatable rule for the chain's scan, the reserves' cash, and losses (v3.6 deficit, v3.0
 * unbacked debt, open positions under water).
 *
 * @param parameters - the market model, the cascade context and the liquidators.
 * @returns the market.
 * @example const aave = createAaveMarket({ market, ctx, liquidators }); aave.quote(0, MAX_UINT256);
 */
export function createAaveMarket(parameters: LendingMarketParameters<AaveMarketModel>): LendingMarket {
  const { market, ctx } = parameters;
  // Reserves whose rates are above zero move with time: this run gets its own copies to move.
  const accruing = market.reserves.some((r) => r.accrual !== undefined);
  // Static aTokens' redemptions and a liquidator's unwinding of the aTokens it took move a reserve's
  // supply (and, accruing, its rates): copies as well.
  const takesATokens = ctx.state.liquidators.whenCashShort === "receive-atoken";
  if (accruing || takesATokens || market.staticATokens?.length || market.umbrella?.length)
    market.reserves = market.reserves.map((r) => ({ ...r }));
  if (market.staticATokens) market.staticATokens = market.staticATokens.map((t) => ({ ...t }));
  if (market.umbrella) market.umbrella = market.umbrella.map((u) => ({ ...u }));
  // The stakes in whole tokens at block 0's index.
  const stakesAtStart = (market.umbrella ?? []).map((u) => {
    const r = market.reserves[u.reserve]!;
    return Number(rayMul(u.scaledBalance, r.liquidityIndexRay)) / 10 ** r.decimals;
  });
  const symbols = () => market.reserves.map((r) => r.symbol);
  const run: AaveMarketRun = {
    ...parameters,
    amounts: createAaveAmounts(market),
    unbacked: new Set(),
    realized: { usd: 0 },
    realizedBy: { usd: new Map(), deficit: market.reserves.map(() => new Map()) },
    deficit: market.reserves.map(() => 0n),
    covered: (market.umbrella ?? []).map(() => ({ usd: 0, covers: 0 })),
    held: market.reserves.map(() => 0n),
    unwound: market.reserves.map(() => ({ takes: 0, taken: 0n, withdrawn: 0n, proceeds: 0n, unwinds: 0 })),
    rise: new Float64Array(market.positions.length).fill(Number.POSITIVE_INFINITY),
    cash: market.reserves.every((r) => r.cash !== undefined)
      ? market.reserves.map((r) => r.cash!)
      : undefined,
    pricesE8: () => ctx.prices.listE8(market, symbols),
    pricesUsd: () => ctx.prices.listUsd(market, symbols),
  };
  return {
    id: market.id,
    model: market,
    positionCount: market.positions.length,
    accrue(timestampSeconds) {
      if (!accruing) return 0;
      const now = BigInt(Math.round(timestampSeconds));
      let moved = 0;
      const relative = (next: bigint, last: bigint) => Math.abs(Number(next - last) / Number(last));
      for (const r of market.reserves) {
        if (!r.accrual) continue;
        const at = normalizedIndices(r.accrual, now);
        if (
          at.liquidityIndexRay === r.liquidityIndexRay &&
          at.variableBorrowIndexRay === r.variableBorrowIndexRay
        )
          continue;
        moved = Math.max(
          moved,
          relative(at.liquidityIndexRay, r.liquidityIndexRay),
          relative(at.variableBorrowIndexRay, r.variableBorrowIndexRay),
        );
        r.liquidityIndexRay = at.liquidityIndexRay;
        r.variableBorrowIndexRay = at.variableBorrowIndexRay;
      }
      if (moved > 0) run.amounts.reindex();
      return moved;
    },
    key: (index) => aaveKey(run, index),
    riseKey: (index) => run.rise[index]!,
    debtUsd(index) {
      const prices = run.pricesUsd();
      let sum = 0;
      for (let j = 0; j < market.reserves.length; j++) sum += run.amounts.debt[j]![index]! * prices[j]!;
      return sum;
    },
    refresh: (index) => run.amounts.refresh(index),
    // The cached balances carry each reserve's terms (seizable, thresholds for the bounds): rebuilt.
    reconfigure() {
      run.amounts = createAaveAmounts(market);
    },
    bound: (index) => aaveBound(run, index),
    quote: (index, debtToCover, pair) => quoteAaveLiquidation(run, index, debtToCover, pair ? { pair } : {}),
    pairs: (index) => aaveLiquidationPairs(run, index),
    affordableDebt: (index) => aaveAffordableDebt(run, index),
    quoteForATokens: (index: number) =>
      quoteAaveLiquidation(run, index, MAX_UINT256, { receiveAToken: true }),
    settle: (budget) => unwindAaveATokens(run, budget),
    ...(takesATokens ? { heldATokens: () => heldATokens(run) } : {}),
    vaults: () => (market.staticATokens ?? []).map((t) => createAaveStaticAToken(run, t)),
    ...(market.umbrella?.length ? { backstops: () => aaveBackstops(run, stakesAtStart) } : {}),
    liquidatable() {
      // The pool's rule: health factor below 1 with collateral counted.
      const prices = run.pricesE8();
      const indices: number[] = [];
      market.positions.forEach((p, i) => {
        const a = marketAccountData(market, p, prices);
        if (a.healthFactor < E18 && a.totalCollateralBase > 0n) indices.push(i);
      });
      return indices;
    },
    realizedUsd() {
      // v3.0 unbacked debt as booked; v3.6 deficits at today's oracle (as the chain's reserves show them).
      const prices = run.pricesUsd();
      let usd = run.realized.usd;
      run.deficit.forEach((d, i) => {
        if (d !== 0n) usd += (Number(d) / 10 ** market.reserves[i]!.decimals) * prices[i]!;
      });
      return usd;
    },
    realizedChannels: () => realizedChannels(run),
    ...(isOriginProfile(market.profile)
      ? {
          topUp: (index: number, symbol: string, wad: { below: bigint; restore: bigint }) =>
            topUpAave(run, index, symbol, wad),
        }
      : {}),
    insolventOpenUsd(priceUsd, channels) {
      const prices = market.reserves.map((r) => priceUsd(r.symbol));
      let insolvent = 0;
      market.positions.forEach((p, index) => {
        let coll = 0;
        let debt = 0;
        let hasCollateral = false;
        for (let i = 0; i < market.reserves.length; i++) {
          const balance = run.amounts.collateral[i]![index]!;
          hasCollateral ||= p.usingAsCollateral[i]! && balance > 0;
          coll += balance * prices[i]!;
          debt += run.amounts.debt[i]![index]! * prices[i]!;
        }
        // v3.0 positions already written off as unbacked hold no collateral: they are counted in realised.
        if (debt > coll && hasCollateral) {
          insolvent += debt - coll;
          if (channels)
            splitLoss(
              channels,
              debt - coll,
              market.reserves.map(
                (r, i) => [r.symbol, run.amounts.collateral[i]![index]! * prices[i]!] as const,
              ),
              "(none)",
            );
        }
      });
      return insolvent;
    },
  };
}

/** The Umbrella's stakes at the start and now (whole tokens, at the indices then and now) and what they covered. */
function aaveBackstops(run: AaveMarketRun, stakesAtStart: readonly number[]): BackstopUse[] {
  const { market } = run;
  return (market.umbrella ?? []).map((u, k) => {
    const r = market.reserves[u.reserve]!;
    return {
      market: market.id,
      asset: r.symbol,
      stakeStart: stakesAtStart[k]!,
      stakeEnd: Number(rayMul(u.scaledBalance, r.liquidityIndexRay)) / 10 ** r.decimals,
      coveredUsd: run.covered[k]!.usd,
      covers: run.covered[k]!.covers,
    };
  });
}

/**
 * The market's write-offs by the collateral they came through: v3.0's as booked; each reserve's deficit
 * now (after the Umbrella's covers) split over the collateral tokens in the shares they burned it, at
 * today's oracle, as realizedUsd values it.
 */
function realizedChannels(run: AaveMarketRun): Map<string, number> {
  const channels = new Map(run.realizedBy.usd);
  const prices = run.pricesUsd();
  run.deficit.forEach((d, i) => {
    if (d === 0n) return;
    const usd = (Number(d) / 10 ** run.market.reserves[i]!.decimals) * prices[i]!;
    const by = [...run.realizedBy.deficit[i]!].map(([token, amount]) => [token, Number(amount)] as const);
    splitLoss(channels, usd, by, WRITTEN_OFF);
  });
  return channels;
}

/** What the market's liquidator took as aTokens and unwound, per reserve it took any of (whole tokens). */
function heldATokens(run: AaveMarketRun): HeldATokens[] {
  const { market } = run;
  const now = blockSeconds(run);
  return market.reserves.flatMap((r, i) => {
    const t = run.unwound[i]!;
    if (t.takes === 0) return [];
    const index = r.accrual ? normalizedIndices(r.accrual, now).liquidityIndexRay : r.liquidityIndexRay;
    const whole = (units: bigint, decimals: number) => Number(units) / 10 ** decimals;
    return [
      {
        market: market.id,
        asset: r.symbol,
        takes: t.takes,
        taken: whole(t.taken, r.decimals),
        unwinds: t.unwinds,
        withdrawn: whole(t.withdrawn, r.decimals),
        proceeds: whole(t.proceeds, run.ctx.state.quote.decimals),
        proceedsAsset: run.ctx.state.quote.symbol,
        heldAtEnd: whole(rayMulFloor(run.held[i]!, index), r.decimals),
        heldScaled: String(run.held[i]!),
      },
    ];
  });
}
