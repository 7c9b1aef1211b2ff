/**
 * EIP-1559's base fee of the next block, in wei, as the specification computes it in integers: the gas
 * target is half the limit (elasticity 2); above it the fee rises by fee · (used − target) / target / 8,
 * at least 1 wei; below it, it falls by fee · (target − used) / target / 8.
 *
 * @param parent - the block's base fee (wei), gas used and gas limit.
 * @returns the next block's base fee, wei.
 * @example nextBaseFee({ baseFeeWei: 10n ** 9n, gasUsed: 30_000_000n, gasLimit: 30_000_000n }); // 1.125 gwei
 */
export function nextBaseFee(parent: { baseFeeWei: bigint; gasUsed: bigint; gasLimit: bigint }): bigint {
  const target = parent.gasLimit / ELASTICITY_MULTIPLIER;
  const { baseFeeWei, gasUsed } = parent;
  if (gasUsed === target) return baseFeeWei;
  if (gasUsed > target) {
    const delta = (baseFeeWei * (gasUsed - target)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return baseFeeWei + (delta > 1n ? delta : 1n);
  }
  return baseFeeWei - (baseFeeWei * (target - gasUsed)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
}

const ELASTICITY_MULTIPLIER = 2n;
const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;
