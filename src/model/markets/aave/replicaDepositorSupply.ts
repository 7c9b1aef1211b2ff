/**
 * What the replica's depositor supplies to a reserve before the borrowers open their positions: twice the
 * reserve's total debt plus one whole token (so borrows and the liquidators' flash loans find liquidity),
 * nothing to a reserve nobody borrows. The model's starting cash of a replica reserve follows from it.
 *
 * @param totalDebt - the reserve's debt over all positions (asset units).
 * @param decimals - the asset's decimals.
 * @returns the depositor's supply (asset units).
 * @example replicaDepositorSupply(1_000_000n, 6) // 3_000_000n
 */
export function replicaDepositorSupply(totalDebt: bigint, decimals: number): bigint {
  return totalDebt === 0n ? 0n : totalDebt * 2n + 10n ** BigInt(decimals);
}
