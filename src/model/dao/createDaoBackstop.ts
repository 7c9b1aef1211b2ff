import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceE8 } from "../cascade/poolPrice.js";
import { recordSwap } from "../cascade/recordSwap.js";
import { setPool } from "../cascade/setPool.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import { toFloat } from "../math/toFloat.js";
import type { DaoPolicy } from "../scenario/daoSchema.js";
import { fallTriggered } from "./fallTriggered.js";
import type { DaoBackstopOutcome } from "./types.js";

/**
 * The DAO's liquidity backstop: at the end of every block its fall trigger holds, its contract spends up to
 * `maxPerBlockUsd` of its stablecoins on the underlying (exact input on its pool, after the block's
 * liquidators' sales), until it is spent; it is sent its size (`backstopFund`) just before its first buy.
 *
 * @param ctx - the cascade context.
 * @param backstop - the lever.
 * @returns `step()` for each block (whether it bought) and its outcome.
 */
export function createDaoBackstop(
  ctx: CascadeContext,
  backstop: NonNullable<DaoPolicy["backstop"]>,
): { step(): boolean; outcome(): DaoBackstopOutcome } {
  const { state } = ctx;
  const b = backstop;
  const size = BigInt(Math.round(b.sizeUsd)) * 10n ** BigInt(state.quote.decimals);
  const perBlock = BigInt(Math.round(b.maxPerBlockUsd * 10 ** state.quote.decimals));
  let spent = 0n;
  let bought = 0n;
  let buys = 0;
  let firstBlock: number | null = null;
  return {
    step() {
      if (spent >= size || !fallTriggered(state.priceHistory, b.trigger)) return false;
      const left = size - spent;
      const moved = tradeOnPool(poolById(state, b.pool), {
        kind: "spend",
        amount: left < perBlock ? left : perBlock,
      });
      if (!moved || moved.underlyingDelta <= 0n) return false;
      if (firstBlock === null) {
        firstBlock = ctx.block;
        ctx.onAction?.({ block: ctx.block, kind: "backstopFund", asset: b.asset, amount: size });
      }
      setPool(state, moved.pool);
      recordSwap(ctx, "dao-backstop", "dao-backstop", b.pool, moved);
      spent += -moved.quoteDelta;
      bought += moved.underlyingDelta;
      buys++;
      return true;
    },
    outcome() {
      const price = Number(poolPriceE8(poolById(state, state.referencePoolId))) / 1e8;
      const spentUsd = toFloat(spent, state.quote.decimals);
      const boughtUnderlying = toFloat(bought, state.underlying.decimals);
      const valueUsd = b.sizeUsd - spentUsd + boughtUnderlying * price;
      return {
        asset: b.asset,
        sizeUsd: b.sizeUsd,
        buys,
        firstBlock,
        funded: firstBlock === null ? 0n : size,
        spent,
        bought,
        spentUsd,
        boughtUnderlying,
        valueUsd,
        pnlUsd: valueUsd - b.sizeUsd,
      };
    },
  };
}
