import { MathRevertError } from "../../../errors/MathRevertError.js";
import { MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { accrueInterest } from "../../lending/morpho/accrueInterest.js";
import { isHealthy } from "../../lending/morpho/isHealthy.js";
import { liquidate } from "../../lending/morpho/liquidate.js";
import { liquidationIncentiveFactor } from "../../lending/morpho/liquidationIncentiveFactor.js";
import { MathLib } from "../../lending/morpho/MathLib.js";
import { SharesMathLib } from "../../lending/morpho/SharesMathLib.js";
import { UtilsLib } from "../../lending/morpho/UtilsLib.js";
import { saleRecord } from "../../liquidators/saleRecord.js";
import type { LiquidationQuote } from "../types.js";
import { morphoOraclePrice } from "./morphoOraclePrice.js";
import { morphoVault } from "./morphoVault.js";
import type { MorphoMarketRun } from "./types.js";

/** This block's Morpho oracle price of the market's collateral (MorphoChainlinkOracleV2 on the cascade's feeds). */
export function morphoPrice(run: MorphoMarketRun): bigint {
  const { market, ctx } = run;
  const wrapper = market.wrapper;
  if (!wrapper)
    return morphoOraclePrice(
      market.loanDecimals,
      market.collateralDecimals,
      ctx.prices.e8(market.collateralSymbol),
      ctx.prices.e8(market.loanSymbol),
    );
  // The wrapper as the oracle's base vault, over its asset's feed.
  return morphoOraclePrice(
    market.loanDecimals,
    market.collateralDecimals,
    ctx.prices.e8(wrapper.underlying),
    ctx.prices.e8(market.loanSymbol),
    { assets: morphoVault(run).convertToAssets(wrapper.sampleShares), sample: wrapper.sampleShares },
  );
}

/**
 * Morpho Blue's `liquidate` of one position at this block's oracle price and time, as a liquidator sends it:
 * without `debtToCover` (MAX_UINT256) the largest the market allows (Morpho has no close factor): every
 * borrow share when the collateral covers their value with the incentive, else all the collateral, which
 * realises the rest as bad debt against the suppliers; with it, the borrow shares those assets buy (rounded
 * down). The quote's `apply` replaces the market and the position, books bad debt and records the action.
 *
 * @returns the quote, `healthy` (not liquidatable at the accrued state), `dead` (debt and no collateral:
 *   nothing to seize, the debt stays until someone realises it), or `revert`.
 */
export function quoteMorphoLiquidation(
  run: MorphoMarketRun,
  index: number,
  debtToCover: bigint,
): LiquidationQuote | "healthy" | "dead" | "revert" {
  const { market, ctx, params } = run;
  const position = market.positions[index]!;
  if (position.borrowShares === 0n) return "healthy";
  const price = morphoPrice(run);
  const accrued = accrueInterest(market.market, params, run.now).market;
  if (isHealthy(accrued, market.lltv, position, price)) return "healthy";
  if (position.collateral === 0n) return "dead";
  const { totalBorrowAssets, totalBorrowShares } = accrued;
  let seizedAssets = 0n;
  let repaidShares = 0n;
  if (debtToCover !== MAX_UINT256) {
    repaidShares = SharesMathLib.toSharesDown(debtToCover, totalBorrowAssets, totalBorrowShares);
    if (repaidShares === 0n) return "revert";
  } else {
    // What repaying every share would seize (Morpho.liquidate's by-shares branch).
    const allShares = MathLib.mulDivDown(
      MathLib.wMulDown(
        SharesMathLib.toAssetsDown(position.borrowShares, totalBorrowAssets, totalBorrowShares),
        liquidationIncentiveFactor(market.lltv),
      ),
      UtilsLib.ORACLE_PRICE_SCALE,
      price,
    );
    if (allShares <= position.collateral) repaidShares = position.borrowShares;
    else seizedAssets = position.collateral;
  }
  let result: ReturnType<typeof liquidate>;
  try {
    result = liquidate(market.market, params, position, {
      seizedAssets,
      repaidShares,
      collateralPrice: price,
      nowSeconds: run.now,
    });
  } catch (error) {
    if (error instanceof MathRevertError) return "revert";
    throw error;
  }
  // A wrapped collateral is redeemed in the callback before it is sold: the sale is of what that pays, and a
  // redemption the issuer cannot pay (its reserve's cash) reverts the liquidation.
  const redemption = market.wrapper ? morphoVault(run).redeem(result.seizedAssets) : undefined;
  if (redemption === "revert") return "revert";
  const block = ctx.block;
  const loanUsd = ctx.prices.usd(market.loanSymbol);
  const debtUsd = (Number(result.repaidAssets) / 10 ** market.loanDecimals) * loanUsd;
  return {
    debt: { symbol: market.loanSymbol, amount: result.repaidAssets, usd: debtUsd },
    receive: redemption
      ? { symbol: market.wrapper!.underlying, amount: redemption.assets }
      : { symbol: market.collateralSymbol, amount: result.seizedAssets },
    apply(sold, profitUsd) {
      const sale = saleRecord(sold, ctx.state.liquidators.pool);
      const saleQuote = sale.after.saleProceeds;
      redemption?.apply();
      market.market = result.market;
      market.positions[index] = { ...result.position, id: position.id };
      // The accrual's fee shares are the fee recipient's (outside the book): the market's totals hold them.
      ctx.onAction?.({
        block,
        kind: "liquidationCall",
        market: market.id,
        positionIndex: index,
        positionId: position.id,
        collateral: market.collateralSymbol,
        debt: market.loanSymbol,
        ...sale.route,
        ...(debtToCover !== MAX_UINT256 ? { debtToCover } : {}),
        morpho: { seizedAssets, repaidShares },
        expected: {
          debtRepaid: result.repaidAssets,
          collateralSeized: result.seizedAssets,
          protocolFee: 0n,
          repaidShares: result.repaidShares,
          badDebt: result.badDebtAssets,
          ...(redemption ? { redeemedAssets: redemption.assets } : {}),
          ...sale.after,
        },
      });
      run.realized.usd += (Number(result.badDebtAssets) / 10 ** market.loanDecimals) * loanUsd;
      ctx.round.liquidations++;
      ctx.round.liquidatedDebtUsd += debtUsd;
      ctx.round.collateralSoldUsd += sold?.usd ?? 0;
      if (ctx.recordEvents)
        ctx.events.push({
          block,
          market: market.id,
          kind: "liquidationCall",
          positionId: position.id,
          collateral: market.collateralSymbol,
          debt: market.loanSymbol,
          debtAmount: result.repaidAssets.toString(),
          ...(debtToCover !== MAX_UINT256 ? { debtToCover: debtToCover.toString() } : {}),
          collateralAmount: result.seizedAssets.toString(),
          protocolFee: "0",
          badDebt: result.badDebtAssets.toString(),
          saleProceeds: saleQuote.toString(),
          profitUsd,
        });
    },
  };
}
