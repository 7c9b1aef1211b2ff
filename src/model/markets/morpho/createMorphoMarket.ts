import type { MorphoMarketModel } from "../../cascade/types.js";
import { isHealthy } from "../../lending/morpho/isHealthy.js";
import { MathLib } from "../../lending/morpho/MathLib.js";
import { SharesMathLib } from "../../lending/morpho/SharesMathLib.js";
import { splitLoss } from "../splitLoss.js";
import type { LendingMarket, LendingMarketParameters } from "../types.js";
import { morphoInsolventOpenUsd } from "./morphoInsolventOpenUsd.js";
import { morphoKey } from "./morphoKey.js";
import { morphoParams } from "./morphoParams.js";
import { morphoVault, wrapperRate } from "./morphoVault.js";
import { morphoPrice, quoteMorphoLiquidation } from "./quoteMorphoLiquidation.js";
import type { MorphoMarketRun } from "./types.js";

/**
 * A Morpho Blue market behind the cascade's `LendingMarket` interface: one loan token against one collateral,
 * liquidations by `liquidate` with the LLTV's incentive and no close factor, bad debt realised against the
 * suppliers when a liquidation takes the last collateral. Interest accrues only when the contract does (at
 * each liquidation, before its health check); between them the keys count what the next accrual would add.
 *
 * @example const morpho = createMorphoMarket({ market, ctx, liquidators }); morpho.quote(0, MAX_UINT256);
 */
export function createMorphoMarket(parameters: LendingMarketParameters<MorphoMarketModel>): LendingMarket {
  const { market, ctx } = parameters;
  const run: MorphoMarketRun = {
    ...parameters,
    params: morphoParams(market),
    realized: { usd: 0 },
    rise: new Float64Array(market.positions.length).fill(Number.POSITIVE_INFINITY),
    now: 0n,
    growth: 0,
    blocked: new Map(),
  };
  const debtOf = (index: number) => {
    const m = market.market;
    const p = market.positions[index]!;
    return (
      Number(SharesMathLib.toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares)) /
      10 ** market.loanDecimals
    );
  };
  return {
    id: market.id,
    model: market,
    positionCount: market.positions.length,
    // Morpho accrues lazily: the block's time is kept for `liquidate`; what the next accrual would add since
    // the stored update is the keys' drift (the IRM's average rate over the elapsed time, compounded).
    accrue(timestampSeconds) {
      run.now = BigInt(Math.round(timestampSeconds));
      const m = market.market;
      const elapsed = run.now - m.lastUpdate;
      let growth = 0;
      if (run.params.irm && elapsed > 0n) {
        const { borrowRate } = run.params.irm(m, run.now);
        growth = Number(MathLib.wTaylorCompounded(borrowRate, elapsed)) / 1e18;
      }
      const moved = Math.abs(growth - run.growth) / (1 + run.growth);
      run.growth = growth;
      return moved;
    },
    key: (index) => morphoKey(run, index),
    riseKey: (index) => run.rise[index]!,
    debtUsd: (index) => debtOf(index) * ctx.prices.usd(market.loanSymbol),
    refresh() {},
    quote: (index, debtToCover) => quoteMorphoLiquidation(run, index, debtToCover),
    ...(market.wrapper ? { affordableDebt: (index: number) => redeemableDebt(run, index) } : {}),
    settle() {},
    // Unhealthy by the contract's own check on the stored state (no accrual), as a view reads it.
    liquidatable() {
      const price = morphoPrice(run);
      const out: number[] = [];
      market.positions.forEach((p, i) => {
        if (!isHealthy(market.market, market.lltv, p, price)) out.push(i);
      });
      return out;
    },
    blocked: () => [...run.blocked.values()],
    realizedUsd: () => run.realized.usd,
    insolventOpenUsd(priceUsd, channels) {
      const usd = morphoInsolventOpenUsd(market, (symbol) =>
        symbol === market.collateralSymbol && market.wrapper
          ? priceUsd(market.wrapper.underlying) * wrapperRate(run)
          : priceUsd(symbol),
      );
      // One collateral: every loss came through it.
      if (channels && usd > 0) splitLoss(channels, usd, [[market.collateralSymbol, 1]], "(none)");
      return usd;
    },
  };
}

/**
 * The largest repay whose liquidation the wrapper can redeem, when its issuer's cash is why the largest one
 * reverts: bisection on the repaid assets over the quote itself (the seized shares grow with them); undefined
 * when even a one-unit repay reverts for another reason than the redemption, or the largest does not.
 */
function redeemableDebt(run: MorphoMarketRun, index: number): bigint | undefined {
  const vault = morphoVault(run);
  const blocked = () => {
    if (!run.blocked.has(index))
      run.blocked.set(index, {
        market: run.market.id,
        positionId: run.market.positions[index]!.id,
        block: run.ctx.block,
        reason: `${vault.symbol} cannot be redeemed: its ${vault.underlying} reserve has no cash left (${vault.maxRedeem()} share units redeemable)`,
      });
    return undefined;
  };
  if (vault.maxRedeem() === 0n) return blocked();
  const m = run.market.market;
  const p = run.market.positions[index]!;
  let hi = SharesMathLib.toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
  let lo = 0n;
  const fits = (debt: bigint) => {
    const q = quoteMorphoLiquidation(run, index, debt);
    return typeof q !== "string";
  };
  if (fits(hi)) return hi;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo === 0n ? blocked() : lo;
}
