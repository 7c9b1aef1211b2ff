import { type Address, decodeEventLog, encodeFunctionData, type TransactionReceipt } from "viem";
import { loadArtifact } from "../chain/loadArtifact.js";
import { type BlockTransaction, sendBlock } from "../chain/sendBlock.js";
import type { Chain } from "../chain/types.js";
import { swap } from "../model/amm/v3/swap.js";
import { poolPriceE8 } from "../model/cascade/poolPrice.js";
import { sqrtPriceLimitForRatio } from "../model/cascade/tradeOnPool.js";
import type { CascadeAction, CascadeState, PoolModel } from "../model/cascade/types.js";
import { updateOracle } from "../model/cascade/updateOracle.js";
import type { ModelReport } from "../model/runModel.js";
import { ARTIFACTS } from "../protocols/artifactIds.js";
import type { AddressBook } from "../protocols/types.js";
import { decodeV2Swap, type V2SwapOnChain } from "../protocols/uniswap/decodeV2Swap.js";
import { measureAaveLosses } from "./measureAaveLosses.js";
import { readCascadeState } from "./readCascadeState.js";
import { scanAaveMarkets } from "./scanAaveMarkets.js";

/** One model block as the chain executed it. */
export type ChainRound = {
  block: number;
  chainBlock: string;
  /** Reference pool price after the block, on chain and in the model (USD). */
  marketPrice: number;
  modelMarketPrice: number;
  priceDiffBps: number;
  /** The underlying's feed after the block. */
  oraclePrice: number;
  hedgeVolumeUnderlying: number;
  liquidations: number;
  liquidatedDebtUsd: number;
  collateralSoldUnderlying: number;
  reverted: number;
  gasUsed: string;
  transactions: { action: number; kind: string; hash: string; status: string; gasUsed: string }[];
  /** The chain-side scan after this block (scan "every-block"): Aave positions the pools would liquidate, losses from balances. */
  scan?: {
    liquidatable: number;
    /** Aave losses from the chain's balances after the block: unbacked debt (realized) + underwater open positions. */
    badDebtUsd: number;
    /** Each scanned market's fund less its realized loss, on chain; the model's figure beside it. */
    insuranceLeftUsd: Record<string, number>;
    modelInsuranceLeftUsd: Record<string, number>;
  };
};

/** One action whose chain result differed from the model's prediction (or reverted). */
export type ActionMismatch = {
  action: number;
  block: number;
  kind: string;
  detail: string;
  expected: Record<string, string>;
  got: Record<string, string>;
};

export type ChainLoss = {
  realizedUsd: number;
  insolventOpenUsd: number;
  totalUsd: number;
  insuranceFundUsd: number;
  exceedsInsuranceFund: boolean;
  source: "chain" | "model-only";
};

export type OnChainRun = {
  backend: string;
  chainId: number;
  rounds: ChainRound[];
  actions: { total: number; executed: number; exact: number; mismatched: number; modelOnly: number };
  mismatches: ActionMismatch[];
  totals: {
    valueLiquidatedUsd: number;
    liquidations: number;
    /** The same two figures from the model's actions on the markets this chain has, priced identically. */
    modelValueLiquidatedUsd: number;
    modelLiquidations: number;
    collateralSoldUnderlying: number;
    hedgeVolumeUnderlying: number;
    gasUsed: string;
    startPrice: number;
    finalPrice: number;
    minPrice: number;
    /** Aave positions still liquidatable on chain at the end (HF < 1 with collateral left): at a fixed point, those no liquidator can profit from. */
    liquidatableLeft: number;
    badDebtByProtocol: Record<string, ChainLoss>;
  };
  /**
   * The oracle policy applied independently on the chain's side: the scenario's policy (updateOracle) fed
   * with the reference price the chain showed after each block's shock and arbitrage trades (decoded from
   * the pool's Swap events), block by block, compared with the rounds the model pushed.
   */
  oracleCheck: {
    blocks: number;
    pushes: number;
    agreed: number;
    disagreements: { block: number; symbol: string; chain: string; model: string }[];
  };
  /**
   * The liquidators' scan on the chain's side: after every block, each Aave borrower's health factor from
   * the pool itself (getUserAccountData), the positions it would liquidate compared with those the model
   * holds liquidatable at the end of the same block. Disagreements name the positions.
   */
  scanCheck: {
    mode: "every-block" | "final";
    blocks: number;
    agreed: number;
    disagreements: { block: number; market: string; chainOnly: string[]; modelOnly: string[] }[];
    /** Largest gap, over scanned blocks and markets, between the insurance fund left on chain and in the model (USD). */
    maxInsuranceGapUsd: number;
  };
  /** Liquidity Absorption Capacity measured on the real pools before the cascade (marginal-price definition): sell until −5% / −10%. */
  lac: Record<string, { at5Underlying: number; at10Underlying: number }>;
  /** Where it stopped, if it failed halfway. */
  error?: string;
};

