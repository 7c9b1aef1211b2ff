import { type Address, toHex } from "viem";
import { deployContract } from "../chain/deployContract.js";
import { loadArtifact } from "../chain/loadArtifact.js";
import { sendBlock } from "../chain/sendBlock.js";
import type { Chain } from "../chain/types.js";
import { writeContract } from "../chain/writeContract.js";
import { DeploymentError } from "../errors/DeploymentError.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import type { CascadeState, MarketModel, PoolModel } from "../model/cascade/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { deployBridge } from "../protocols/bridge/deployBridge.js";
import { deployReplicaMarket } from "../protocols/deployReplicaMarket.js";
import { deployLenses } from "../protocols/lens/deployLenses.js";
import { deployTestToken } from "../protocols/tokens/deployTestToken.js";
import { mintTestToken } from "../protocols/tokens/mintTestToken.js";
import type { AddressBook, ReplicaMarketParameters, ReplicaMarketStart } from "../protocols/types.js";
import { createUniswapV2Pair } from "../protocols/uniswap/createUniswapV2Pair.js";
import { createUniswapV3Pool } from "../protocols/uniswap/createUniswapV3Pool.js";
import { deployUniswapV3Factory } from "../protocols/uniswap/deployUniswapV3Factory.js";
import { baseIsToken0 } from "./baseIsToken0.js";
import { createRoles } from "./createRoles.js";

export type Replica = {
  book: AddressBook;
  /** The model's starting state, built with the chain's token order: the chain was seeded from it. */
  state: CascadeState;
  /** Markets of the scenario that exist only in the model on the replica, with the reason. */
  modelOnly: { id: string; reason: string }[];
  /** Milliseconds per phase. */
  timings: Record<string, number>;
};

export type DeployReplicaParameters = {
  onProgress?: (phase: string, done?: number, total?: number) => void;
};

/** Plenty for every LP mint and market-maker trade; test tokens cost nothing. */
const LARGE = 1n << 200n;

/**
 * Builds the scenario's world on an empty local chain from the protocols' published bytecode: test tokens,
 * settable feeds at the starting prices, the Uniswap V3 factory and pools with the scenario's positions,
 * each Aave V3 market with its reserves, our liquidator bound to it, and every borrower's position. The
 * model's starting state is built first (with the token order the chain ended up with) and the chain is
 * seeded from it, so the two start identical to the wei. Compound V3 markets run Comet built from its pinned
 * source (npm run protocols:fetch; fetched on demand); without it they stay model-only, with the reason.
 *
 * @param chain - an empty local chain (not a fork).
 * @param scenario - a validated scenario.
 * @param parameters - progress callback.
 * @returns the address book, the model state, model-only markets and timings.
 * @throws {DeploymentError} on a fork, for a v2 pool whose fee is not 30 bps, or when a step reverts.
 */
