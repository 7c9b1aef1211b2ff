// Mirrors morpho-org/morpho-blue-irm src/adaptive-curve-irm/AdaptiveCurveIrm.sol with its ExpLib, MathLib,
// UtilsLib and ConstantsLib (commit a1a87fd, solc 0.8.19): signed WAD math that truncates toward zero, as
// bigint division does.
import { MathLib } from "./MathLib.js";
import type { MorphoIrm, MorphoMarket } from "./types.js";

const WAD = 10n ** 18n;
const YEAR = 365n * 86_400n;
export const CURVE_STEEPNESS = 4n * WAD;
export const ADJUSTMENT_SPEED = (50n * WAD) / YEAR;
export const TARGET_UTILIZATION = (9n * WAD) / 10n;
export const INITIAL_RATE_AT_TARGET = (4n * WAD) / 100n / YEAR;
export const MIN_RATE_AT_TARGET = WAD / 1000n / YEAR;
export const MAX_RATE_AT_TARGET = (2n * WAD) / YEAR;

const LN_2_INT = 693_147_180_559_945_309n;
const LN_WEI_INT = -41_446_531_673_892_822_312n;
const WEXP_UPPER_BOUND = 93_859_467_695_000_404_319n;
const WEXP_UPPER_VALUE = 57_716_089_161_558_943_949_701_069_502_944_508_345_128_422_502_756_744_429_568n;

const wMulToZero = (x: bigint, y: bigint) => (x * y) / WAD;
const wDivToZero = (x: bigint, y: bigint) => (x * WAD) / y;
const bound = (x: bigint, low: bigint, high: bigint) => {
  const z = x > high ? high : x;
  return z < low ? low : z;
};

/** ExpLib.wExp: e^x in WAD, as x = q·ln 2 + r with e^r a second-order Taylor polynomial; clipped at both ends. */
export function wExp(x: bigint): bigint {
  if (x < LN_WEI_INT) return 0n;
  if (x >= WEXP_UPPER_BOUND) return WEXP_UPPER_VALUE;
  const roundingAdjustment = x < 0n ? -(LN_2_INT / 2n) : LN_2_INT / 2n;
  const q = (x + roundingAdjustment) / LN_2_INT;
  const r = x - q * LN_2_INT;
  const expR = WAD + r + (r * r) / WAD / 2n;
  return q >= 0n ? expR << q : expR >> -q;
}

function curve(rateAtTarget: bigint, err: bigint): bigint {
  const coeff = err < 0n ? WAD - wDivToZero(WAD, CURVE_STEEPNESS) : CURVE_STEEPNESS - WAD;
  return wMulToZero(wMulToZero(coeff, err) + WAD, rateAtTarget);
}

function newRateAtTarget(startRateAtTarget: bigint, linearAdaptation: bigint): bigint {
  return bound(wMulToZero(startRateAtTarget, wExp(linearAdaptation)), MIN_RATE_AT_TARGET, MAX_RATE_AT_TARGET);
}

/**
 * AdaptiveCurveIrm._borrowRate: the average borrow rate over the time since the market's last update (per
 * second, WAD) and the rate at target it ends at, from the utilisation before accrual and the stored rate
 * at target (0: the market's first interaction).
 */
export function adaptiveCurveBorrowRate(
  market: MorphoMarket,
  nowSeconds: bigint,
): { borrowRate: bigint; rateAtTarget: bigint } {
  const utilization =
    market.totalSupplyAssets > 0n ? MathLib.wDivDown(market.totalBorrowAssets, market.totalSupplyAssets) : 0n;
  const errNormFactor = utilization > TARGET_UTILIZATION ? WAD - TARGET_UTILIZATION : TARGET_UTILIZATION;
  const err = wDivToZero(utilization - TARGET_UTILIZATION, errNormFactor);
  const startRateAtTarget = market.rateAtTarget;
  let avgRateAtTarget: bigint;
  let endRateAtTarget: bigint;
  if (startRateAtTarget === 0n) {
    avgRateAtTarget = INITIAL_RATE_AT_TARGET;
    endRateAtTarget = INITIAL_RATE_AT_TARGET;
  } else {
    const speed = wMulToZero(ADJUSTMENT_SPEED, err);
    const elapsed = nowSeconds - market.lastUpdate;
    const linearAdaptation = speed * elapsed;
    if (linearAdaptation === 0n) {
      avgRateAtTarget = startRateAtTarget;
      endRateAtTarget = startRateAtTarget;
    } else {
      endRateAtTarget = newRateAtTarget(startRateAtTarget, linearAdaptation);
      const midRateAtTarget = newRateAtTarget(startRateAtTarget, linearAdaptation / 2n);
      avgRateAtTarget = (startRateAtTarget + endRateAtTarget + 2n * midRateAtTarget) / 4n;
    }
  }
  return { borrowRate: curve(avgRateAtTarget, err), rateAtTarget: endRateAtTarget };
}

/** The AdaptiveCurveIrm as the market's IRM. */
export const adaptiveCurveIrm: MorphoIrm = adaptiveCurveBorrowRate;
