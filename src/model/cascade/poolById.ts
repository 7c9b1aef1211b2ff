import type { CascadeState, PoolModel } from "./types.js";

/** The state's pool with this id (the scenario's pool ids are validated unique). */
export function poolById(state: Pick<CascadeState, "pools">, id: string): PoolModel {
  return state.pools.find((p) => p.id === id)!;
}