export async function deployReplica(
  chain: Chain,
  scenario: Scenario,
  parameters: DeployReplicaParameters = {},
): Promise<Replica> {
  if (chain.devNode.forked)
    throw new DeploymentError("deployReplica builds on an empty local chain, not on a fork.");
  refuseUnrunnableV2Fees(scenario);
  const progress = parameters.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };
  const deployer = chain.accounts[0]!;
  const roles = await createRoles(chain, { scenario, deployer, seeding: true });

  progress("tokens and feeds");
  const tokens: AddressBook["tokens"] = {};
  for (const asset of scenario.assets)
    tokens[asset.symbol] = {
      address: await deployTestToken(chain, {
        from: deployer,
        symbol: asset.symbol,
        decimals: asset.decimals,
      }),
      decimals: asset.decimals,
    };
  const state = buildCascadeState(scenario, { baseIsToken0: baseIsToken0(tokens) });
  const feeds: AddressBook["feeds"] = {};
  for (const oracle of state.oracles)
    feeds[oracle.symbol] = await deployContract(chain, {
      from: deployer,
      artifact: "oracle/SettableAggregator",
      args: [8, oracle.priceE8],
    });
  lap("tokensAndFeeds");

  progress("uniswap v3");
  const factory = await deployUniswapV3Factory(chain, deployer);
  const harness = await deployLenses(chain, deployer);
  // Each pool's own tokens: the main pair's, or a pegged asset's and its peg asset's.
  const pairOf = (pool: PoolModel) =>
    [tokens[pool.token0.symbol]!.address, tokens[pool.token1.symbol]!.address] as const;
  const pooled = [...new Set(state.pools.flatMap((p) => pairOf(p)))];
  for (const token of pooled)
    await mintTestToken(chain, { token, to: roles.lp, amount: LARGE, spender: harness.minter });
  const pools: AddressBook["uniswapV3"]["pools"] = {};
  for (const pool of state.pools) {
    if (pool.kind !== "uniswap-v3") continue;
    const [token0, token1] = pairOf(pool);
    const address = await createUniswapV3Pool(chain, {
      lp: roles.lp,
      factory,
      minter: harness.minter,
      token0,
      token1,
      feePips: pool.state.feePips,
      sqrtPriceX96: pool.state.sqrtPriceX96,
      mints: pool.mints,
    });
    pools[pool.id] = { address, feePips: pool.state.feePips, token0, token1 };
  }
  const pairs: NonNullable<AddressBook["uniswapV2"]>["pools"] = {};
  for (const pool of state.pools) {
    if (pool.kind !== "uniswap-v2") continue;
    progress(`uniswap v2 pair ${pool.id}`);
    const [token0, token1] = pairOf(pool);
    const { factory: v2Factory, pair } = await createUniswapV2Pair(chain, {
      lp: roles.lp,
      token0,
      token1,
      reserve0: pool.state.reserve0,
      reserve1: pool.state.reserve1,
    });
    pairs[pool.id] = { address: pair, factory: v2Factory, token0, token1 };
  }
  // Traders and market makers hold plenty of every pooled token, approved for the swapper.
  for (const account of [roles.trader, ...Object.values(roles.marketMakers)])
    for (const token of pooled)
      await mintTestToken(chain, { token, to: account, amount: LARGE, spender: harness.swapper });
  lap("uniswap");
  const bridges = await deployBridges(chain, { scenario, tokens, deployer, trader: roles.trader });

  const aave: AddressBook["aave"] = {};
  const compound: NonNullable<AddressBook["compound"]> = {};
  const morpho: NonNullable<AddressBook["morpho"]> = {};
  const borrowers: AddressBook["borrowers"] = {};
  const modelOnly: Replica["modelOnly"] = [];
  const starts: ReplicaMarketStart[] = [];
  const priceE8 = (symbol: string) => state.oracles.find((o) => o.symbol === symbol)!.priceE8;
  for (const market of state.markets) {
    const deployed = await deployReplicaMarket(chain, {
      market,
      spec: scenario.markets.find((m) => m.id === market.id) as ReplicaMarketParameters<MarketModel>["spec"],
      tokens,
      feeds,
      priceE8,
      deployer,
      depositor: roles.depositor,
      onProgress: progress,
      lap,
    });
    if ("modelOnly" in deployed) {
      modelOnly.push({ id: market.id, reason: deployed.modelOnly });
      continue;
    }
    Object.assign(aave, deployed.book.aave);
    Object.assign(compound, deployed.book.compound);
    Object.assign(morpho, deployed.book.morpho);
    borrowers[market.id] = deployed.borrowers;
    if (deployed.start) starts.push(deployed.start);
  }
  await startMarketClocks(chain, starts);
  lap("clocks");
  await approveTopUps(chain, { scenario, state, aave, tokens, trader: roles.trader });
  // Liquidators that take aTokens when a reserve is short repay from their own inventory: every token of
  // each Aave market, approved to its liquidator contract.
  if (scenario.liquidators.whenCashShort === "receive-atoken")
    for (const [id, m] of Object.entries(aave)) {
      const market = state.markets.find((x) => x.id === id);
      if (market?.kind !== "aave-v3") continue;
      for (const r of market.reserves)
        for (const account of roles.liquidators)
          await mintTestToken(chain, {
            token: tokens[r.symbol]!.address,
            to: account,
            amount: LARGE,
            spender: m.liquidator,
          });
    }

  const book: AddressBook = {
    chainId: chain.chainId,
    tokens,
    feeds,
    aave,
    ...(Object.keys(compound).length ? { compound } : {}),
    ...(Object.keys(morpho).length ? { morpho } : {}),
    uniswapV3: { factory, pools },
    ...(Object.keys(pairs).length ? { uniswapV2: { pools: pairs } } : {}),
    ...(Object.keys(bridges).length ? { bridges } : {}),
    harness,
    roles,
    borrowers,
  };
  return { book, state, modelOnly, timings };
}

