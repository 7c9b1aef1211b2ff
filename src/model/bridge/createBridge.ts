import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceE8 } from "../cascade/poolPrice.js";
import { recordSwap } from "../cascade/recordSwap.js";
import { setPool } from "../cascade/setPool.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";
import type { LendingMarket } from "../markets/types.js";
import { marginalAbsorptionWei } from "../thresholds/liquidityAbsorptionCapacity.js";
import { collateralHeld } from "./collateralHeld.js";
import type { BridgeConcentration, BridgeModel, BridgeOutcome, TopUpOutcome } from "./types.js";

const E8 = 10n ** 8n;
const E18 = 10n ** 18n;

/** A bridge in a run: what it does at the end of each block, and what it did. */
export type Bridge = {
  model: BridgeModel;
  /**
   * The block's last stage, after the liquidations' sales: while the bridge runs, an arbitrageur trades the
   * asset's pool back to the peg when the gap passes the pool's fee (buying below it and bridging the tokens
   * out; bridging tokens in and selling them above it); at the halt block the guardian halts it; after the
   * halt, the exit sale's share of the block is sold into the pool.
   * @returns whether anything traded.
   */
  endOfBlock(): boolean;
  outcome(): BridgeOutcome;
};

/** The market the bridge's top-ups go to, and how to tell the cascade's queues a position changed. */
export type TopUpTarget = { market: LendingMarket; rescore(index: number): void };

/**
 * A bridge of the cascade (the scenario's `bridges[]`), over the context's pools and markets. Its actions
 * for the chain: `bridge` (in, out, halt) around the arbitrage's `swap`s on the asset's pool, the halt, the
 * exit sale's swaps (purpose `bridge-exit`), and the margin top-ups (a `bridge` in and a `supply` each; after
 * the halt a `bridge` in that reverts).
 *
 * @param model - the bridge.
 * @param ctx - the cascade context.
 * @param target - the top-ups' market (with `model.topUps`).
 * @example const bridge = createBridge(state.bridges[0], ctx); bridge.endOfBlock();
 */
export function createBridge(model: BridgeModel, ctx: CascadeContext, target?: TopUpTarget): Bridge {
  const { state } = ctx;
  const tally = { bridgedIn: 0n, bridgedOut: 0n, exitSold: 0n, arbitrages: 0, blocked: 0 };
  const pegE8 = model.rateE18 / 10n ** 10n;
  const pool = () => poolById(state, model.poolId);
  const pegRatio = (p: PoolModel) => Number(poolPriceE8(p)) / Number(pegE8);
  let halted = false;
  let pegRatioAtHalt: number | undefined;
  let minAfterHalt = Number.POSITIVE_INFINITY;
  let minPegRatio = pegRatio(pool());
  let atHalt: BridgeConcentration | undefined;
  const feeE18 = (p: PoolModel) =>
    p.kind === "uniswap-v3" ? BigInt(p.state.feePips) * 10n ** 12n : p.state.feeBps * 10n ** 14n;
  /** The pool's price over the peg (18 decimals), and whether the gap passes its fee. */
  const gapOf = (p: PoolModel) => {
    const e8 = poolPriceE8(p);
    const ratioE18 = e8 === 0n ? 0n : (model.rateE18 * E8) / e8;
    const gap = ratioE18 > E18 ? ratioE18 - E18 : E18 - ratioE18;
    return { ratioE18, open: e8 > 0n && gap > feeE18(p) };
  };
  const action = (direction: "in" | "out" | "halt", amount: bigint) =>
    ctx.onAction?.({ block: ctx.block, kind: "bridge", asset: model.symbol, direction, amount });
  const topUps = model.topUps && target ? createTopUps(model, ctx, target, () => halted) : undefined;

  function arbitrage(): boolean {
    const p = pool();
    const { ratioE18, open } = gapOf(p);
    if (!open) return false;
    const moved = tradeOnPool(p, { kind: "toPrice", ratioE18 });
    if (!moved) return false;
    // Above the peg the arbitrageur sells tokens it bridged in; below it buys and bridges them out.
    if (moved.underlyingDelta < 0n) {
      tally.bridgedIn += -moved.underlyingDelta;
      action("in", -moved.underlyingDelta);
    }
    setPool(state, moved.pool);
    recordSwap(ctx, "bridge-arbitrage", "trader", p.id, moved);
    if (moved.underlyingDelta > 0n) {
      tally.bridgedOut += moved.underlyingDelta;
      action("out", moved.underlyingDelta);
    }
    tally.arbitrages++;
    return true;
  }

  function exitSale(): boolean {
    const sale = model.exitSale;
    if (!sale || model.haltBlock === undefined) return false;
    const k = ctx.block - model.haltBlock;
    if (k < 0 || k >= sale.blocks) return false;
    const each = sale.amount / BigInt(sale.blocks);
    const amount = k === sale.blocks - 1 ? sale.amount - each * BigInt(sale.blocks - 1) : each;
    if (amount === 0n) return false;
    const moved = tradeOnPool(pool(), { kind: "sell", amount, withinLiquidity: true });
    if (!moved) return false;
    setPool(state, moved.pool);
    recordSwap(ctx, "bridge-exit", "trader", model.poolId, moved);
    tally.exitSold += -moved.underlyingDelta;
    return true;
  }

  return {
    model,
    endOfBlock() {
      let traded = false;
      if (!halted && model.haltBlock === ctx.block) {
        halted = true;
        action("halt", 0n);
        pegRatioAtHalt = pegRatio(pool());
        atHalt = concentration(ctx, model, pool());
      }
      topUps?.run();
      if (!halted) traded = arbitrage();
      else {
        traded = exitSale();
        if (gapOf(pool()).open) tally.blocked++;
      }
      const ratio = pegRatio(pool());
      minPegRatio = Math.min(minPegRatio, ratio);
      if (halted) minAfterHalt = Math.min(minAfterHalt, ratio);
      return traded;
    },
    outcome: () => ({
      asset: model.symbol,
      decimals: model.decimals,
      ...(model.haltBlock !== undefined ? { haltBlock: model.haltBlock } : {}),
      halted,
      bridgedIn: String(tally.bridgedIn),
      bridgedOut: String(tally.bridgedOut),
      arbitrages: tally.arbitrages,
      arbitragesBlocked: tally.blocked,
      exitSold: String(tally.exitSold),
      ...(pegRatioAtHalt !== undefined
        ? { pegRatioAtHalt, minPegRatioAfterHalt: minAfterHalt, ...(atHalt ? { atHalt } : {}) }
        : {}),
      minPegRatio,
      ...(topUps ? { topUps: topUps.outcome() } : {}),
    }),
  };
}

