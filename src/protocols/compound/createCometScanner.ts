import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { mayCrossHealthLine } from "../../model/markets/healthMoveBound.js";
import { readWhatChanged } from "../readWhatChanged.js";
import type { ScanReads } from "../types.js";
import { type CometLensTarget, readCometMarket } from "./readCometMarket.js";

const BASE_INDEX_SCALE = 10n ** 15n;

type CometRead = Awaited<ReturnType<typeof readCometMarket>>;
/** Per collateral asset its price, and the base's price × stored borrow index, at a read. */
type Units = { collateral: number[]; debt: number };

/**
 * The liquidators' scan of one Comet market on chain, which reads what can have changed (as
 * createAaveScanner does for Aave): after a first read of every account, each scan reads the market
 * (totals, stored indices, prices), the accounts a transaction touched since, and those whose liquidity
 * the moves of prices and the borrow index since their last read can have carried across 0; Comet's own
 * `isLiquidatable` decides for every account read. `reads: "all"` reads every account. After a governance
 * change of its factors (`reconfigure`), the next scan reads every account and the configuration.
 *
 * @param chain - the chain.
 * @param parameters - the lens, Comet, its collateral assets and feeds, the accounts and the market model.
 * @returns `scan(reads)` (the market as read, who is liquidatable, how many accounts were read), `touch(index)` and `reconfigure()`.
 */
export function createCometScanner(
  chain: Chain,
  parameters: CometLensTarget & { market: CompoundMarketModel },
) {
  let current: CometRead["market"] = parameters.market;
  const liquidatable: boolean[] = parameters.accounts.map(() => false);
  const units: (Units | undefined)[] = parameters.accounts.map(() => undefined);
  const touched = new Set<number>();
  let reconfigured = false;
  const read = (only: readonly number[]) =>
    readCometMarket(chain, { ...parameters, base: current, only, configuration: reconfigured });
  return {
    /** Comet's implementation changed (new factors): the next scan reads every account and the configuration. */
    reconfigure(): void {
      reconfigured = true;
    },
    /** A transaction changed account `index`: the next scan reads it. */
    touch(index: number): void {
      touched.add(index);
    },
    async scan(reads: ScanReads = "changed") {
      const { read: count } = await readWhatChanged({
        count: parameters.accounts.length,
        all: reads === "all" || reconfigured || units.some((u) => u === undefined),
        touched,
        read: async (indices) => {
          const s = await read(indices);
          remember(indices, s);
          return s;
        },
        crossing: (s) => {
          const now = unitsOf(s);
          return (i) => mayHaveCrossed(s.market, i, units[i]!, now);
        },
      });
      touched.clear();
      reconfigured = false;
      return {
        market: current,
        liquidatable: liquidatable.flatMap((yes, i) => (yes ? [i] : [])),
        read: count,
      };
    },
  };

  function remember(indices: readonly number[], snapshot: CometRead): void {
    current = snapshot.market;
    const u = unitsOf(snapshot);
    indices.forEach((index, k) => {
      liquidatable[index] = snapshot.liquidatable[k]!;
      units[index] = u;
    });
  }
}

function unitsOf(read: CometRead): Units {
  return {
    collateral: read.pricesE8.assets.map(Number),
    debt: Number(read.pricesE8.base) * Number(read.market.market.baseBorrowIndex),
  };
}

/**
 * Whether account `i`'s liquidity can have crossed 0 since it was read: its health, the collateral's
 * value at the liquidate factors over the debt's present value, then, and each held asset's price move.
 */
function mayHaveCrossed(market: CompoundMarketModel, i: number, then: Units, now: Units): boolean {
  const m = market.market;
  const p = market.positions[i]!;
  if (p.principal >= 0n) return false;
  // The debt then: principal × borrow index (presentValue, index scale 1e15) × base price, both as read then.
  const debtThen = (Number(-p.principal) / Number(BASE_INDEX_SCALE) / Number(m.baseScale)) * then.debt;
  let collateralThen = 0;
  const collateralMoves: number[] = [];
  m.assets.forEach((a, k) => {
    const balance = p.collateral[k] ?? 0n;
    if (balance === 0n) return;
    collateralThen +=
      (Number(balance) / Number(a.scale)) *
      then.collateral[k]! *
      (Number(a.liquidateCollateralFactor) / 1e18);
    collateralMoves.push(now.collateral[k]! / then.collateral[k]!);
  });
  return mayCrossHealthLine({
    health: collateralThen / debtThen,
    collateralMoves,
    debtMoves: [now.debt / then.debt],
    tolerance: 1e-4,
  });
}
