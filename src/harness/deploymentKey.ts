import type { Scenario } from "../model/scenario/schema.js";
import { liquidatorAccounts } from "./createRoles.js";

/**
 * What a replica deployment depends on, as a string: two scenarios with the same key can share one
 * deployment (and run from its snapshot). Assets, feeds (which assets have one, not their policy), pools,
 * markets, borrowers, the seed that generates them, the bridged assets' bridges, and the market makers' and
 * liquidators' accounts are deployed; when a bridge halts and its exit sale, insurance funds, the shock, oracle policies, option sizes, perps, liquidator behaviour and thresholds are not.
 *
 * @param scenario - a validated scenario.
 * @returns a stable JSON key.
 * @example deploymentKey(a) === deploymentKey(b) // b only changes oracles[0].policy.latencyBlocks
 */
export function deploymentKey(scenario: Scenario): string {
  return JSON.stringify({
    assets: scenario.assets,
    underlying: scenario.underlying,
    quote: scenario.quote,
    feeds: scenario.oracles.map((o) => o.asset),
    pools: scenario.pools,
    // An insurance fund is a number the report compares bad debt with, not something deployed.
    markets: scenario.markets.map((m) => ({ ...m, insuranceFundUsd: undefined })),
    borrowers: scenario.borrowers,
    seed: scenario.seed,
    marketMakers: scenario.optionBooks.map((b) => b.id),
    liquidators: liquidatorAccounts(scenario),
    fork: scenario.fork,
    bridges: scenario.bridges.map((b) => b.asset),
  });
}
