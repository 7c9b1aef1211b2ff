import { type Address, type Hex, parseAbiItem } from "viem";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";
import { SharesMathLib } from "../../model/lending/morpho/SharesMathLib.js";
import { findForkCandidates } from "../findForkCandidates.js";
import type { ForkMarketParameters } from "../prepareForkMarket.js";
import { type ForkAccountScope, tallyForkBorrowers } from "../tallyForkBorrowers.js";
import type { ForkBorrowerStats } from "../types.js";
import { readMorphoBySlots } from "./readMorphoBySlots.js";

const BORROW_EVENT = parseAbiItem(
  "event Borrow(bytes32 indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets, uint256 shares)",
);
/** Accounts per extSloads read. */
const READ_BATCH = 2_000;

/**
 * The fork's borrowers of one Morpho Blue market that the cascade runs: candidates from a list or from Morpho's
 * Borrow events over the look-back window (every market's: the contract is shared), read by `extSloads` in
 * batches; those with borrow shares in this market are in scope, the largest debts first up to `maxBorrowers`.
 *
 * @returns the addresses run (in the model's position order) and the report's borrower statistics.
 */
export async function selectMorphoForkBorrowers(
  chain: Chain,
  p: ForkMarketParameters<MorphoMarketModel> & { morpho: Address; marketId: Hex },
): Promise<{ run: Address[]; stats: ForkBorrowerStats }> {
  const { candidates, source } = await findForkCandidates(chain, {
    id: p.market.id,
    listed: p.listed,
    address: p.morpho,
    event: BORROW_EVENT,
    account: (args) => args.onBehalf as Address,
    blockNumber: p.blockNumber,
    discovery: p.discovery,
    cacheDir: p.cacheDir,
    onProgress: p.onProgress,
  });
  const scopes: ForkAccountScope[] = [];
  for (let first = 0; first < candidates.length; first += READ_BATCH) {
    const batch = candidates.slice(first, first + READ_BATCH);
    const r = await readMorphoBySlots(chain, { morpho: p.morpho, id: p.marketId, accounts: batch });
    for (const q of r.positions)
      scopes.push(
        q.borrowShares === 0n
          ? { scope: "no debt" }
          : {
              scope: "in scope",
              debt: SharesMathLib.toAssetsUp(
                q.borrowShares,
                r.market.totalBorrowAssets,
                r.market.totalBorrowShares,
              ),
            },
      );
  }
  return tallyForkBorrowers(candidates, scopes, { source, maxBorrowers: p.maxBorrowers });
}
