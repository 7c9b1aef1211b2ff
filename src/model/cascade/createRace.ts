import { createLiquidators } from "../liquidators/createLiquidators.js";
import type { Liquidators } from "../liquidators/types.js";
import { toUnits } from "../math/toUnits.js";
import type { CascadeContext } from "./createCascadeContext.js";
import type { BotTotals, CascadeState } from "./types.js";

/** The scenario's bot settings, as parsed (liquidators.bots[i]). */
type BotSpec = NonNullable<CascadeContext["state"]["liquidators"]["bots"]>[number];

/** One competing bot during a cascade: its settings, its tip in wei, its liquidators' view and its totals. */
export type Bot = {
  index: number;
  spec: BotSpec;
  priorityFeeWei: bigint;
  liquidators: Liquidators;
  /**
   * A bot with capital of its own (liquidators.bots[].capital): what its contract on each Aave market holds,
   * by market id then asset, in the asset's units — the capital at the start, then repaid out and sale
   * proceeds in. Absent: it flash-borrows.
   */
  inventories?: Map<string, Map<string, bigint>>;
  totals: BotTotals;
};

/** The block the bots compete in (liquidators.block, with its defaults). */
export type RaceBlock = { gasLimit: bigint; backgroundGas: bigint; failedAttemptGas: bigint };

/**
 * The liquidation race across a cascade's blocks: the bots, the block's terms, the base fee of the block
 * being built (EIP-1559, from the scenario's gas price at block 1), and since when each liquidatable
 * position has been liquidatable (a bot with latency L sees it L blocks later).
 */
export type Race = {
  bots: Bot[];
  block: RaceBlock;
  baseFeeWei: bigint;
  /** Block at which position (market, index) last became liquidatable, keyed `market * 2^32 + index`. */
  since: Map<number, number>;
};

/**
 * The race of a scenario with `liquidators.bots`; undefined without bots (the liquidators then take
 * positions as one capacity, liquidatePositions).
 *
 * @param ctx - the cascade context (its state's liquidators section; gas prices read its base fee).
 * @returns the race, or undefined.
 */
export function createRace(ctx: CascadeContext): Race | undefined {
  const l = ctx.state.liquidators;
  if (!l.bots) return undefined;
  const race: Race = {
    bots: [],
    block: {
      gasLimit: BigInt(l.block?.gasLimit ?? 30_000_000),
      backgroundGas: BigInt(l.block?.backgroundGas ?? 15_000_000),
      failedAttemptGas: BigInt(l.block?.failedAttemptGas ?? 300_000),
    },
    baseFeeWei: gweiToWei(l.gasPriceGwei),
    since: new Map(),
  };
  race.bots = l.bots.map((spec, index) => {
    const priorityFeeWei = gweiToWei(spec.priorityFeeGwei);
    return {
      index,
      spec,
      priorityFeeWei,
      liquidators: createLiquidators(ctx, {
        pool: spec.pool ?? l.pool,
        gasPriceWei: () => race.baseFeeWei + priorityFeeWei,
        minProfitUsd: spec.minProfitUsd ?? l.minProfitUsd,
      }),
      ...(spec.capital ? { inventories: startingInventories(ctx.state, spec.capital) } : {}),
      totals: {
        id: spec.id,
        sent: 0,
        won: 0,
        reverted: 0,
        dropped: 0,
        gasUsed: 0,
        gasCostUsd: 0,
        grossProfitUsd: 0,
      },
    };
  });
  return race;
}

/** What a bot with capital of its own holds on an Aave market now; undefined for a flash-loan bot, or another kind of market. */
export function inventoryOf(bot: Bot, market: { id: string }): Map<string, bigint> | undefined {
  return bot.inventories?.get(market.id);
}

/** A bot's capital, in units, in its contract on each of the cascade's Aave markets. */
function startingInventories(
  state: CascadeState,
  capital: Record<string, number>,
): Map<string, Map<string, bigint>> {
  const units = Object.entries(capital).map(
    ([symbol, amount]) => [symbol, toUnits(amount, tokenDecimals(state, symbol))] as const,
  );
  return new Map(state.markets.filter((m) => m.kind === "aave-v3").map((m) => [m.id, new Map(units)]));
}

/** An asset's decimals, from wherever the cascade's state holds it (its tokens, pools, pegs, markets). */
function tokenDecimals(state: CascadeState, symbol: string): number {
  const tokens = [
    state.underlying,
    state.quote,
    ...state.pegs,
    ...state.pools.flatMap((p) => [p.token0, p.token1]),
  ];
  const token = tokens.find((t) => t.symbol === symbol);
  if (token) return token.decimals;
  for (const m of state.markets)
    if (m.kind === "aave-v3") {
      const reserve = m.reserves.find((r) => r.symbol === symbol);
      if (reserve) return reserve.decimals;
    }
  throw new Error(
    `liquidators.bots[].capital.${symbol}: not an asset of the cascade's pools or Aave markets`,
  );
}

/** Gwei (a scenario float, at most 9 decimals) as wei. */
function gweiToWei(gwei: number): bigint {
  return BigInt(Math.round(gwei * 1e9));
}