/**
 * Margin top-ups (bridges[].topUps): the trader, who receives what a bridge brings in, supplies it to Aave
 * on the borrower's behalf, so it approves every Aave pool with a reserve of each bridged asset.
 */
async function approveTopUps(
  chain: Chain,
  parameters: {
    scenario: Scenario;
    state: CascadeState;
    aave: AddressBook["aave"];
    tokens: AddressBook["tokens"];
    trader: Address;
  },
): Promise<void> {
  const { scenario, state, aave, tokens, trader } = parameters;
  for (const bridge of scenario.bridges)
    for (const [id, m] of Object.entries(aave)) {
      const market = state.markets.find((x) => x.id === id);
      if (market?.kind !== "aave-v3" || !market.reserves.some((r) => r.symbol === bridge.asset)) continue;
      await writeContract(chain, {
        from: trader,
        address: tokens[bridge.asset]!.address,
        abi: loadArtifact("tokens/TestERC20").abi,
        functionName: "approve",
        args: [m.pool, (1n << 256n) - 1n],
      });
    }
}

/** This chain's end of each scenario bridge, by bridged asset (HaltableBridge). */
async function deployBridges(
  chain: Chain,
  parameters: { scenario: Scenario; tokens: AddressBook["tokens"]; deployer: Address; trader: Address },
): Promise<NonNullable<AddressBook["bridges"]>> {
  const { scenario, tokens, deployer, trader } = parameters;
  const bridges: NonNullable<AddressBook["bridges"]> = {};
  for (const bridge of scenario.bridges)
    bridges[bridge.asset] = await deployBridge(chain, {
      token: tokens[bridge.asset]!.address,
      deployer,
      trader,
    });
  return bridges;
}

/**
 * Starts every market's clock so that each one's history ends exactly at the cascade's block 0: with H the
 * longest history, block 0 is at (now + 1 + H); each start runs at (block 0 − its history), in time order
 * (equal timestamps are allowed on a dev node, so a start may take several blocks of one time); then block 0
 * is mined with the markets' block-0 transactions (or empty), and runOnChain takes its timestamp as genesis.
 */
async function startMarketClocks(chain: Chain, starts: readonly ReplicaMarketStart[]): Promise<void> {
  if (starts.length === 0) return;
  const now = (await chain.client.getBlock()).timestamp;
  const longest = starts.reduce((h, s) => (s.historySeconds > h ? s.historySeconds : h), 0n);
  const blockZero = now + 1n + longest;
  const ordered = [...starts].sort((a, b) => Number(b.historySeconds - a.historySeconds));
  for (const start of ordered) await start.run(blockZero - start.historySeconds);
  const transactions = starts.flatMap((s) => s.atBlockZero ?? []);
  if (transactions.length > 0) {
    const receipts = await sendBlock(chain, { transactions, timestamp: blockZero });
    if (receipts.some((r) => r.status !== "success"))
      throw new DeploymentError("A market's block-0 transaction reverted (its interest accrual).");
    return;
  }
  if ((await chain.client.getBlock()).timestamp === blockZero) return;
  const ask = chain.client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  await ask({ method: "evm_setNextBlockTimestamp", params: [toHex(blockZero)] });
  await ask({ method: "evm_mine", params: [] });
}

/** The pair's fee is fixed at 0.3% in its bytecode (its K check): another fee cannot run on chain. */
function refuseUnrunnableV2Fees(scenario: Scenario): void {
  const badFee = scenario.pools.filter((p) => p.kind === "uniswap-v2" && p.feeBps !== 30);
  if (badFee.length)
    throw new DeploymentError(
      `pools: ${badFee.map((p) => `${p.id} has feeBps ${(p as { feeBps: number }).feeBps}`).join(", ")}; a Uniswap V2 pair charges 30 bps.`,
      {
        metaMessages: [
          "Set feeBps to 30 to run it on chain, or use dlcm model for another fee (the model takes any).",
        ],
      },
    );
}
