import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceE8 } from "../cascade/poolPrice.js";
import { recordSwap } from "../cascade/recordSwap.js";
import { setPool } from "../cascade/setPool.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { LendingMarket } from "../markets/types.js";
import { toUnits } from "../math/toUnits.js";
import { saleValue } from "./saleValue.js";
import type { SafetyModuleModel, SafetyModuleOutcome } from "./types.js";

/** A safety module in a run: its end-of-block stage, the dollars it has raised, and its outcome. */
export type SafetyModule = {
  model: SafetyModuleModel;
  /**
   * The block's last stage: the token's pool follows the crash ((underlying's change)^beta, one `toPrice`
   * swap, purpose `backstop-market`), then, when its market's written-off losses exceed what the module has
   * raised, it sells slashed stake on the pool for the gap (`backstop-sale`), up to the slashable part.
   * @returns whether it traded.
   */
  endOfBlock(): boolean;
  /** What its sales raised so far, USD: the first loss it has covered (the market's fund grows by it). */
  raisedUsd(): number;
  /** What selling the rest of the slashable stake on its pool would fetch now, USD (not sent). */
  restValueUsd(): number;
  outcome(): SafetyModuleOutcome;
};

/**
 * A governance-token safety module (the scenario's `safetyModules[]`): a backstop whose value is its own
 * pool's, correlated with the crash and pushed down by its own sales, so a loss it would have covered at the
 * token's starting price can exceed it when it lands.
 *
 * @param model - the module.
 * @param ctx - the cascade context.
 * @param market - the market it backs.
 * @example const sm = createSafetyModule(state.safetyModules[0], ctx, aave); sm.endOfBlock();
 */
export function createSafetyModule(
  model: SafetyModuleModel,
  ctx: CascadeContext,
  market: LendingMarket,
): SafetyModule {
  const { state } = ctx;
  const pool = () => poolById(state, model.poolId);
  const quoteDecimals = state.quote.decimals;
  const price = () => Number(poolPriceE8(pool())) / 1e8;
  const reference = () => poolPriceE8(poolById(state, state.referencePoolId));
  let lastRefE8 = reference();
  const priceStart = price();
  let priceLow = priceStart;
  let sold = 0n;
  let raised = 0n;
  let sales = 0;

  function followCrash(): boolean {
    const refE8 = reference();
    const change = Number(refE8) / Number(lastRefE8);
    lastRefE8 = refE8;
    const ratio = change ** model.beta;
    // A move below 1e-9 is below the pool's price resolution here (its sqrt limit would not move).
    if (model.beta === 0 || Math.abs(ratio - 1) < 1e-9) return false;
    const ratioE18 = BigInt(Math.round(ratio * 1e18));
    const moved = tradeOnPool(pool(), { kind: "toPrice", ratioE18 });
    if (!moved) return false;
    setPool(state, moved.pool);
    recordSwap(ctx, "backstop-market", "trader", model.poolId, moved);
    return true;
  }

  function cover(): boolean {
    const gapUsd = market.realizedUsd() - Number(raised) / 10 ** quoteDecimals;
    const left = model.slashable - sold;
    if (gapUsd <= 0 || left <= 0n) return false;
    // The float chooses how much to sell (the gap at the spot price); the sale itself is exact.
    const tokens = gapUsd / price();
    const amount =
      Number.isFinite(tokens) && tokens < Number(left) / 10 ** model.decimals
        ? toUnits(tokens, model.decimals)
        : left;
    if (amount <= 0n) return false;
    const moved = tradeOnPool(pool(), { kind: "sell", amount, withinLiquidity: true });
    if (!moved || moved.quoteDelta <= 0n) return false;
    setPool(state, moved.pool);
    recordSwap(ctx, "backstop-sale", "trader", model.poolId, moved);
    sold += -moved.underlyingDelta;
    raised += moved.quoteDelta;
    sales++;
    return true;
  }

  const raisedUsd = () => Number(raised) / 10 ** quoteDecimals;
  const restValueUsd = () => Number(saleValue(pool(), model.slashable - sold)) / 10 ** quoteDecimals;
  return {
    model,
    endOfBlock() {
      const moved = followCrash();
      const covered = cover();
      priceLow = Math.min(priceLow, price());
      return moved || covered;
    },
    raisedUsd,
    restValueUsd,
    outcome() {
      const endValueUsd = restValueUsd();
      return {
        market: model.market,
        token: model.token,
        decimals: model.decimals,
        slashableAtStartUsd: (Number(model.slashable) / 10 ** model.decimals) * priceStart,
        sold: String(sold),
        proceedsUsd: raisedUsd(),
        sales,
        endValueUsd,
        valueUsd: raisedUsd() + endValueUsd,
        priceStart,
        priceLow,
        priceEnd: price(),
      };
    },
  };
}
