import { type Address, decodeEventLog, encodeFunctionData, parseAbi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { type BlockTransaction, sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";
import {
  MORPHO_ARTIFACTS,
  morphoAdaptiveCurveIrmArtifact,
  morphoChainlinkOracleArtifact,
} from "../artifactIds.js";
import { mintTestToken } from "../tokens/mintTestToken.js";
import type { MorphoMarketAddresses, ReplicaMarketParameters, ReplicaMarketStart } from "../types.js";
import { morphoMarketId } from "./morphoMarketId.js";

/** Borrowers per seeding transaction (each ~330k gas: a contract, a mint, a supplyCollateral, a borrow). */
const SEED_CHUNK = 80;
const ZERO: Address = "0x0000000000000000000000000000000000000000";
const ERC20_TRANSFER = parseAbi(["function transfer(address to, uint256 amount) returns (bool)"]);

/**
 * One Morpho Blue market of the replica, from the contracts mainnet runs: Morpho Blue (its npm source; one
 * per market here, where mainnet has one for all), the AdaptiveCurveIrm (or none) and a
 * MorphoChainlinkOracleV2 over the replica's settable feeds (collateral feed over loan feed; a wrapped
 * collateral, Aave's static aToken, as its base vault over its asset's feed), the
 * market created with the scenario's LLTV and fee by the deployer as owner, and our MorphoLiquidator. The
 * returned `start` seeds it in the timestamp deployReplica gives (`historyDays` before block 0): the
 * suppliers' deposit, then every borrower (collateral, borrow) through MorphoBorrowerFactory, in the
 * model's order; with history, block 0 carries an `accrueInterest`, so its state is the model's to the wei.
 *
 * @returns the market's addresses, its borrowers in the model's position order (filled by `start`), and its start.
 * @throws {DeploymentError} when a deployment or a seeding transaction reverts.
 */
export async function deployMorphoReplicaMarket(
  chain: Chain,
  parameters: ReplicaMarketParameters<MorphoMarketModel>,
): Promise<{ addresses: MorphoMarketAddresses; borrowers: Address[]; start: ReplicaMarketStart }> {
  const { market, tokens, feeds, deployer, depositor } = parameters;
  const progress = parameters.onProgress;
  progress(`Morpho market "${market.id}"`);
  const loan = tokens[market.loanSymbol]!;
  const collateral = tokens[market.collateralSymbol]!;
  const morpho = await deployContract(chain, {
    from: deployer,
    artifact: MORPHO_ARTIFACTS.morpho,
    args: [deployer],
  });
  const morphoAbi = loadArtifact(MORPHO_ARTIFACTS.morpho).abi;
  const adaptiveIrm =
    market.irm === "adaptive-curve"
      ? await deployContract(chain, {
          from: deployer,
          artifact: morphoAdaptiveCurveIrmArtifact(),
          args: [morpho],
        })
      : undefined;
  const wrapper = market.wrapper;
  const oracle = await deployMorphoOracle(chain, { market, tokens, feeds, deployer });
  const params = {
    loanToken: loan.address,
    collateralToken: collateral.address,
    oracle,
    irm: adaptiveIrm ?? ZERO,
    lltv: market.lltv,
  };
  const liquidator = await deployContract(chain, {
    from: deployer,
    artifact: "morpho/MorphoLiquidator",
    args: [morpho],
  });
  const factory = await deployContract(chain, { from: deployer, artifact: "morpho/MorphoBorrowerFactory" });
  const supplied = market.seeded.supplyAssets;
  const wrappedShares = market.positions.reduce((sum, p) => sum + p.collateral, 0n);
  await mintTestToken(chain, { token: loan.address, to: depositor, amount: supplied, spender: morpho });
  const addresses: MorphoMarketAddresses = {
    morpho,
    params,
    id: morphoMarketId(params),
    ...(adaptiveIrm ? { adaptiveIrm } : {}),
    owner: deployer,
    liquidator,
  };
  const borrowers: Address[] = [];
  const call = (
    from: Address,
    to: Address,
    abi: readonly unknown[],
    functionName: string,
    args: unknown[],
    gas = 1_000_000n,
  ): BlockTransaction => ({
    from,
    to,
    gas,
    data: encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]),
  });
  const factoryAbi = loadArtifact("morpho/MorphoBorrowerFactory").abi;
  // The model's positions hold borrow shares; the factory borrows by assets, exactly what the model replayed.
  const borrowedAssets = market.seeded.borrowAssets;
  const historySeconds = BigInt(Math.round(parameters.spec.historyDays * 86_400));
  const start: ReplicaMarketStart = {
    historySeconds,
    async run(timestamp) {
      const block = async (transactions: BlockTransaction[], what: string) => {
        const receipts = await sendBlock(chain, { transactions, timestamp });
        const failed = receipts.findIndex((r) => r.status !== "success");
        if (failed >= 0 || receipts.length !== transactions.length)
          throw new DeploymentError(
            `Morpho market "${market.id}": ${what} reverted (transaction ${failed}).`,
          );
        return receipts;
      };
      await block(
        [
          call(deployer, morpho, morphoAbi, "setFeeRecipient", [deployer]),
          ...(adaptiveIrm
            ? [call(deployer, morpho, morphoAbi, "enableIrm", [adaptiveIrm])]
            : [call(deployer, morpho, morphoAbi, "enableIrm", [ZERO])]),
          call(deployer, morpho, morphoAbi, "enableLltv", [market.lltv]),
          call(deployer, morpho, morphoAbi, "createMarket", [params]),
          ...(market.market.fee > 0n
            ? [call(deployer, morpho, morphoAbi, "setFee", [params, market.market.fee])]
            : []),
          ...(supplied > 0n
            ? [call(depositor, morpho, morphoAbi, "supply", [params, supplied, 0n, depositor, "0x"])]
            : []),
          // A wrapper's shares are the depositor's (deposited with its issuer's book): the factory pays them out.
          ...(wrapper && wrappedShares > 0n
            ? [
                call(
                  depositor,
                  collateral.address,
                  ERC20_TRANSFER,
                  "transfer",
                  [factory, wrappedShares],
                  200_000n,
                ),
              ]
            : []),
        ],
        "creation",
      );
      progress(`Morpho market "${market.id}": borrowers`, 0, market.positions.length);
      for (let first = 0; first < market.positions.length; first += SEED_CHUNK) {
        const chunk = market.positions.slice(first, first + SEED_CHUNK);
        const [receipt] = await block(
          [
            call(
              deployer,
              factory,
              factoryAbi,
              "seed",
              [
                morpho,
                params,
                BigInt(first),
                chunk.map((p, k) => ({ collateral: p.collateral, borrowed: borrowedAssets[first + k]! })),
                !wrapper,
              ],
              BigInt(chunk.length) * 500_000n + 200_000n,
            ),
          ],
          "seeding borrowers",
        );
        for (const log of receipt!.logs) {
          if (log.address.toLowerCase() !== factory.toLowerCase()) continue;
          const event = decodeEventLog({ abi: factoryAbi, data: log.data, topics: log.topics });
          const args = event.args as unknown as { index: bigint; borrower: Address };
          borrowers[Number(args.index)] = args.borrower;
        }
        progress(`Morpho market "${market.id}": borrowers`, first + chunk.length, market.positions.length);
      }
    },
    // With history, block 0 accrues the market's interest (the model's `complete` did the same).
    ...(historySeconds > 0n
      ? { atBlockZero: [call(deployer, morpho, morphoAbi, "accrueInterest", [params], 300_000n)] }
      : {}),
  };
  parameters.lap(`morpho:${market.id}:deploy`);
  return { addresses, borrowers, start };
}

/**
 * The market's MorphoChainlinkOracleV2 over the replica's settable feeds: collateral feed over loan feed;
 * a wrapped collateral (Aave's static aToken) as its base vault, one whole share as the conversion sample,
 * over its asset's feed.
 */
async function deployMorphoOracle(
  chain: Chain,
  parameters: Pick<ReplicaMarketParameters<MorphoMarketModel>, "market" | "tokens" | "feeds" | "deployer">,
): Promise<Address> {
  const { market, tokens, feeds } = parameters;
  const wrapper = market.wrapper;
  const collateral = tokens[market.collateralSymbol]!;
  const loan = tokens[market.loanSymbol]!;
  return deployContract(chain, {
    from: parameters.deployer,
    artifact: morphoChainlinkOracleArtifact(),
    args: [
      wrapper ? collateral.address : ZERO,
      wrapper ? wrapper.sampleShares : 1n,
      feeds[wrapper?.underlying ?? market.collateralSymbol]!,
      ZERO,
      BigInt(collateral.decimals),
      ZERO,
      1n,
      feeds[market.loanSymbol]!,
      ZERO,
      BigInt(loan.decimals),
    ],
  });
}
