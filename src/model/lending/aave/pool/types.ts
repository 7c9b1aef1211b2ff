import type { AavePoolModel, AavePosition } from "../types.js";

/** What a v3.6 Pool action leaves: the pool, the user's position, and the amount it moved (asset units). */
export type PoolActionResult = { pool: AavePoolModel; position: AavePosition; amount: bigint };