export type RunOnChainParameters = {
  book: AddressBook;
  /** State read back off the chain before the cascade (readCascadeState). */
  initial: CascadeState;
  /** The model's actions on that state, in order (runModel's onAction). */
  actions: readonly CascadeAction[];
  model: ModelReport;
  blockTimeSeconds: number;
  /**
   * "every-block" (default): after each chain block every Aave borrower is read (scanAaveMarkets) and
   * compared with `modelLiquidatable`; rounds carry the chain's losses. "final": only at the end (sweeps,
   * SSF probes: many cascades, one question each).
   */
  scan?: "every-block" | "final";
  /** The model's liquidatable positions per block and Aave market (runModel's onLiquidatable). */
  modelLiquidatable?: ReadonlyMap<number, Readonly<Record<string, readonly number[]>>>;
  onBlock?: (round: ChainRound, doneBlocks: number, totalBlocks: number) => void;
};

const E8 = 1e8;
const bpsDiff = (a: number, b: number) => (b === 0 ? 0 : ((a - b) / b) * 10_000);

/**
 * Executes the cascade on chain: for each model block, the block's actions — shock and arbitrage trades,
 * oracle rounds (pushed as the scenario's policy decided, latency included), market makers' hedges,
 * liquidations through CascadeLiquidator with the sale of the seized collateral — are sent in the model's
 * order and mined together in one chain block at the block's timestamp. Every result is checked against
 * the model's integers; after each block the reference pool's price and the oracle are read back. At the
 * end, every Aave position is read to count what is still liquidatable and to measure bad debt from the
 * chain's own balances. Actions on markets that exist only in the model (Comet on the replica) are counted
 * as model-only; their collateral sales still run on chain so pool paths stay identical.
 *
 * Never throws for a failed transaction: mismatches and reverts are reported. If the node fails, the
 * rounds done so far are returned with `error`.
 *
 * @param chain - the chain holding the state `initial` was read from.
 * @param parameters - address book, state, actions, model report.
 * @returns per-round chain data, per-action checks, totals, LAC on the real pools.
 */