/**
 * The margin top-ups (BridgeModel.topUps), after the block's liquidations and the halt: each chosen
 * position that the market says needs one gets the asset bridged in (relayer's bridgeIn) and supplied on
 * its behalf, while the bridge runs; once it has halted, each such position tries once (a bridgeIn the
 * model marks as reverting BridgeHalted) and is left as it is.
 */
function createTopUps(model: BridgeModel, ctx: CascadeContext, target: TopUpTarget, halted: () => boolean) {
  const spec = model.topUps!;
  const { market } = target;
  const wad = { below: spec.belowWad, restore: spec.restoreWad };
  const positions = market.model.positions as readonly { id: string }[];
  // Every k-th position tops up, spread over the book (share 1: all of them).
  const chosen = Array.from({ length: market.positionCount }, (_, i) => i).filter(
    (i) => Math.floor((i + 1) * spec.share) > Math.floor(i * spec.share),
  );
  const failed = new Map<string, number>();
  const tally = { done: 0, supplied: 0n, firstFailedBlock: undefined as number | undefined };
  const bridgeIn = (amount: bigint, positionId: string, reverts?: "BridgeHalted") =>
    ctx.onAction?.({
      block: ctx.block,
      kind: "bridge",
      asset: model.symbol,
      direction: "in",
      amount,
      topUp: { market: market.id, positionId },
      ...(reverts ? { reverts } : {}),
    });
  return {
    run() {
      if (!market.topUp) return;
      for (const index of chosen) {
        const id = positions[index]!.id;
        if (failed.has(id)) continue;
        const need = market.topUp(index, model.symbol, wad);
        if (!need) continue;
        if (halted()) {
          bridgeIn(need.amount, id, "BridgeHalted");
          failed.set(id, ctx.block);
          tally.firstFailedBlock ??= ctx.block;
          continue;
        }
        bridgeIn(need.amount, id);
        need.supply();
        target.rescore(index);
        tally.done++;
        tally.supplied += need.amount;
      }
    },
    outcome(): TopUpOutcome {
      const liquidatedAfter = new Set(
        ctx.events
          .filter((e) => e.market === market.id && (failed.get(e.positionId) ?? Infinity) < e.block)
          .map((e) => e.positionId),
      );
      return {
        market: market.id,
        done: tally.done,
        supplied: String(tally.supplied),
        failed: failed.size,
        ...(tally.firstFailedBlock !== undefined ? { firstFailedBlock: tally.firstFailedBlock } : {}),
        failedThenLiquidated: liquidatedAfter.size,
      };
    },
  };
}

/** The bridged supply the halt leaves on this chain: collateral per market against its pool's depth. */
function concentration(ctx: CascadeContext, model: BridgeModel, pool: PoolModel): BridgeConcentration {
  const whole = (wei: bigint) => Number(wei) / 10 ** model.decimals;
  const collateralByMarket: Record<string, number> = {};
  let held = 0;
  for (const m of ctx.state.markets) {
    const amount = whole(collateralHeld(m, model.symbol));
    if (amount > 0) {
      collateralByMarket[m.id] = amount;
      held += amount;
    }
  }
  const lac5 = whole(marginalAbsorptionWei(pool, 0.05));
  const lac10 = whole(marginalAbsorptionWei(pool, 0.1));
  return { collateralByMarket, lac5, lac10, collateralOverLac5: lac5 > 0 ? held / lac5 : null };
}
