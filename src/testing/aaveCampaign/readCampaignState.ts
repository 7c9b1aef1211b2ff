import { readAaveMarket } from "../../protocols/aave/readAaveMarket.js";
import type { CampaignChain } from "./types.js";

/**
 * The Pool's state as the campaign compares it: every reserve's stored interest state, cash, deficit and
 * scaled totals, every actor's scaled balances, flags and e-mode, and the Pool's own health factors, with
 * the time of the block read.
 *
 * @param real - the campaign's chain side.
 * @returns the read (readAaveMarket's form).
 */
export async function readCampaignState(
  real: Pick<CampaignChain, "chain" | "lens" | "pool" | "assets" | "actors">,
) {
  return await readAaveMarket(real.chain, {
    lens: real.lens,
    pool: real.pool,
    assets: real.assets,
    users: real.actors.map((address, i) => ({ id: `actor-${i}`, address })),
  });
}
