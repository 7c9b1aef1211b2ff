// Mirrors @uniswap/v3-core 1.0.1 contracts/libraries/SqrtPriceMath.sol (Solidity 0.7.6: no checked
// arithmetic, so `amount * sqrtPX96` wraps at 2^256 and the contract detects it by dividing back). Same
// functions, branches, results and reverts; where an equivalent costs fewer bigint divisions it is used
// and the comment at the spot says why it is the same (checked against @uniswap/v3-sdk in the tests).
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { divRoundingUp, MAX_UINT256, mulDiv, mulDivRoundingUp } from "./FullMath.js";

const RESOLUTION = 96n;
const Q96 = 1n << 96n;
const Q96_MASK = Q96 - 1n;
const MAX_UINT160 = (1n << 160n) - 1n;

function toUint160(x: bigint): bigint {
  if (x > MAX_UINT160) throw new MathRevertError("SqrtPriceMath: value does not fit uint160 (SafeCast).");
  return x;
}

/** Next sqrt price from a token0 amount, rounded up (so the price never passes its target). */
export function getNextSqrtPriceFromAmount0RoundingUp(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << RESOLUTION;
  // The contract multiplies mod 2^256 and checks `product / amount == sqrtPX96`, which holds exactly when
  // the full product fits in 256 bits: compared here instead of divided back.
  const full = amount * sqrtPX96;
  const fits = full <= MAX_UINT256;
  const product = fits ? full : full & MAX_UINT256;
  if (add) {
    if (fits) {
      const denominator = (numerator1 + product) & MAX_UINT256;
      if (denominator >= numerator1) return mulDivRoundingUp(numerator1, sqrtPX96, denominator);
    }
    return divRoundingUp(numerator1, numerator1 / sqrtPX96 + amount);
  }
  if (!(fits && numerator1 > product))
    throw new MathRevertError(
      "SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp: output exceeds reserves.",
    );
  return toUint160(mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product));
}

/** Next sqrt price from a token1 amount, rounded down. */
export function getNextSqrtPriceFromAmount1RoundingDown(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (add) {
    const quotient =
      amount <= MAX_UINT160 ? (amount << RESOLUTION) / liquidity : mulDiv(amount, Q96, liquidity);
    return toUint160(sqrtPX96 + quotient);
  }
  const quotient =
    amount <= MAX_UINT160
      ? divRoundingUp(amount << RESOLUTION, liquidity)
      : mulDivRoundingUp(amount, Q96, liquidity);
  if (!(sqrtPX96 > quotient))
    throw new MathRevertError(
      "SqrtPriceMath.getNextSqrtPriceFromAmount1RoundingDown: output exceeds reserves.",
    );
  return sqrtPX96 - quotient;
}

/** Next sqrt price after adding `amountIn` of the input token. */
export function getNextSqrtPriceFromInput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  if (sqrtPX96 <= 0n || liquidity <= 0n)
    throw new MathRevertError("SqrtPriceMath.getNextSqrtPriceFromInput: zero price or liquidity.");
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/** Next sqrt price after removing `amountOut` of the output token. */
export function getNextSqrtPriceFromOutput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  if (sqrtPX96 <= 0n || liquidity <= 0n)
    throw new MathRevertError("SqrtPriceMath.getNextSqrtPriceFromOutput: zero price or liquidity.");
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

/** Token0 between two sqrt prices for a liquidity, rounded as asked. */
export function getAmount0Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  const numerator1 = liquidity << RESOLUTION;
  const numerator2 = sqrtRatioBX96 - sqrtRatioAX96;
  if (sqrtRatioAX96 <= 0n) throw new MathRevertError("SqrtPriceMath.getAmount0Delta: zero price.");
  // The contract divides twice, by √B then √A (rounding up both times, or down both times); nested
  // ceilings (floors) of integer divisions equal one division by √A·√B. The first quotient cannot
  // overflow: numerator2 < √B, so it is at most numerator1 < 2^224.
  const x = numerator1 * numerator2;
  const d = sqrtRatioAX96 * sqrtRatioBX96;
  const q = x / d;
  return roundUp && q * d < x ? q + 1n : q;
}

/** Token1 between two sqrt prices for a liquidity, rounded as asked. */
export function getAmount1Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  // mulDiv(L, Δ√P, Q96) and its rounding-up twin, with the division by 2^96 as a shift (operands unsigned).
  const product = liquidity * (sqrtRatioBX96 - sqrtRatioAX96);
  const result = product >> RESOLUTION;
  if (result > MAX_UINT256) throw new MathRevertError("FullMath.mulDiv: result overflows uint256.");
  if (!roundUp || (product & Q96_MASK) === 0n) return result;
  if (result >= MAX_UINT256)
    throw new MathRevertError("FullMath.mulDivRoundingUp: result overflows uint256.");
  return result + 1n;
}

/** Signed token0 delta for a signed liquidity change (the pool's mint/burn overload). */
export function getAmount0DeltaSigned(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
): bigint {
  return liquidity < 0n
    ? -getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false)
    : getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true);
}

/** Signed token1 delta for a signed liquidity change (the pool's mint/burn overload). */
export function getAmount1DeltaSigned(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
): bigint {
  return liquidity < 0n
    ? -getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false)
    : getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true);
}
