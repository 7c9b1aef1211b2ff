import { erc20Abi, type Hex, parseAbi, type TransactionReceipt } from "viem";
import { loadArtifact } from "../chain/loadArtifact.js";
import { sendBlock, setNextBaseFee, withAutomineOff } from "../chain/sendBlock.js";
import { tracedRevert } from "../chain/tracedRevert.js";
import type { Chain } from "../chain/types.js";
import type { CascadeAction } from "../model/cascade/types.js";
import { ARTIFACTS } from "../protocols/artifactIds.js";
import { createChainBridge } from "../protocols/bridge/createChainBridge.js";
import { createChainMarkets } from "../protocols/createChainMarkets.js";
import { buildBlockTransactions, type SentAction } from "./chainLoop/buildBlockTransactions.js";
import { checkRace } from "./chainLoop/checkRace.js";
import { checkReceipts } from "./chainLoop/checkReceipts.js";
import { createOracleCheck } from "./chainLoop/createOracleCheck.js";
import { createReferencePool } from "./chainLoop/createReferencePool.js";
import { measureChainLosses } from "./chainLoop/measureChainLosses.js";
import { measureLac } from "./chainLoop/measureLac.js";
import { readPegPools } from "./chainLoop/readPegPools.js";
import { scanAfterBlock } from "./chainLoop/scanAfterBlock.js";
import type { ChainLoop, ChainRound, OnChainRun, RunOnChainParameters } from "./chainLoop/types.js";

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
  const loop = createLoop(chain, parameters);
  const feedAbi = loop.abis.feed;
  const underlying = initial.underlying.symbol;
  const byBlock = groupByBlock(actions);
  const blocks = [...byBlock.keys()].sort((a, b) => a - b);
  // LAC on the pools as the cascade finds them (each probe reverted), to compare with the model's.
  const lac = await measureLac(chain, {
    book,
    state: initial,
    poolAbi: loop.abis.pool,
    swapperAbi: loop.abis.swapper,
  });
  const genesis = (await chain.client.getBlock()).timestamp;
  // Admin calls whose effect is a time (Aave's grace period) are checked against their block's timestamp.
  loop.observeContext.blockTimestamp = (block) => genesis + BigInt(block * parameters.blockTimeSeconds);
  // Each pegged asset's own pool as the chain shows it before a block's sales (the shock and arbitrage
  // leave it alone): what that block's oracles observe.
  let pegPools = await readPegPools(chain, { book, initial });
  const oracles = createOracleCheck({
    oracles: initial.oracles,
    pegs: initial.pegs,
    observed: { reference: loop.reference.model, pegPools },
    actions,
    blockTimeSeconds: parameters.blockTimeSeconds,
  });
  const scanMode = parameters.scan ?? "every-block";
  const scanCheck: OnChainRun["scanCheck"] = {
    mode: scanMode,
    blocks: 0,
    agreed: 0,
    disagreements: [],
    maxInsuranceGapUsd: 0,
  };
  const rounds: ChainRound[] = [];
  let lastOracleBlock = 0;
  let gasTotal = 0n;
  let minPrice = loop.reference.priceOf(loop.expectedRef);
  const startPrice = minPrice;
  let error: string | undefined;
  try {
    // Automine stays off for the whole cascade: each block is mined by sendBlock.
    await withAutomineOff(chain, async () => {
      for (const [n, block] of blocks.entries()) {
        // 1. The model's block as transactions, mined together at the block's timestamp.
        const built = buildBlockTransactions(loop, byBlock.get(block)!);
        const { baseFeeWei } = built;
        // Receipts in the order the node mined them (with competing bots, its fee order).
        const { receipts, sent } = inMinedOrder(
          await sendBlock(chain, {
            transactions: built.transactions,
            timestamp: genesis + BigInt(block * parameters.blockTimeSeconds),
            ...(baseFeeWei !== undefined ? { baseFeeWei } : {}),
            automineOff: true,
          }),
          built.sent,
        );
        loop.counts.executed += receipts.length;
        // 2. The oracle policy on the chain's side: blocks without transactions carry the price; this
        // block's oracle sees it after shock and arbitrage.
        for (let b = lastOracleBlock + 1; b < block; b++)
          oracles.step(b, { reference: loop.refOnChain, pegPools });
        oracles.step(block, { reference: observeReference(loop, receipts, sent), pegPools });
        if (initial.pegs.length > 0) pegPools = await readPegPools(chain, { book, initial });
        lastOracleBlock = block;
        // 3. Every receipt against the model, then the pool's price and the feed read back.
        const round = emptyRound(
          block,
          String(receipts[0]?.blockNumber ?? 0n),
          loop.reference.priceOf(loop.expectedRef),
        );
        const known = loop.mismatches.length;
        const gas = checkReceipts(loop, round, receipts, sent);
        // A revert the model did not expect is explained now, while the node still has the block's parent
        // state (a local chain of many borrowers keeps no older states: createChain's pastStates).
        await explainReverts(loop, known);
        if (baseFeeWei !== undefined)
          checkRace(loop, { block, receipts, sent, baseFeeWei, botIds: parameters.botIds ?? [] });
        gasTotal += gas;
        round.gasUsed = String(gas);
        round.marketPrice = await loop.reference.readPrice(chain);
        round.priceDiffBps = bpsDiff(round.marketPrice, round.modelMarketPrice);
        const feed = book.feeds[underlying];
        round.oraclePrice = feed
          ? Number(
              await chain.client.readContract({ address: feed, abi: feedAbi, functionName: "latestAnswer" }),
            ) / 1e8
          : 0;
        // 4. The liquidators' scan on the chain's side.
        if (scanMode === "every-block") await scanAfterBlock(loop, round, scanCheck);
        minPrice = Math.min(minPrice, round.marketPrice);
        rounds.push(round);
        parameters.onBlock?.(round, n + 1, blocks.length);
      }
    });
  } catch (cause) {
    error = `stopped at round ${rounds.length + 1} of ${blocks.length}: ${(cause as Error).message.split("\n")[0]}`;
  }
  // A race leaves the node's base fee where its last block put it, and anvil keeps it across evm_revert:
  // back to 0, so whatever is sent next (another variant, a plain transaction) pays as before.
  if (loop.race) await setNextBaseFee(chain, 0n).catch(() => {});
  if (!error)
    for (let b = lastOracleBlock + 1; b <= model.blocks; b++)
      oracles.step(b, { reference: loop.refOnChain, pegPools });

  // 5. The final state: positions and losses from the chain's own balances.
  const { badDebtByProtocol, liquidatableLeft, finalPrice } = await measureChainLosses(loop);
  const daoBackstop = await readDaoBackstop(loop, finalPrice);
  const heldATokens = await readHeldATokens(loop);
  if (loop.race) await readBotContracts(loop, loop.race);
  return {
    backend: chain.backend,
    chainId: chain.chainId,
    rounds,
    actions: loop.counts,
    mismatches: loop.mismatches,
    totals: {
      valueLiquidatedUsd: rounds.reduce((s, r) => s + r.liquidatedDebtUsd, 0),
      liquidations: rounds.reduce((s, r) => s + r.liquidations, 0),
      modelValueLiquidatedUsd: loop.modelValueLiquidatedUsd,
      modelLiquidations: loop.modelLiquidations,
      collateralSoldUnderlying: rounds.reduce((s, r) => s + r.collateralSoldUnderlying, 0),
      hedgeVolumeUnderlying: rounds.reduce((s, r) => s + r.hedgeVolumeUnderlying, 0),
      gasUsed: String(gasTotal),
      startPrice,
      finalPrice,
      minPrice: Math.min(minPrice, finalPrice),
      liquidatableLeft,
      badDebtByProtocol,
    },
    oracleCheck: oracles.result,
    ...(loop.race ? { race: loop.race } : {}),
    scanCheck,
    lac,
    ...(daoBackstop ? { daoBackstop } : {}),
    ...(heldATokens ? { heldATokens } : {}),
    ...(error ? { error } : {}),
  };
}

