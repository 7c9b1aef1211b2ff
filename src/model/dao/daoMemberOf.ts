import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { MarketModel } from "../cascade/types.js";
import { createAaveDaoMember } from "../markets/aave/createAaveDaoMember.js";
import { createCometDaoMember } from "../markets/compound/createCometDaoMember.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoMember } from "./types.js";

/**
 * A member market as the DAO's levers see it: its protocol's DaoMember, or undefined for a protocol whose
 * terms cannot change (Morpho Blue: a market's LLTV is fixed when it is created).
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param model - the member's market model.
 * @returns its member, if its protocol has one.
 */
export function daoMemberOf(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  model: MarketModel,
): DaoMember | undefined {
  if (model.kind === "aave-v3") return createAaveDaoMember(ctx, markets, model);
  if (model.kind === "compound-v3") return createCometDaoMember(ctx, model);
  return undefined;
}
