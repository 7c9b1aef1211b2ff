import { type Address, decodeEventLog, encodeFunctionData, type TransactionReceipt, toHex } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { type BlockTransaction, sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type {
  AaveEModeCategory,
  AavePosition,
  AaveReserve,
  AaveVersionProfile,
} from "../../model/lending/aave/types.js";
import { replicaDepositorSupply } from "../../model/markets/aave/replicaDepositorSupply.js";
import { unopenableAtSeeding } from "../../model/markets/aave/unopenableAtSeeding.js";
import { ARTIFACTS } from "../artifactIds.js";
import { mintTestToken } from "../tokens/mintTestToken.js";

export type SeedAaveBorrowersParameters = {
  admin: Address;
  depositor: Address;
  pool: Address;
  poolConfigurator: Address;
  /** The market's code: its health factor decides which positions can be opened. */
  profile: AaveVersionProfile;
  /** Model reserves, in the order of the positions' arrays, with their token addresses. */
  reserves: readonly (AaveReserve & { asset: Address })[];
  /** Oracle prices (8 decimals) the chain's oracle shows while seeding, per reserve. */
  pricesE8: readonly bigint[];
  positions: readonly AavePosition[];
  /** Per reserve, what other holders supplied before the book (static aTokens); the depositor supplies less by it. */
  wrapped?: readonly bigint[];
  /** The market's e-mode categories (v3.6+), for positions in one. */
  eModeCategories?: readonly AaveEModeCategory[];
  /** Borrowers per transaction; default 40 (about 0.4M gas each). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Opens every model position on the real pool: one SeededBorrower contract per position mints its
 * collateral, supplies it and borrows its debt, many per transaction. Positions at health factors below
 * LTV/LT (which a real user reaches only as prices move) are opened with each reserve's LTV raised to its
 * liquidation threshold for the duration of the seeding, then restored (a position in an e-mode category
 * enters it first; the caller raises the category's LTV the same way: see deployAaveReplicaMarket). A depositor supplies first what
 * gives each reserve the model's cash (by default twice its total debt: replicaDepositorSupply), so borrows
 * and liquidators' flash loans find liquidity.
 * With zero rates the indices stay at 1 ray, so the scaled balances on chain equal the model's exactly.
 *
 * @param chain - a running dev chain (replica: test tokens with open mint).
 * @param parameters - market, reserves, prices, positions.
 * @returns the borrower address of each position, in order.
 * @throws {DeploymentError} when a position's health factor is below 1 at the seeding prices.
 */
export async function seedAaveBorrowers(
  chain: Chain,
  parameters: SeedAaveBorrowersParameters,
): Promise<Address[]> {
  const { reserves, positions, pool } = parameters;
  const below = unopenableAtSeeding(
    reserves,
    positions,
    parameters.pricesE8,
    parameters.profile,
    parameters.eModeCategories,
  );
  if (below.length > 0)
    throw new DeploymentError(
      `${below.length} positions start with a health factor below 1 and cannot be opened.`,
      {
        metaMessages: [`First: ${below[0]!.id}`, "Raise the generator's healthFactor minimum to at least 1."],
      },
    );
  const configuratorAbi = loadArtifact(ARTIFACTS.aavePoolConfigurator).abi;
  const poolAbi = loadArtifact(ARTIFACTS.aavePool).abi;
  const configure = (asset: Address, ltv: bigint, r: AaveReserve) =>
    writeContract(chain, {
      from: parameters.admin,
      address: parameters.poolConfigurator,
      abi: configuratorAbi,
      functionName: "configureReserveAsCollateral",
      args: [asset, ltv, r.liquidationThresholdBps, r.liquidationBonusBps],
    });

  // While seeding, the depositor also lends each reserve's whole debt once more (taken back afterwards), so
  // no borrower waits for collateral that a later borrower supplies.
  const buffers: bigint[] = [];
  for (const [i, r] of reserves.entries()) {
    const debt = positions.reduce((sum, p) => sum + p.scaledDebt[i]!, 0n);
    const collateral = positions.reduce((sum, p) => sum + p.scaledCollateral[i]!, 0n);
    // The model's cash of the reserve is what the depositor's supply leaves after the book: supply it.
    const kept =
      r.cash !== undefined
        ? r.cash + debt - collateral - (parameters.wrapped?.[i] ?? 0n)
        : replicaDepositorSupply(debt, r.decimals);
    buffers.push(debt);
    const amount = kept + debt;
    if (amount === 0n) continue;
    await mintTestToken(chain, { token: r.asset, to: parameters.depositor, amount, spender: pool });
    await writeContract(chain, {
      from: parameters.depositor,
      address: pool,
      abi: poolAbi,
      functionName: "supply",
      args: [r.asset, amount, parameters.depositor, 0],
    });
  }
  for (const r of reserves)
    if (r.liquidationThresholdBps > 0n && r.ltvBps < r.liquidationThresholdBps)
      await configure(r.asset, r.liquidationThresholdBps, r);

  const factory = await deployContract(chain, { from: parameters.admin, artifact: "aave/BorrowerFactory" });
  const factoryAbi = loadArtifact("aave/BorrowerFactory").abi;
  const borrowers: Address[] = new Array(positions.length);
  const batchSize = parameters.batchSize ?? 40;
  const batches: { start: number; transaction: BlockTransaction }[] = [];
  for (let start = 0; start < positions.length; start += batchSize) {
    const batch = positions.slice(start, start + batchSize).map((p) => {
      const collateral = reserves.flatMap((r, i) =>
        p.scaledCollateral[i]! > 0n ? [[r.asset, p.scaledCollateral[i]!] as const] : [],
      );
      const debt = reserves.flatMap((r, i) =>
        p.scaledDebt[i]! > 0n ? [[r.asset, p.scaledDebt[i]!] as const] : [],
      );
      return {
        eModeCategory: p.eModeCategory ?? 0,
        collateral: collateral.map((c) => c[0]),
        supplied: collateral.map((c) => c[1]),
        debt: debt.map((d) => d[0]),
        borrowed: debt.map((d) => d[1]),
      };
    });
    batches.push({
      start,
      transaction: {
        from: parameters.admin,
        to: factory,
        gas: 29_000_000n,
        data: encodeFunctionData({
          abi: factoryAbi,
          functionName: "seed",
          args: [pool, BigInt(start), batch],
        }),
      },
    });
  }
  // Several batches a block (the block's gas limit raised while seeding): a block's own cost on a large
  // state (its state root) is paid once for them all.
  await seedInBlocks(chain, batches, (receipt, start) => {
    if (receipt.status !== "success")
      throw new DeploymentError(
        `Seeding the Aave borrowers from #${start} reverted (tx ${receipt.transactionHash}).`,
      );
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== factory.toLowerCase()) continue;
      const event = decodeEventLog({ abi: factoryAbi, data: log.data, topics: log.topics, strict: false });
      if (event.eventName === "BorrowerSeeded") {
        const args = event.args as unknown as { index: bigint; borrower: Address };
        borrowers[Number(args.index)] = args.borrower;
      }
    }
    parameters.onProgress?.(Math.min(start + batchSize, positions.length), positions.length);
  });
  for (const r of reserves)
    if (r.liquidationThresholdBps > 0n && r.ltvBps < r.liquidationThresholdBps)
      await configure(r.asset, r.ltvBps, r);
  for (const [i, r] of reserves.entries())
    if (buffers[i]! > 0n)
      await writeContract(chain, {
        from: parameters.depositor,
        address: pool,
        abi: poolAbi,
        functionName: "withdraw",
        args: [r.asset, buffers[i]!, parameters.depositor],
      });
  return borrowers;
}