/** The DAO's fund read off its contract at the end: its stablecoins, what it bought, its P&L at `finalPrice`. */
async function readDaoBackstop(loop: ChainLoop, finalPrice: number): Promise<OnChainRun["daoBackstop"]> {
  const policy = loop.parameters.initial.dao?.backstop;
  const address = loop.book.harness.daoBackstop;
  if (!policy?.enabled || !address) return undefined;
  const { initial } = loop.parameters;
  const balance = (symbol: string) =>
    loop.chain.client.readContract({
      address: loop.book.tokens[symbol]!.address,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [address],
    });
  const stable = await balance(policy.asset);
  const underlying = await balance(initial.underlying.symbol);
  // What it was sent (nothing, when its trigger never fired): its P&L is against that.
  const funded = loop.parameters.actions.reduce((s, a) => (a.kind === "backstopFund" ? s + a.amount : s), 0n);
  const units = (x: bigint, decimals: number) => Number(x) / 10 ** decimals;
  const pnlUsd =
    units(stable - funded, initial.quote.decimals) +
    units(underlying, initial.underlying.decimals) * finalPrice;
  return { stable: String(stable), underlying: String(underlying), pnlUsd };
}

/**
 * Each transaction that reverted where the model says it goes through (the mismatches from `from` on, the
 * block just checked) gets its reason from the node's call trace (anvil's debug_traceTransaction; none on
 * nodes without it), the first 20 of a run.
 */
