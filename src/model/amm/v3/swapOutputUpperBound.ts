import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "./TickMath.js";
import type { V3PoolState, V3Tick } from "./types.js";

const Q96 = 2 ** 96;
const MIN_SQRT = Number(MIN_SQRT_RATIO) / Q96;
const MAX_SQRT = Number(MAX_SQRT_RATIO) / Q96;
// Float error allowance: relative on the total, and per step relative to the step's L·√P (or L/√P) scale,
// plus a few raw units per step for the contract's own roundings (which only ever favour the pool).
const RELATIVE = 1e-9;
const PER_STEP_RELATIVE = 1e-14;
const PER_STEP_UNITS = 4;

// √P of every initialised tick as a float, per (immutable) ticks array.
const tickSqrts = new WeakMap<readonly V3Tick[], Float64Array>();

function sqrtsOf(ticks: readonly V3Tick[]): Float64Array {
  let sqrts = tickSqrts.get(ticks);
  if (!sqrts) {
    sqrts = Float64Array.from(ticks, (t) => Number(getSqrtRatioAtTick(t.index)) / Q96);
    tickSqrts.set(ticks, sqrts);
  }
  return sqrts;
}

/**
 * An upper bound, in floats, on the output (raw units) of an exact-input swap of `amountIn` raw units on a
 * Uniswap v3 pool with no price limit: the same walk over initialised ticks as `swap`, on real numbers,
 * plus an allowance for float error. The contract rounds every step against the trader, so its output never
 * exceeds the real-number one; a trade this bound shows cannot pay needs no exact simulation.
 *
 * @example swapOutputUpperBound(pool, true, 1e18) >= Number(-swap(pool, { zeroForOne: true, amountSpecified: 10n ** 18n }).amount1)
 */
export function swapOutputUpperBound(pool: V3PoolState, zeroForOne: boolean, amountIn: number): number {
  if (!(amountIn > 0)) return 0;
  const sqrt = sqrtsOf(pool.ticks);
  const keep = 1 - pool.feePips / 1e6;
  let s = Number(pool.sqrtPriceX96) / Q96;
  // Liquidity is summed in integers (exact), then read as a float per range.
  let liquidityInt = pool.liquidity;
  let liquidity = Number(liquidityInt);
  let remaining = amountIn * keep; // input after fees
  let out = 0;
  let slack = 0;
  // The first tick to cross: the highest at or below the current tick (down), the lowest above it (up).
  let lo = 0;
  let hi = pool.ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pool.ticks[mid]!.index <= pool.tick) lo = mid + 1;
    else hi = mid;
  }
  let k = zeroForOne ? lo - 1 : lo;
  for (;;) {
    const inRange = zeroForOne ? k >= 0 : k < pool.ticks.length;
    const target = inRange ? sqrt[k]! : zeroForOne ? MIN_SQRT : MAX_SQRT;
    if (liquidity > 0) {
      // Token0 in: 1/√P rises by input/L, token1 out = L·Δ√P. Token1 in: √P rises by input/L, token0 out = L·Δ(1/√P).
      const toTarget = zeroForOne ? liquidity * (1 / target - 1 / s) : liquidity * (target - s);
      const scale = zeroForOne ? liquidity * s : liquidity / s;
      slack += PER_STEP_RELATIVE * scale + PER_STEP_UNITS;
      if (remaining < toTarget) {
        const next = zeroForOne ? (liquidity * s) / (liquidity + remaining * s) : s + remaining / liquidity;
        out += zeroForOne ? liquidity * (s - next) : liquidity * (1 / s - 1 / next);
        break;
      }
      out += zeroForOne ? liquidity * (s - target) : liquidity * (1 / s - 1 / target);
      remaining -= toTarget;
    }
    if (!inRange) break;
    s = target;
    const net = pool.ticks[k]!.liquidityNet;
    liquidityInt = zeroForOne ? liquidityInt - net : liquidityInt + net;
    liquidity = Math.max(0, Number(liquidityInt));
    k += zeroForOne ? -1 : 1;
  }
  return out * (1 + RELATIVE) + slack;
}
