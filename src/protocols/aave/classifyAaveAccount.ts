/** Why a fork's Aave account is not run: it has no debt, or the model cannot price it. */
export type AaveAccountScope = "in scope" | "no debt" | "e-mode" | "assets outside the scenario's reserves";

/**
 * Whether the model can run an Aave account read off a fork: it must have debt, use no e-mode category
 * unless the model mirrors the Pool's e-mode (v3.6+), and borrow or post collateral only in reserves the
 * scenario lists. The user's configuration bitmap holds two bits per reserve id (bit 2·id: borrowing,
 * bit 2·id+1: collateral), so the last test is one mask.
 *
 * @param account - from the pool: total debt (base currency), e-mode category, configuration bitmap.
 * @param scenarioReserveIds - the reserve ids (`getReserveData(asset).id`) of the scenario's reserves.
 * @param options - whether the model mirrors the Pool's e-mode (v3.6 and v3.7 do).
 * @returns "in scope", or the reason it is not.
 * @example classifyAaveAccount({ totalDebtBase: 1n, eModeCategory: 0, userConfiguration: 0b0110n }, [0, 1]) // "in scope"
 */
export function classifyAaveAccount(
  account: { totalDebtBase: bigint; eModeCategory: number; userConfiguration: bigint },
  scenarioReserveIds: readonly number[],
  options: { eModeModelled?: boolean } = {},
): AaveAccountScope {
  if (account.totalDebtBase === 0n) return "no debt";
  if (account.eModeCategory !== 0 && !options.eModeModelled) return "e-mode";
  const scope = scenarioReserveIds.reduce((mask, id) => mask | (3n << (2n * BigInt(id))), 0n);
  return (account.userConfiguration & ~scope) === 0n ? "in scope" : "assets outside the scenario's reserves";
}
