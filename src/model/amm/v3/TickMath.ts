// Mirrors @uniswap/v3-core 1.0.1 contracts/libraries/TickMath.sol: getSqrtRatioAtTick constant for constant;
// getTickAtSqrtRatio returns the same tick (the greatest whose ratio is ≤ the input) by a float log checked
// against getSqrtRatioAtTick near boundaries, not by the contract's bigint log2 loop (speed; same answers).
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { MAX_UINT256 } from "./FullMath.js";

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
export const MIN_SQRT_RATIO = 4295128739n;
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

// Q128 factors for bits 1..19 of |tick|: ratio *= sqrt(1.0001)^-(2^i), as in the contract.
const FACTORS: readonly bigint[] = [
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];

const cache = new Map<number, bigint>();

/** sqrt(1.0001^tick) * 2^96 as a Q64.96, exactly as the contract rounds it (up). */
export function getSqrtRatioAtTick(tick: number): bigint {
  const hit = cache.get(tick);
  if (hit !== undefined) return hit;
  const absTick = tick < 0 ? -tick : tick;
  if (!Number.isInteger(tick) || absTick > MAX_TICK)
    throw new MathRevertError(`TickMath: tick ${tick} out of range ('T').`);
  let ratio = absTick & 0x1 ? 0xfffcb933bd6fad37aa2d162d1a594001n : 0x100000000000000000000000000000000n;
  for (let i = 0; i < FACTORS.length; i++) {
    if (absTick & (2 << i)) ratio = (ratio * FACTORS[i]!) >> 128n;
  }
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  const sqrtPriceX96 = (ratio >> 32n) + (ratio % (1n << 32n) === 0n ? 0n : 1n);
  if (cache.size > 100_000) cache.clear();
  cache.set(tick, sqrtPriceX96);
  return sqrtPriceX96;
}

const Q96_FLOAT = 2 ** 96;
const TICKS_PER_LN_SQRT = 2 / Math.log(1.0001);
// How close (in ticks) a float estimate may come to a tick boundary and still be trusted: the float log
// errs by ~1e-9 ticks, and the contract's boundaries (rounded up to Q96) sit within 5e-6 ticks of the
// real ones.
const BOUNDARY_MARGIN = 1e-5;

/**
 * The greatest tick whose sqrt ratio (getSqrtRatioAtTick) is ≤ sqrtPriceX96: what the contract's
 * getTickAtSqrtRatio returns, with its reverts. Computed from a float log; when that lands within 1e-5 of a
 * tick boundary, the boundary is settled against getSqrtRatioAtTick itself, so the answer is exact.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO)
    throw new MathRevertError(`TickMath: sqrtPriceX96 ${sqrtPriceX96} out of range ('R').`);
  const x = Math.log(Number(sqrtPriceX96) / Q96_FLOAT) * TICKS_PER_LN_SQRT;
  let tick = Math.floor(x);
  const fraction = x - tick;
  if (fraction > BOUNDARY_MARGIN && fraction < 1 - BOUNDARY_MARGIN && tick >= MIN_TICK && tick < MAX_TICK)
    return tick;
  tick = Math.min(MAX_TICK - 1, Math.max(MIN_TICK, tick));
  while (tick > MIN_TICK && getSqrtRatioAtTick(tick) > sqrtPriceX96) tick--;
  while (tick < MAX_TICK - 1 && getSqrtRatioAtTick(tick + 1) <= sqrtPriceX96) tick++;
  return tick;
}