export async function runOnChain(chain: Chain, parameters: RunOnChainParameters): Promise<OnChainRun> {
  const { book, initial, actions, model } = parameters;
  const swapperAbi = loadArtifact("uniswap/PoolSwapper").abi;
  const feedAbi = loadArtifact("oracle/SettableAggregator").abi;
  const liquidatorAbi = loadArtifact("aave/CascadeLiquidator").abi;
  const poolAbi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
  const pairAbi = loadArtifact(ARTIFACTS.uniswapV2Pair).abi;
  const reference = initial.pools.find((p) => p.id === initial.referencePoolId)!;
  const referenceAddress =
    reference.kind === "uniswap-v3"
      ? book.uniswapV3.pools[reference.id]!.address
      : book.uniswapV2!.pools[reference.id]!.address;
  // The reference pool at a given price state: a v3 pool moves by sqrtPriceX96, a v2 pair by its reserves.
  const withSqrt = (sqrtPriceX96: bigint): PoolModel =>
    reference.kind === "uniswap-v3"
      ? { ...reference, state: { ...reference.state, sqrtPriceX96 } }
      : reference;
  const withReserves = (reserve0: bigint, reserve1: bigint): PoolModel =>
    reference.kind === "uniswap-v2"
      ? { ...reference, state: { ...reference.state, reserve0, reserve1 } }
      : reference;
  const priceOf = (pool: PoolModel) => Number(poolPriceE8(pool)) / E8;
  const underlying = initial.underlying.symbol;
  const decimalsOf = (symbol: string) => book.tokens[symbol]?.decimals ?? 18;
  const oracleOf = new Map(initial.oracles.map((o) => [o.symbol, Number(o.priceE8) / E8]));
  const oracleE8 = new Map(initial.oracles.map((o) => [o.symbol, o.priceE8]));

  const byBlock = new Map<number, { action: CascadeAction; index: number }[]>();
  actions.forEach((action, index) => {
    const list = byBlock.get(action.block) ?? [];
    list.push({ action, index });
    byBlock.set(action.block, list);
  });
  const blocks = [...byBlock.keys()].sort((a, b) => a - b);
  // LAC on the pools as the cascade finds them (each probe reverted), to compare with the model's.
  const lac = await measureLac(chain, { book, state: initial, poolAbi, swapperAbi });
  const genesis = (await chain.client.getBlock()).timestamp;

  // The oracle policy on the chain's side (see OnChainRun.oracleCheck).
  let refOnChain: PoolModel = reference;
  const chainMarketE8: bigint[] = [poolPriceE8(refOnChain)];
  let chainOracles = initial.oracles;
  const modelPushes = new Map<string, bigint>();
  for (const a of actions) if (a.kind === "oracle") modelPushes.set(`${a.block}:${a.symbol}`, a.priceE8);
  const oracleCheck: OnChainRun["oracleCheck"] = { blocks: 0, pushes: 0, agreed: 0, disagreements: [] };
  const stepOracles = (block: number, observed: PoolModel) => {
    chainMarketE8[block] = poolPriceE8(observed);
    oracleCheck.blocks++;
    chainOracles = chainOracles.map((o) => {
      if (o.policy.kind === "fixed") return o;
      const next = updateOracle(o, block, parameters.blockTimeSeconds, chainMarketE8);
      const pushed = next !== o;
      const model = modelPushes.get(`${block}:${o.symbol}`);
      if (pushed) oracleCheck.pushes++;
      if (pushed === (model !== undefined) && (!pushed || next.priceE8 === model)) oracleCheck.agreed++;
      else if (oracleCheck.disagreements.length < 50)
        oracleCheck.disagreements.push({
          block,
          symbol: o.symbol,
          chain: pushed ? String(next.priceE8) : "no push",
          model: model === undefined ? "no push" : String(model),
        });
      return next;
    });
  };
  /** The reference pool's states after each of its swaps in a receipt (v3 Swap, v2 Sync events). */
  const referenceSwaps = (receipt: TransactionReceipt): PoolModel[] =>
    receipt.logs
      .filter((log) => log.address.toLowerCase() === referenceAddress.toLowerCase())
      .flatMap((log) => {
        const abi = reference.kind === "uniswap-v3" ? poolAbi : pairAbi;
        const event = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: false });
        if (reference.kind === "uniswap-v3" && event.eventName === "Swap")
          return [withSqrt((event.args as unknown as { sqrtPriceX96: bigint }).sqrtPriceX96)];
        if (reference.kind === "uniswap-v2" && event.eventName === "Sync") {
          const a = event.args as unknown as { reserve0: bigint; reserve1: bigint };
          return [withReserves(a.reserve0, a.reserve1)];
        }
        return [];
      });
  let lastOracleBlock = 0;
  const scanMode = parameters.scan ?? "every-block";
  const scanCheck: OnChainRun["scanCheck"] = {
    mode: scanMode,
    blocks: 0,
    agreed: 0,
    disagreements: [],
    maxInsuranceGapUsd: 0,
  };
  const modelRoundOf = new Map(model.rounds.map((r) => [r.block, r]));

  const rounds: ChainRound[] = [];
  const mismatches: ActionMismatch[] = [];
  const counts = { total: actions.length, executed: 0, exact: 0, mismatched: 0, modelOnly: 0 };
  let expectedRef: PoolModel = reference;
  let gasTotal = 0n;
  let minPrice = priceOf(expectedRef);
  const startPrice = minPrice;
  let liquidatorTurn = 0;
  let modelValueLiquidatedUsd = 0;
  let modelLiquidations = 0;
  let error: string | undefined;

  try {
    // Trades go through PoolSwapper from the trader's or the market maker's account.
    const trader = (actor: string) =>
      actor === "trader" ? book.roles.trader : book.roles.marketMakers[actor]!;
    const swapperCall = (
      from: Address,
      gas: bigint,
      functionName: "swap" | "swapV2",
      args: readonly unknown[],
    ) => ({
      from,
      to: book.harness.swapper,
      gas,
      data: encodeFunctionData({ abi: swapperAbi, functionName, args } as Parameters<
        typeof encodeFunctionData
      >[0]),
    });
    for (const [n, block] of blocks.entries()) {
      const entries = byBlock.get(block)!;
      const sent: { index: number; action: CascadeAction }[] = [];
      const transactions: BlockTransaction[] = [];
      for (const { action, index } of entries) {
        if (action.kind === "swap") {
          const pool = book.uniswapV3.pools[action.poolId];
          if (!pool) {
            counts.modelOnly++;
            continue;
          }
          const from = trader(action.actor);
          transactions.push(
            swapperCall(from, 5_000_000n, "swap", [
              pool.address,
              action.zeroForOne,
              action.amountSpecified,
              action.sqrtPriceLimitX96,
              from,
            ]),
          );
          if (action.poolId === reference.id) expectedRef = withSqrt(action.expected.sqrtPriceX96);
        } else if (action.kind === "swapV2") {
          const pair = book.uniswapV2?.pools[action.poolId];
          if (!pair) {
            counts.modelOnly++;
            continue;
          }
          const from = trader(action.actor);
          transactions.push(
            swapperCall(from, 1_000_000n, "swapV2", [pair.address, action.zeroForOne, action.amountIn, from]),
          );
          if (action.poolId === reference.id)
            expectedRef = withReserves(action.expected.reserve0, action.expected.reserve1);
        } else if (action.kind === "oracle") {
          oracleOf.set(action.symbol, Number(action.priceE8) / E8);
          oracleE8.set(action.symbol, action.priceE8);
          const feed = book.feeds[action.symbol];
          if (!feed) {
            counts.modelOnly++;
            continue;
          }
          transactions.push({
            from: book.roles.deployer,
            to: feed,
            gas: 200_000n,
            data: encodeFunctionData({ abi: feedAbi, functionName: "setAnswer", args: [action.priceE8] }),
          });
        } else {
          if (action.salePoolId === reference.id) {
            const after = action.expected;
            if (after.saleReservesAfter) expectedRef = withReserves(...after.saleReservesAfter);
            else if (after.saleSqrtPriceX96After !== 0n) expectedRef = withSqrt(after.saleSqrtPriceX96After);
          }
          const market = book.aave[action.market];
          if (!market) {
            counts.modelOnly++;
            continue;
          }
          modelLiquidations++;
          modelValueLiquidatedUsd +=
            (Number(action.expected.debtRepaid) / 10 ** decimalsOf(action.debt)) *
            (oracleOf.get(action.debt) ?? 0);
          const from = book.roles.liquidators[liquidatorTurn++ % book.roles.liquidators.length]!;
          const job = {
            collateral: book.tokens[action.collateral]!.address,
            debt: book.tokens[action.debt]!.address,
            user: book.borrowers[action.market]![action.positionIndex]!,
            uniswapPool: (
              book.uniswapV3.pools[action.salePoolId] ?? book.uniswapV2!.pools[action.salePoolId]!
            ).address,
            uniswapV2: !book.uniswapV3.pools[action.salePoolId],
          };
          // The model knows exactly what the close factor lets a liquidator repay: borrow that much.
          transactions.push({
            from,
            to: market.liquidator,
            gas: 3_000_000n,
            data: encodeFunctionData({
              abi: liquidatorAbi,
              functionName: "liquidate",
              args: [job, action.expected.debtRepaid],
            }),
          });
        }
        sent.push({ index, action });
      }
      const receipts = await sendBlock(chain, {
        transactions,
        timestamp: genesis + BigInt(block * parameters.blockTimeSeconds),
      });
      counts.executed += receipts.length;
      // Blocks without transactions carry the price; this block's oracle sees it after shock and arbitrage.
      for (let b = lastOracleBlock + 1; b < block; b++) stepOracles(b, refOnChain);
      let observed: PoolModel | undefined;
      receipts.forEach((receipt, i) => {
        const a = sent[i]!.action;
        const beforeOracle =
          (a.kind === "swap" || a.kind === "swapV2") && (a.purpose === "shock" || a.purpose === "arbitrage");
        if (!beforeOracle && observed === undefined) observed = refOnChain;
        for (const state of referenceSwaps(receipt)) refOnChain = state;
      });
      stepOracles(block, observed ?? refOnChain);
      lastOracleBlock = block;

      const round: ChainRound = {
        block,
        chainBlock: String(receipts[0]?.blockNumber ?? 0n),
        marketPrice: 0,
        modelMarketPrice: priceOf(expectedRef),
        priceDiffBps: 0,
        oraclePrice: 0,
        hedgeVolumeUnderlying: 0,
        liquidations: 0,
        liquidatedDebtUsd: 0,
        collateralSoldUnderlying: 0,
        reverted: 0,
        gasUsed: "0",
        transactions: [],
      };
      let gas = 0n;
      receipts.forEach((receipt, i) => {
        const { index, action } = sent[i]!;
        gas += receipt.gasUsed;
        round.transactions.push({
          action: index,
          kind: actionLabel(action),
          hash: receipt.transactionHash,
          status: receipt.status,
          gasUsed: String(receipt.gasUsed),
        });
        const mismatch = checkAction(receipt, action, index, { poolAbi, liquidatorAbi, book });
        if (receipt.status !== "success") round.reverted++;
        if (mismatch) {
          counts.mismatched++;
          if (mismatches.length < 200) mismatches.push(mismatch);
        } else counts.exact++;
        if (receipt.status !== "success") return;
        if (
          (action.kind === "swap" || action.kind === "swapV2") &&
          (action.purpose === "hedge" || action.purpose === "unwind")
        ) {
          const u = reference.underlyingIsToken0 ? action.expected.amount0 : action.expected.amount1;
          round.hedgeVolumeUnderlying += Math.abs(Number(u)) / 10 ** decimalsOf(underlying);
        }
        if (action.kind === "liquidationCall") {
          const got = decodeLiquidation(receipt, liquidatorAbi);
          round.liquidations++;
          round.liquidatedDebtUsd +=
            (Number(got.debtRepaid) / 10 ** decimalsOf(action.debt)) * (oracleOf.get(action.debt) ?? 0);
          if (action.collateral === underlying)
            round.collateralSoldUnderlying += Number(got.collateralSeized) / 10 ** decimalsOf(underlying);
        }
      });
      gasTotal += gas;
      round.gasUsed = String(gas);
      if (reference.kind === "uniswap-v3") {
        const slot0 = (await chain.client.readContract({
          address: referenceAddress,
          abi: poolAbi,
          functionName: "slot0",
        })) as readonly [bigint];
        round.marketPrice = priceOf(withSqrt(slot0[0]));
      } else {
        const [reserve0, reserve1] = (await chain.client.readContract({
          address: referenceAddress,
          abi: pairAbi,
          functionName: "getReserves",
        })) as readonly [bigint, bigint];
        round.marketPrice = priceOf(withReserves(reserve0, reserve1));
      }
      round.priceDiffBps = bpsDiff(round.marketPrice, round.modelMarketPrice);
      const feed = book.feeds[underlying];
      round.oraclePrice = feed
        ? Number(
            await chain.client.readContract({ address: feed, abi: feedAbi, functionName: "latestAnswer" }),
          ) / E8
        : 0;
      if (scanMode === "every-block") {
        // Read right after the block (the latest state: a read at an older block number can run with a
        // timestamp before the reserves' last update, and Aave's interest math then underflows).
        const marketPrice = round.marketPrice;
        const scan = await scanAaveMarkets(chain, {
          book,
          state: initial,
          marketPriceOf: (symbol) => (symbol === underlying ? marketPrice : (oracleOf.get(symbol) ?? 0)),
        });
        const insuranceLeftUsd: Record<string, number> = {};
        const modelInsuranceLeftUsd: Record<string, number> = {};
        let liquidatable = 0;
        let badDebtUsd = 0;
        for (const [id, s] of Object.entries(scan)) {
          const market = initial.markets.find((m) => m.id === id)!;
          liquidatable += s.liquidatable.length;
          badDebtUsd += s.losses.realizedUsd + s.losses.insolventOpenUsd;
          const fund = market.kind === "aave-v3" ? market.insuranceFundUsd : 0;
          insuranceLeftUsd[id] = fund - s.losses.realizedUsd;
          modelInsuranceLeftUsd[id] = modelRoundOf.get(block)?.insuranceLeftUsd[id] ?? fund;
          scanCheck.maxInsuranceGapUsd = Math.max(
            scanCheck.maxInsuranceGapUsd,
            Math.abs(insuranceLeftUsd[id] - modelInsuranceLeftUsd[id]),
          );
          const expected = parameters.modelLiquidatable?.get(block)?.[id];
          if (!expected) continue;
          scanCheck.blocks++;
          const ids = (indices: readonly number[]) =>
            indices.map((i) => (market.kind === "aave-v3" ? market.positions[i]!.id : String(i)));
          const want = new Set(expected);
          const got = new Set(s.liquidatable);
          const chainOnly = s.liquidatable.filter((i) => !want.has(i));
          const modelOnly = expected.filter((i) => !got.has(i));
          if (chainOnly.length === 0 && modelOnly.length === 0) scanCheck.agreed++;
          else if (scanCheck.disagreements.length < 50)
            scanCheck.disagreements.push({
              block,
              market: id,
              chainOnly: ids(chainOnly),
              modelOnly: ids(modelOnly),
            });
        }
        round.scan = { liquidatable, badDebtUsd, insuranceLeftUsd, modelInsuranceLeftUsd };
      }
      minPrice = Math.min(minPrice, round.marketPrice);
      rounds.push(round);
      parameters.onBlock?.(round, n + 1, blocks.length);
    }
  } catch (cause) {
    error = `stopped at round ${rounds.length + 1} of ${blocks.length}: ${(cause as Error).message.split("\n")[0]}`;
  }

  if (!error) for (let b = lastOracleBlock + 1; b <= model.blocks; b++) stepOracles(b, refOnChain);

  // Final state: positions and losses from the chain's own balances.
  const final = await readCascadeState(chain, { book, base: initial });
  const finalRef = final.pools.find((p) => p.id === initial.referencePoolId)!;
  const finalPrice = Number(poolPriceE8(finalRef)) / E8;
  const priceAtMarket = (symbol: string) =>
    symbol === underlying ? finalPrice : (oracleOf.get(symbol) ?? 0);
  const badDebtByProtocol: Record<string, ChainLoss> = {};
  let liquidatableLeft = 0;
  for (const market of final.markets) {
    if (market.kind !== "aave-v3" || !book.aave[market.id]) {
      const m = model.totals.badDebtByProtocol[market.id];
      if (m) badDebtByProtocol[market.id] = { ...m, source: "model-only" };
      continue;
    }
    const losses = measureAaveLosses(market, {
      oraclePricesE8: market.reserves.map((r) => oracleE8.get(r.symbol) ?? 0n),
      marketPriceOf: priceAtMarket,
    });
    const realized = losses.realizedUsd;
    const insolvent = losses.insolventOpenUsd;
    liquidatableLeft += losses.liquidatable;
    const fund = market.insuranceFundUsd;
    badDebtByProtocol[market.id] = {
      realizedUsd: realized,
      insolventOpenUsd: insolvent,
      totalUsd: realized + insolvent,
      insuranceFundUsd: fund,
      exceedsInsuranceFund: realized + insolvent > fund,
      source: "chain",
    };
  }
  for (const [id, loss] of Object.entries(model.totals.badDebtByProtocol))
    if (!badDebtByProtocol[id]) badDebtByProtocol[id] = { ...loss, source: "model-only" };

  return {
    backend: chain.backend,
    chainId: chain.chainId,
    rounds,
    actions: counts,
    mismatches,
    totals: {
      valueLiquidatedUsd: rounds.reduce((s, r) => s + r.liquidatedDebtUsd, 0),
      liquidations: rounds.reduce((s, r) => s + r.liquidations, 0),
      modelValueLiquidatedUsd,
      modelLiquidations,
      collateralSoldUnderlying: rounds.reduce((s, r) => s + r.collateralSoldUnderlying, 0),
      hedgeVolumeUnderlying: rounds.reduce((s, r) => s + r.hedgeVolumeUnderlying, 0),
      gasUsed: String(gasTotal),
      startPrice,
      finalPrice,
      minPrice: Math.min(minPrice, finalPrice),
      liquidatableLeft,
      badDebtByProtocol,
    },
    oracleCheck,
    scanCheck,
    lac,
    ...(error ? { error } : {}),
  };
}

