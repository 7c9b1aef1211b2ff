import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
import { findForkCandidates } from "../findForkCandidates.js";
import { type ForkAccountScope, tallyForkBorrowers } from "../tallyForkBorrowers.js";
import type { ForkBorrowerStats } from "../types.js";
import { classifyAaveAccount } from "./classifyAaveAccount.js";
import { BORROW_EVENT } from "./discoverAaveBorrowers.js";
import { readAaveMarket } from "./readAaveMarket.js";

export type SelectAaveForkBorrowersParameters = {
  id: string;
  pool: Address;
  lens: Address;
  assets: { symbol: string; asset: Address }[];
  /** Borrowers from a list; absent: discovered from the Pool's Borrow events. */
  listed?: Address[] | undefined;
  blockNumber: bigint;
  discovery: { lookbackBlocks: number; chunkBlocks: number };
  maxBorrowers: number;
  cacheDir?: string | undefined;
  /** The model mirrors this Pool's e-mode (v3.6+): accounts in a category are in scope. */
  eModeModelled?: boolean;
  onProgress: (message: string, done?: number, total?: number) => void;
};

/**
 * The fork's borrowers of one Aave market that the cascade runs: candidates from a list or from Borrow
 * events over the look-back window (cached per chunk), read in batches through the lens; accounts with
 * positions wholly in the scenario's reserves and outside e-mode are in scope, the largest debts first up
 * to `maxBorrowers`; the rest are counted by reason with their debt.
 *
 * @param chain - the fork.
 * @param parameters - the market, its assets, where candidates come from, the limits.
 * @returns the addresses run (in the model's position order) and the report's borrower statistics.
 */
export async function selectAaveForkBorrowers(
  chain: Chain,
  parameters: SelectAaveForkBorrowersParameters,
): Promise<{ run: Address[]; stats: ForkBorrowerStats }> {
  const { id, onProgress: progress } = parameters;
  const { candidates, source } = await findForkCandidates(chain, {
    ...parameters,
    address: parameters.pool,
    event: BORROW_EVENT,
    account: (args) => args.onBehalfOf as Address,
  });
  progress(`fork: ${id} reading ${candidates.length} accounts`);
  const read = await readAaveMarket(chain, {
    lens: parameters.lens,
    pool: parameters.pool,
    assets: parameters.assets,
    users: candidates.map((a) => ({ id: a, address: a })),
  });
  const ids = read.reserves.map((r) => r.id);
  return tallyForkBorrowers(
    candidates,
    read.accounts.map((a): ForkAccountScope => {
      const scope = classifyAaveAccount(a, ids, { eModeModelled: parameters.eModeModelled ?? false });
      if (scope === "no debt") return { scope };
      if (scope === "in scope") return { scope, debt: a.totalDebtBase };
      return { scope: "out of scope", reason: scope, debtUsd: Number(a.totalDebtBase) / 1e8 };
    }),
    { source, maxBorrowers: parameters.maxBorrowers },
  );
}