/** Blocks of seeding transactions: this many a block, the block's gas limit raised to hold them meanwhile. */
const SEED_TXS_PER_BLOCK = 8;

/**
 * Mines the seeding transactions `SEED_TXS_PER_BLOCK` to a block (each at the next second), with the
 * chain's block gas limit raised to hold them and put back after; hands each receipt, in order, to `each`.
 */
async function seedInBlocks(
  chain: Chain,
  batches: readonly { start: number; transaction: BlockTransaction }[],
  each: (receipt: TransactionReceipt, start: number) => void,
): Promise<void> {
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  const limit = (await chain.client.getBlock()).gasLimit;
  const raised = 29_000_000n * BigInt(SEED_TXS_PER_BLOCK) + 1_000_000n;
  await ask({ method: "evm_setBlockGasLimit", params: [toHex(raised)] });
  try {
    for (let k = 0; k < batches.length; k += SEED_TXS_PER_BLOCK) {
      const group = batches.slice(k, k + SEED_TXS_PER_BLOCK);
      const latest = await chain.client.getBlock();
      const receipts = await sendBlock(chain, {
        timestamp: latest.timestamp + 1n,
        transactions: group.map((g) => g.transaction),
      });
      receipts.forEach((r, i) => each(r, group[i]!.start));
    }
  } finally {
    await ask({ method: "evm_setBlockGasLimit", params: [toHex(limit)] });
  }
}