function decodeLiquidation(
  receipt: TransactionReceipt,
  abi: ReturnType<typeof loadArtifact>["abi"],
): { debtRepaid: bigint; collateralSeized: bigint; saleProceeds: bigint } {
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: false });
      if (event.eventName === "Liquidation")
        return event.args as unknown as {
          debtRepaid: bigint;
          collateralSeized: bigint;
          saleProceeds: bigint;
        };
    } catch {
      // other contracts' events
    }
  }
  return { debtRepaid: 0n, collateralSeized: 0n, saleProceeds: 0n };
}

/** Compares one receipt with the model's prediction; returns the mismatch, or undefined when exact. */
function checkAction(
  receipt: TransactionReceipt,
  action: CascadeAction,
  index: number,
  ctx: {
    poolAbi: ReturnType<typeof loadArtifact>["abi"];
    liquidatorAbi: ReturnType<typeof loadArtifact>["abi"];
    book: AddressBook;
  },
): ActionMismatch | undefined {
  const base = { action: index, block: action.block, kind: actionLabel(action) };
  if (receipt.status !== "success")
    return {
      ...base,
      detail: "reverted on chain",
      expected: {},
      got: { status: receipt.status, hash: receipt.transactionHash },
    };
  if (action.kind === "swap") {
    const pool = ctx.book.uniswapV3.pools[action.poolId]!.address.toLowerCase();
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== pool) continue;
      const event = decodeEventLog({ abi: ctx.poolAbi, data: log.data, topics: log.topics, strict: false });
      if (event.eventName !== "Swap") continue;
      const a = event.args as unknown as { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint };
      const e = action.expected;
      if (a.amount0 === e.amount0 && a.amount1 === e.amount1 && a.sqrtPriceX96 === e.sqrtPriceX96)
        return undefined;
      return {
        ...base,
        detail: "swap result differs from the model",
        expected: {
          amount0: String(e.amount0),
          amount1: String(e.amount1),
          sqrtPriceX96: String(e.sqrtPriceX96),
        },
        got: { amount0: String(a.amount0), amount1: String(a.amount1), sqrtPriceX96: String(a.sqrtPriceX96) },
      };
    }
    return { ...base, detail: "no Swap event", expected: {}, got: {} };
  }
  if (action.kind === "swapV2") {
    const got = decodeV2Swap(receipt.logs, ctx.book.uniswapV2!.pools[action.poolId]!.address);
    if (!got) return { ...base, detail: "no Swap/Sync event from the pair", expected: {}, got: {} };
    const e = action.expected;
    if (
      got.amount0 === e.amount0 &&
      got.amount1 === e.amount1 &&
      got.reserve0 === e.reserve0 &&
      got.reserve1 === e.reserve1
    )
      return undefined;
    const text = (v: V2SwapOnChain) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
    return { ...base, detail: "v2 swap result differs from the model", expected: text(e), got: text(got) };
  }
  if (action.kind === "oracle") return undefined;
  const got = decodeLiquidation(receipt, ctx.liquidatorAbi);
  const e = action.expected;
  if (
    got.debtRepaid === e.debtRepaid &&
    got.collateralSeized === e.collateralSeized &&
    got.saleProceeds === e.saleProceeds
  )
    return undefined;
  return {
    ...base,
    detail: `liquidation of ${action.positionId} differs from the model`,
    expected: {
      debtRepaid: String(e.debtRepaid),
      collateralSeized: String(e.collateralSeized),
      saleProceeds: String(e.saleProceeds),
    },
    got: {
      debtRepaid: String(got.debtRepaid),
      collateralSeized: String(got.collateralSeized),
      saleProceeds: String(got.saleProceeds),
    },
  };
}

