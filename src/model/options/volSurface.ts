/**
 * A skewed, term-structured implied-vol surface whose level rises with realised stress:
 *   σ(K, T) = max(floor, σ_atm · (T / T_ref)^termSlope · m + skew · ln(K / S))
 *   m = min(maxMultiplier, 1 + stressBeta · drawdown + realisedWeight · max(0, σ_realised / σ_atm − 1))
 * `skew` < 0 makes puts richer than calls (the crypto/equity norm).
 */
export type VolSurface = {
  atmVol: number;
  skew: number;
  termSlope: number;
  /** Reference tenor in years for the term structure (30 days by default). */
  refTenorYears?: number;
  stressBeta: number;
  realisedWeight: number;
  floor?: number;
  /** Cap on the stress multiplier m (default 4): realised vol over seconds-long windows is extreme. */
  maxMultiplier?: number;
};

/** The market's stress state the surface reacts to. */
export type StressState = { drawdown: number; realisedVol: number };

/** The ATM level multiplier m of the surface in a stress state. */
export function stressMultiplier(surface: VolSurface, stress: StressState): number {
  const m =
    1 +
    surface.stressBeta * Math.max(0, stress.drawdown) +
    surface.realisedWeight * Math.max(0, stress.realisedVol / surface.atmVol - 1);
  return Math.min(m, surface.maxMultiplier ?? 4);
}

/** Implied vol for a strike and tenor at a spot, in a stress state. */
export function impliedVol(
  surface: VolSurface,
  spot: number,
  strike: number,
  timeYears: number,
  stress: StressState,
): number {
  const refTenor = surface.refTenorYears ?? 30 / 365;
  const term = timeYears > 0 ? (timeYears / refTenor) ** surface.termSlope : 1;
  const atm = surface.atmVol * term * stressMultiplier(surface, stress);
  return Math.max(surface.floor ?? 0.05, atm + surface.skew * Math.log(strike / spot));
}
