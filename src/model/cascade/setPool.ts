import type { CascadeState, PoolModel } from "./types.js";

/** Replaces the state's pool of the same id (pool states are values: a trade returns a new one). */
export function setPool(state: CascadeState, pool: PoolModel): void {
  state.pools = state.pools.map((p) => (p.id === pool.id ? pool : p));
}
