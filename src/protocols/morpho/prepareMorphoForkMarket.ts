import { type Address, type Hex, parseAbi, zeroAddress } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { NotADevNodeError } from "../../errors/NotADevNodeError.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";
import { MORPHO_ARTIFACTS, morphoChainlinkOracleArtifact } from "../artifactIds.js";
import type { ForkMarketParameters, ForkMarketPreparation } from "../prepareForkMarket.js";
import type { MorphoMarketAddresses } from "../types.js";
import { selectMorphoForkBorrowers } from "./selectMorphoForkBorrowers.js";

const ORACLE_ABI = parseAbi([
  "function BASE_VAULT() view returns (address)",
  "function QUOTE_VAULT() view returns (address)",
  "function BASE_FEED_1() view returns (address)",
  "function BASE_FEED_2() view returns (address)",
  "function QUOTE_FEED_1() view returns (address)",
  "function QUOTE_FEED_2() view returns (address)",
]);
const FEED_ABI = parseAbi([
  "function decimals() view returns (uint8)",
  "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
]);
const IRM_ABI = parseAbi([
  "function MORPHO() view returns (address)",
  "function rateAtTarget(bytes32) view returns (int256)",
]);

/**
 * One Morpho Blue market of a fork made to fit the model: its parameters read from Morpho
 * (`idToMarketParams`), its tokens checked against the scenario's, its IRM the AdaptiveCurveIrm (answering
 * `MORPHO()` and `rateAtTarget`) or none, its oracle a single-feed, vault-less MorphoChainlinkOracleV2 whose
 * code is replaced in place by one over DLCM's settable feeds (the same immutables but the feeds), and our
 * MorphoLiquidator deployed for it. Borrowers come from a list or from Morpho's Borrow events; those with
 * borrow shares in this market are in scope, the largest first.
 *
 * @returns the preparation, or why the market is excluded.
 * @throws {NotADevNodeError} when the node was not proven to be a dev node (the oracle's code is replaced).
 */
