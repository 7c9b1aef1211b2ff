/** An integer token amount as a float in whole tokens (for USD figures and flows, never for decisions). */
export function toFloat(amount: bigint, decimals: number): number {
  return Number(amount) / 10 ** decimals;
}
