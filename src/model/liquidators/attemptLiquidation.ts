import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { LendingMarket, LiquidationOutcome } from "../markets/types.js";
import { planLiquidation } from "./planLiquidation.js";
import type { Liquidators } from "./types.js";

/**
 * One liquidator's attempt on a position, whatever the protocol: the liquidation it would send
 * (planLiquidation), carried out at once — its sale committed to the pool, then the protocol's quote
 * applied.
 *
 * @param ctx - the cascade context (its work counters).
 * @param liquidators - gas, the sale pool, sale quotes.
 * @param market - the position's market.
 * @param index - the position.
 * @returns the outcome (see LiquidationOutcome).
 */
export function attemptLiquidation(
  ctx: CascadeContext,
  liquidators: Liquidators,
  market: LendingMarket,
  index: number,
): LiquidationOutcome {
  const plan = planLiquidation(ctx, liquidators, market, index);
  if (typeof plan === "string") return plan;
  plan.sale?.commit();
  plan.quote.apply(plan.sale, plan.profitUsd);
  return "done";
}