/**
 * LAC on the real pools (marginal definition): from a snapshot, sell the underlying with a price limit at
 * −5% (then −10%) of the current price and read how much the pool took; revert after each probe.
 */
async function measureLac(
  chain: Chain,
  ctx: {
    book: AddressBook;
    state: CascadeState;
    poolAbi: ReturnType<typeof loadArtifact>["abi"];
    swapperAbi: ReturnType<typeof loadArtifact>["abi"];
  },
): Promise<OnChainRun["lac"]> {
  const out: OnChainRun["lac"] = {};
  for (const pool of ctx.state.pools) {
    const address = ctx.book.uniswapV3.pools[pool.id]?.address;
    if (!address || pool.kind !== "uniswap-v3") continue;
    const amounts: number[] = [];
    for (const drop of [0.05, 0.1]) {
      const snapshot = await chain.client.snapshot();
      const limit = sqrtPriceLimitForRatio(pool, BigInt(Math.round((1 - drop) * 1e18)));
      const zeroForOne = pool.underlyingIsToken0;
      // Model-side check of the probe: the same swap must not revert (e.g. at the edge of liquidity).
      swap(pool.state, { zeroForOne, amountSpecified: 1n << 128n, sqrtPriceLimitX96: limit });
      const from: Address = ctx.book.roles.trader;
      const receipts = await sendBlock(chain, {
        transactions: [
          {
            from,
            to: ctx.book.harness.swapper,
            gas: 10_000_000n,
            data: encodeFunctionData({
              abi: ctx.swapperAbi,
              functionName: "swap",
              args: [address, zeroForOne, 1n << 128n, limit, from],
            }),
          },
        ],
        timestamp: (await chain.client.getBlock()).timestamp + 1n,
      });
      let amount = 0;
      for (const log of receipts[0]?.logs ?? []) {
        if (log.address.toLowerCase() !== address.toLowerCase()) continue;
        const event = decodeEventLog({ abi: ctx.poolAbi, data: log.data, topics: log.topics, strict: false });
        if (event.eventName === "Swap") {
          const a = event.args as unknown as { amount0: bigint; amount1: bigint };
          amount =
            Number(zeroForOne ? a.amount0 : a.amount1) /
            10 ** (pool.underlyingIsToken0 ? pool.token0.decimals : pool.token1.decimals);
        }
      }
      amounts.push(amount);
      await chain.client.revert({ id: snapshot });
    }
    out[pool.id] = { at5Underlying: amounts[0]!, at10Underlying: amounts[1]! };
  }
  return out;
}

/** How an action is named in reports: `swap:hedge`, `swapV2:shock`, `oracle`, `liquidationCall`. */
function actionLabel(action: CascadeAction): string {
  return action.kind === "swap" || action.kind === "swapV2"
    ? `${action.kind}:${action.purpose}`
    : action.kind;
}