async function explainReverts(loop: ChainLoop, from: number): Promise<void> {
  const ask = loop.chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  const unexpected = (m: ChainLoop["mismatches"][number]) => m.got.status === "reverted" && m.got.hash;
  // Every earlier block's were traced when their block was checked: what is left of the 20 follows.
  const traced = loop.mismatches.slice(0, from).filter(unexpected).length;
  const reverted = loop.mismatches
    .slice(from)
    .filter(unexpected)
    .slice(0, Math.max(0, 20 - traced));
  if (reverted.length === 0) return;
  const abi = loadArtifact("aave/CascadeLiquidator").abi;
  for (const m of reverted) {
    const reason =
      (await tracedRevert(ask, m.got.hash as Hex, abi)) ?? (await deepestError(ask, m.got.hash as Hex));
    if (reason) m.got = { ...m.got, reason };
  }
}

/** The innermost failing call's error in a mined transaction's call trace ("out of gas in a call to 0x…"). */
async function deepestError(
  ask: (args: { method: string; params: unknown[] }) => Promise<unknown>,
  hash: Hex,
): Promise<string | undefined> {
  type Frame = { to?: string; error?: string; calls?: Frame[] };
  try {
    const trace = (await ask({
      method: "debug_traceTransaction",
      params: [hash, { tracer: "callTracer" }],
    })) as Frame;
    let found: Frame | undefined;
    const walk = (f: Frame) => {
      if (f.error) found = f;
      for (const c of f.calls ?? []) walk(c);
    };
    walk(trace);
    return found?.error ? `${found.error} in a call to ${found.to}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Each bot's own liquidator contract on each Aave market and, for a bot with capital of its own, what that
 * contract holds at the end of its capital's assets (balanceOf), into the chain's bot totals beside the
 * model's inventories.
 */
async function readBotContracts(loop: ChainLoop, race: NonNullable<ChainLoop["race"]>): Promise<void> {
  const bots = loop.parameters.initial.liquidators.bots ?? [];
  for (const [i, bot] of bots.entries()) {
    if (!race.bots[i]) continue;
    const contracts: Record<string, string> = {};
    const inventory: Record<string, Record<string, string>> = {};
    for (const [market, addresses] of Object.entries(loop.book.aave)) {
      const contract = addresses.bots?.[i];
      if (!contract) continue;
      contracts[market] = contract;
      if (!bot.capital) continue;
      inventory[market] = {};
      for (const symbol of Object.keys(bot.capital)) {
        const token = loop.book.tokens[symbol];
        if (!token) continue;
        const units = await loop.chain.client.readContract({
          address: token.address,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [contract],
        });
        inventory[market][symbol] = String(units);
      }
    }
    race.bots[i]!.contracts = contracts;
    if (bot.capital) race.bots[i]!.inventory = inventory;
  }
}

/**
 * With liquidators that take aTokens: the scaled aTokens each Aave market's liquidator contract still holds
 * at the end (`scaledBalanceOf`), per reserve, to set beside the model's (CascadeResult.heldATokens).
 */
async function readHeldATokens(loop: ChainLoop): Promise<OnChainRun["heldATokens"]> {
  const { initial } = loop.parameters;
  if (initial.liquidators.whenCashShort !== "receive-atoken") return undefined;
  const abi = parseAbi(["function scaledBalanceOf(address) view returns (uint256)"]);
  const out: NonNullable<OnChainRun["heldATokens"]> = [];
  for (const [market, addresses] of Object.entries(loop.book.aave))
    for (const [asset, { aToken }] of Object.entries(addresses.reserves)) {
      const scaled = await loop.chain.client.readContract({
        address: aToken,
        abi,
        functionName: "scaledBalanceOf",
        args: [addresses.liquidator],
      });
      if (scaled > 0n) out.push({ market, asset, scaled: String(scaled) });
    }
  return out;
}

/** The chain loop's state at the start: ABIs, the reference pool, the markets on chain, counters. */
function createLoop(chain: Chain, parameters: RunOnChainParameters): ChainLoop {
  const { book, initial, actions } = parameters;
  const reference = createReferencePool(book, initial);
  const oracleUsd = new Map(initial.oracles.map((o) => [o.symbol, Number(o.priceE8) / 1e8]));
  return {
    chain,
    parameters,
    book,
    reference,
    markets: createChainMarkets(chain, { book, state: initial }),
    backstops: new Map((initial.safetyModules ?? []).map((m) => [m.market, { sold: 0n, raised: 0n }])),
    bridges: new Map(
      Object.entries(book.bridges ?? {}).map(([asset, address]) => [
        asset,
        createChainBridge({ address, deployer: book.roles.deployer, trader: book.roles.trader }),
      ]),
    ),
    abis: {
      swapper: loadArtifact("uniswap/PoolSwapper").abi,
      feed: loadArtifact("oracle/SettableAggregator").abi,
      pool: loadArtifact(ARTIFACTS.uniswapV3Pool).abi,
      erc20: erc20Abi,
      daoBackstop: loadArtifact("dao/DaoBackstop").abi,
    },
    decimalsOf: (symbol) => book.tokens[symbol]?.decimals ?? 18,
    oracleUsd,
    observeContext: {
      oracleUsd: (symbol) => oracleUsd.get(symbol) ?? 0,
      underlying: initial.underlying.symbol,
      blockTimestamp: () => 0n,
    },
    oracleE8: new Map(initial.oracles.map((o) => [o.symbol, o.priceE8])),
    expectedRef: reference.model,
    refOnChain: reference.model,
    counts: { total: actions.length, executed: 0, exact: 0, mismatched: 0, modelOnly: 0 },
    mismatches: [],
    liquidatorTurn: 0,
    modelLiquidations: 0,
    modelValueLiquidatedUsd: 0,
  };
}

/** A block's receipts and their actions, sorted by the receipts' place in the chain. */
function inMinedOrder(
  receipts: readonly TransactionReceipt[],
  sent: readonly SentAction[],
): { receipts: TransactionReceipt[]; sent: SentAction[] } {
  const order = receipts
    .map((receipt, i) => ({ receipt, action: sent[i]! }))
    .sort(
      (a, b) =>
        Number(a.receipt.blockNumber - b.receipt.blockNumber) ||
        a.receipt.transactionIndex - b.receipt.transactionIndex,
    );
  return { receipts: order.map((o) => o.receipt), sent: order.map((o) => o.action) };
}

/** The model's actions by block, each with its index in the script. */
function groupByBlock(actions: readonly CascadeAction[]): Map<number, SentAction[]> {
  const byBlock = new Map<number, SentAction[]>();
  actions.forEach((action, index) => {
    const list = byBlock.get(action.block) ?? [];
    list.push({ action, index });
    byBlock.set(action.block, list);
  });
  return byBlock;
}

/**
 * Follows the reference pool through a block's receipts (`loop.refOnChain` ends at its last swap) and
 * returns the state the oracle observes: after the shock and arbitrage trades, before anything else.
 */
function observeReference(
  loop: ChainLoop,
  receipts: readonly TransactionReceipt[],
  sent: readonly SentAction[],
) {
  let observed: typeof loop.refOnChain | undefined;
  receipts.forEach((receipt, i) => {
    const a = sent[i]!.action;
    const beforeOracle =
      (a.kind === "swap" || a.kind === "swapV2") && (a.purpose === "shock" || a.purpose === "arbitrage");
    if (!beforeOracle && observed === undefined) observed = loop.refOnChain;
    for (const state of loop.reference.swapsIn(receipt)) loop.refOnChain = state;
  });
  return observed ?? loop.refOnChain;
}

function emptyRound(block: number, chainBlock: string, modelMarketPrice: number): ChainRound {
  return {
    block,
    chainBlock,
    marketPrice: 0,
    modelMarketPrice,
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
}
