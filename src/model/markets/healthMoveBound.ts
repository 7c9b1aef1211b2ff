/**
 * Whether a position's side of the liquidation line (health below 1 or not) can have changed since it was
 * last read, when nothing but prices and indices moved: its health is Σ collateral_k · u_k · f_k /
 * Σ debt_j · v_j, each term scaled since the read by its asset's unit-value move (price × index), so the
 * health now lies within its health then × [min collateral move / max debt move, max collateral move /
 * min debt move]. A float bound that chooses what to read again, with `tolerance` for the protocols'
 * integer rounding; the read itself decides.
 *
 * @param parameters - the health at the read (1 = the liquidation line), each held collateral's and debt's
 *   unit-value move since (now / then), and the relative tolerance.
 * @returns false when the position is provably still on the same side.
 * @example mayCrossHealthLine({ health: 1.2, collateralMoves: [0.9], debtMoves: [1] }); // false: ≥ 1.08
 */
export function mayCrossHealthLine(parameters: {
  health: number;
  collateralMoves: readonly number[];
  debtMoves: readonly number[];
  tolerance?: number;
}): boolean {
  const { health, collateralMoves, debtMoves } = parameters;
  const tolerance = parameters.tolerance ?? 1e-6;
  if (debtMoves.length === 0) return false;
  // No collateral: never liquidatable (nothing to seize), and only a transaction can give it some.
  if (collateralMoves.length === 0) return false;
  if (!Number.isFinite(health)) return true;
  // A move that is not a positive number (a price read as 0) proves nothing.
  for (const m of [...collateralMoves, ...debtMoves]) if (!(m > 0 && Number.isFinite(m))) return true;
  const lo = Math.min(...collateralMoves) / Math.max(...debtMoves);
  const hi = Math.max(...collateralMoves) / Math.min(...debtMoves);
  return health < 1 ? health * hi >= 1 - tolerance : health * lo < 1 + tolerance;
}
