import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { findForkCandidates } from "../findForkCandidates.js";
import { type ForkAccountScope, tallyForkBorrowers } from "../tallyForkBorrowers.js";
import type { ForkBorrowerStats } from "../types.js";
import { readCometMarket } from "./readCometMarket.js";

export type SelectCometForkBorrowersParameters = {
  id: string;
  comet: Address;
  lens: Address;
  /** The scenario's collaterals' addresses, their feeds, and Comet's offset for each (its assetsIn bits). */
  assets: readonly Address[];
  feeds: readonly Address[];
  offsets: readonly number[];
  /** The model market in the fork's shape (what readCometMarket fills). */
  base: CompoundMarketModel;
  /** Accounts from a list; absent: discovered from Comet's Withdraw events. */
  listed?: Address[] | undefined;
  blockNumber: bigint;
  discovery: { lookbackBlocks: number; chunkBlocks: number };
  maxBorrowers: number;
  cacheDir?: string | undefined;
  onProgress: (message: string, done?: number, total?: number) => void;
};

/** Accounts per lens call (each reads a principal, the collaterals and isLiquidatable: well inside eth_call's gas). */
const READ_BATCH = 400;

/** Comet's base withdrawal (a borrow is a withdraw beyond the account's balance). */
const WITHDRAW_EVENT = loadArtifact("compound/IComet").abi.find(
  (e) => e.type === "event" && e.name === "Withdraw",
) as Extract<ReturnType<typeof loadArtifact>["abi"][number], { type: "event" }>;

/**
 * The fork's borrowers of one Comet market that the cascade runs: candidates from a list or from Comet's
 * Withdraw events (`src`) over the look-back window (cached per chunk), read in lens batches; accounts
 * that borrow base and hold collateral only in the scenario's assets (Comet's `assetsIn` bits) are in
 * scope, the largest debts first up to `maxBorrowers`; the rest are counted by reason with their debt.
 *
 * @param chain - the fork.
 * @param parameters - the market, its assets, where candidates come from, the limits.
 * @returns the addresses run (in the model's position order) and the report's borrower statistics.
 */
export async function selectCometForkBorrowers(
  chain: Chain,
  parameters: SelectCometForkBorrowersParameters,
): Promise<{ run: Address[]; stats: ForkBorrowerStats }> {
  const { id, onProgress: progress } = parameters;
  const { candidates, source } = await findForkCandidates(chain, {
    ...parameters,
    address: parameters.comet,
    event: WITHDRAW_EVENT,
    account: (args) => args.src as Address,
  });
  progress(`fork: ${id} reading ${candidates.length} accounts`);
  const reads = [];
  for (let first = 0; first < Math.max(candidates.length, 1); first += READ_BATCH) {
    const batch = candidates.slice(first, first + READ_BATCH);
    reads.push(
      await readCometMarket(chain, {
        lens: parameters.lens,
        comet: parameters.comet,
        assets: parameters.assets,
        feeds: parameters.feeds,
        accounts: batch,
        base: {
          ...parameters.base,
          positions: batch.map((a) => ({ id: a, principal: 0n, collateral: [] })),
        },
        configuration: first === 0,
      }),
    );
  }
  const read = {
    ...reads[0]!,
    market: { ...reads[0]!.market, positions: reads.flatMap((r) => r.market.positions) },
    assetsIn: reads.flatMap((r) => r.assetsIn),
  };
  const inScopeBits = parameters.offsets.reduce((bits, offset) => bits | (1 << offset), 0);
  const m = read.market.market;
  const debtOf = (principal: bigint) => (-principal * m.baseBorrowIndex) / 10n ** 15n;
  const baseUsd = Number(read.pricesE8.base) / 1e8;
  return tallyForkBorrowers(
    candidates,
    read.market.positions.map((p, i): ForkAccountScope => {
      if (p.principal >= 0n) return { scope: "no debt" };
      if ((read.assetsIn[i]! & ~inScopeBits) === 0) return { scope: "in scope", debt: debtOf(p.principal) };
      return {
        scope: "out of scope",
        reason: "collateral outside the scenario's assets",
        debtUsd: (Number(debtOf(p.principal)) / Number(m.baseScale)) * baseUsd,
      };
    }),
    { source, maxBorrowers: parameters.maxBorrowers },
  );
}
