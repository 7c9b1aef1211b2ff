import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
import type { AaveMarketModel } from "../../model/cascade/types.js";
import type { AavePosition } from "../../model/lending/aave/types.js";
import { mayCrossHealthLine } from "../../model/markets/healthMoveBound.js";
import { readWhatChanged } from "../readWhatChanged.js";
import type { ChainMarketLosses, ScanReads } from "../types.js";
import { measureAaveLosses } from "./measureAaveLosses.js";
import { type AaveAccountOnChain, readAaveMarket } from "./readAaveMarket.js";

const E18 = 10n ** 18n;

/** One borrower as last read: its balances, the pool's account data, and each reserve's unit values then. */
type Known = { position: AavePosition; account: AaveAccountOnChain; units: Units };
/** Per reserve, the oracle price × the normalised income (collateral) and × the borrow index (debt). */
type Units = { collateral: number[]; debt: number[] };

/**
 * The liquidators' scan of one Aave market on chain, which reads what can have changed: after a first
 * read of every borrower, each scan reads the reserves (indices, prices, deficits), the borrowers a
 * transaction touched since, and those whose health factor the moves of prices and indices since their
 * last read can have carried across 1 (mayCrossHealthLine); the others keep their last read, which the
 * moves provably leave on the same side. The pool's own `getUserAccountData` says who is liquidatable,
 * as in a full read; losses come from the balances (kept or re-read) at today's indices. `reads: "all"`
 * reads everyone, as before.
 *
 * @param chain - the chain.
 * @param parameters - the lens, pool, the market as the cascade starts, borrower addresses, deficits at the start.
 * @returns `scan(marketPriceOf, reads)` and `touch(index)` (a transaction changed that borrower).
 */
export function createAaveScanner(
  chain: Chain,
  parameters: {
    lens: Address;
    pool: Address;
    market: AaveMarketModel;
    assets: readonly { symbol: string; asset: Address }[];
    users: readonly { id: string; address: Address }[];
    startDeficits: readonly bigint[];
  },
) {
  const { market, users } = parameters;
  const known: (Known | undefined)[] = users.map(() => undefined);
  const touched = new Set<number>();
  const read = (indices: readonly number[]) =>
    readAaveMarket(chain, {
      lens: parameters.lens,
      pool: parameters.pool,
      assets: parameters.assets,
      users: indices.map((i) => users[i]!),
    });
  return {
    /** A transaction changed borrower `index`: the next scan reads it. */
    touch(index: number): void {
      touched.add(index);
    },
    /** A reserve's terms changed (a risk steward's update): the next scan reads every borrower. */
    touchAll(): void {
      for (let i = 0; i < users.length; i++) touched.add(i);
    },
    async scan(
      marketPriceOf: (symbol: string) => number,
      reads: ScanReads = "changed",
    ): Promise<{ liquidatable: number[]; losses: ChainMarketLosses; read: number }> {
      const { snapshot, read: count } = await readWhatChanged({
        count: users.length,
        all: reads === "all" || known.some((k) => k === undefined),
        touched,
        read: async (indices) => {
          const s = await read(indices);
          remember(indices, s.positions, s.accounts, unitsOf(s));
          return s;
        },
        crossing: (s) => {
          const units = unitsOf(s);
          return (i) => mayHaveCrossed(known[i]!, units);
        },
      });
      touched.clear();
      const liquidatable: number[] = [];
      known.forEach((k, i) => {
        if (k!.account.healthFactor < E18 && k!.account.totalCollateralBase > 0n) liquidatable.push(i);
      });
      const onChain: AaveMarketModel = {
        ...market,
        reserves: snapshot.reserves.map(
          ({ asset: _a, id: _i, aToken: _t, variableDebtToken: _d, ...r }) => r,
        ),
        positions: known.map((k) => k!.position),
      };
      const losses = measureAaveLosses(onChain, {
        oraclePricesE8: snapshot.pricesE8,
        marketPriceOf,
        startDeficits: parameters.startDeficits,
      });
      return { liquidatable, losses, read: count };
    },
  };

  function remember(
    indices: readonly number[],
    positions: readonly AavePosition[],
    accounts: readonly AaveAccountOnChain[],
    units: Units,
  ): void {
    indices.forEach((index, k) => {
      known[index] = { position: positions[k]!, account: accounts[k]!, units };
    });
  }
}

function unitsOf(read: Awaited<ReturnType<typeof readAaveMarket>>): Units {
  return {
    collateral: read.reserves.map((r, k) => Number(read.pricesE8[k]!) * Number(r.liquidityIndexRay)),
    debt: read.reserves.map((r, k) => Number(read.pricesE8[k]!) * Number(r.variableBorrowIndexRay)),
  };
}

/** Whether prices and indices since `k` was read can have moved its health factor across 1. */
function mayHaveCrossed(k: Known, now: Units): boolean {
  const collateralMoves: number[] = [];
  const debtMoves: number[] = [];
  k.position.scaledCollateral.forEach((c, r) => {
    if (c > 0n && k.position.usingAsCollateral[r])
      collateralMoves.push(now.collateral[r]! / k.units.collateral[r]!);
  });
  k.position.scaledDebt.forEach((d, r) => {
    if (d > 0n) debtMoves.push(now.debt[r]! / k.units.debt[r]!);
  });
  return mayCrossHealthLine({
    health: Number(k.account.healthFactor) / 1e18,
    collateralMoves,
    debtMoves,
  });
}