export async function prepareMorphoForkMarket(
  chain: Chain,
  p: ForkMarketParameters<MorphoMarketModel>,
  at: { morpho: Address; id: Hex },
): Promise<ForkMarketPreparation> {
  if (!chain.devNode)
    throw new NotADevNodeError("Refusing to replace code: the node was not proven to be a dev node.");
  const { market } = p;
  const morphoAbi = loadArtifact(MORPHO_ARTIFACTS.morpho).abi;
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    chain.client.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  const [loanToken, collateralToken, oracle, irm, lltv] = await read<
    readonly [Address, Address, Address, Address, bigint]
  >(at.morpho, morphoAbi, "idToMarketParams", [at.id]);
  const token = (symbol: string) => p.tokens[symbol]?.address.toLowerCase();
  if (lltv === 0n)
    return { excluded: `Morpho market ${at.id} of "${market.id}" does not exist at ${at.morpho}.` };
  if (
    loanToken.toLowerCase() !== token(market.loanSymbol) ||
    collateralToken.toLowerCase() !== token(market.collateralSymbol)
  )
    return {
      excluded: `Morpho market ${at.id} lends ${loanToken} against ${collateralToken}, not the scenario's ${market.loanSymbol} against ${market.collateralSymbol}.`,
    };
  let irmKind: MorphoMarketModel["irm"] = "none";
  let adaptiveIrm: Address | undefined;
  if (irm !== zeroAddress) {
    const answers = await Promise.all([
      read<Address>(irm, IRM_ABI, "MORPHO"),
      read<bigint>(irm, IRM_ABI, "rateAtTarget", [at.id]),
    ]).catch(() => undefined);
    if (!answers || answers[0].toLowerCase() !== at.morpho.toLowerCase())
      return {
        excluded: `Morpho market "${market.id}": its IRM ${irm} is not an AdaptiveCurveIrm of this Morpho (the model mirrors only that one).`,
      };
    irmKind = "adaptive-curve";
    adaptiveIrm = irm;
  }
  const feedsOf = await Promise.all(
    ["BASE_VAULT", "QUOTE_VAULT", "BASE_FEED_1", "BASE_FEED_2", "QUOTE_FEED_1", "QUOTE_FEED_2"].map((f) =>
      read<Address>(oracle, ORACLE_ABI, f).catch(() => undefined),
    ),
  );
  if (feedsOf.some((a) => a === undefined))
    return {
      excluded: `Morpho market "${market.id}": its oracle ${oracle} is not a MorphoChainlinkOracleV2.`,
    };
  const [baseVault, quoteVault, baseFeed, baseFeed2, quoteFeed, quoteFeed2] = feedsOf as Address[];
  if (
    [baseVault, quoteVault, baseFeed2, quoteFeed2].some((a) => a !== zeroAddress) ||
    quoteFeed === zeroAddress
  )
    return {
      excluded: `Morpho market "${market.id}": its oracle reads vaults or two feeds a side (the model prices one collateral feed over one loan feed).`,
    };
  const edits: string[] = [];
  const pricesE8: Record<string, bigint> = {};
  for (const [symbol, feed] of [
    [market.collateralSymbol, baseFeed],
    [market.loanSymbol, quoteFeed],
  ] as const) {
    const [decimals, round] = await Promise.all([
      read<number>(feed!, FEED_ABI, "decimals"),
      read<readonly [bigint, bigint, bigint, bigint, bigint]>(feed!, FEED_ABI, "latestRoundData"),
    ]);
    if (decimals !== 8)
      return {
        excluded: `Morpho market "${market.id}": its ${symbol} feed has ${decimals} decimals, not 8.`,
      };
    pricesE8[symbol] = round[1];
    p.feeds[symbol] ??= await deployContract(chain, {
      from: p.deployer,
      artifact: "oracle/SettableAggregator",
      args: [8, round[1]],
    });
  }
  const instance = await deployContract(chain, {
    from: p.deployer,
    artifact: morphoChainlinkOracleArtifact(),
    args: [
      zeroAddress,
      1n,
      p.feeds[market.collateralSymbol]!,
      zeroAddress,
      BigInt(market.collateralDecimals),
      zeroAddress,
      1n,
      p.feeds[market.loanSymbol]!,
      zeroAddress,
      BigInt(market.loanDecimals),
    ],
  });
  await chain.client.setCode({
    address: oracle,
    bytecode: (await chain.client.getCode({ address: instance }))!,
  });
  edits.push(
    `${market.id}: Morpho oracle ${oracle} replaced in place by a MorphoChainlinkOracleV2 over DLCM's settable ${market.collateralSymbol} and ${market.loanSymbol} feeds`,
  );
  const liquidator = await deployContract(chain, {
    from: p.deployer,
    artifact: "morpho/MorphoLiquidator",
    args: [at.morpho],
  });
  const addresses: MorphoMarketAddresses = {
    morpho: at.morpho,
    params: { loanToken, collateralToken, oracle, irm, lltv },
    id: at.id,
    ...(adaptiveIrm ? { adaptiveIrm } : {}),
    owner: await read<Address>(at.morpho, morphoAbi, "owner"),
    liquidator,
  };
  const selected = await selectMorphoForkBorrowers(chain, { ...p, morpho: at.morpho, marketId: at.id });
  return {
    book: { aave: {}, morpho: { [market.id]: addresses } },
    borrowers: selected.run,
    stats: selected.stats,
    edits,
    pricesE8,
    rules: `Morpho Blue, its own market (LLTV ${Number(lltv) / 1e18}, ${irmKind === "none" ? "no IRM" : "AdaptiveCurveIrm"})`,
    shape: (variant) => {
      const v = variant as MorphoMarketModel;
      return {
        ...v,
        irm: irmKind,
        lltv,
        seeded: { supplyAssets: 0n, borrowAssets: [] },
        positions: selected.run.map((a) => ({
          id: a.toLowerCase(),
          supplyShares: 0n,
          borrowShares: 0n,
          collateral: 0n,
        })),
      } satisfies MorphoMarketModel;
    },
  };
}
