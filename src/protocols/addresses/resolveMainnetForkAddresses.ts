import { AaveV3Ethereum } from "@aave-dao/aave-address-book";
import type { Address } from "viem";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { Scenario } from "../../model/scenario/schema.js";
import type { ForkAddresses } from "../types.js";
import { computeUniswapV3PoolAddress } from "../uniswap/computeUniswapV3PoolAddress.js";
import { MAINNET } from "./mainnet.js";
import { resolveMainnetAaveMarket } from "./resolveMainnetAaveMarket.js";

/**
 * The mainnet contracts a scenario names, by symbol and fee tier: tokens from the project's list or the
 * Aave address book, each Aave V3 market as Aave V3 Ethereum's core market (its ACL admin acting as pool
 * admin), each Compound V3 market as the documented Comet of its base (cUSDCv3 and cUSDTv3 priced in USD, cWETHv3 in its base),
 * each Uniswap V3 pool as the factory's CREATE2 address for the underlying, the quote and the fee.
 *
 * @param scenario - a validated scenario.
 * @returns the fork's protocol addresses.
 * @throws {DeploymentError} naming an asset mainnet's lists do not hold, or a pool kind fork mode cannot run.
 */
export function resolveMainnetForkAddresses(scenario: Scenario): ForkAddresses {
  const aaveAssets = AaveV3Ethereum.ASSETS as unknown as Record<
    string,
    { UNDERLYING: Address; decimals: number }
  >;
  const known: Record<string, { address: Address; decimals: number }> = { ...MAINNET.tokens };
  const tokens: ForkAddresses["tokens"] = {};
  const missing: string[] = [];
  for (const { symbol } of scenario.assets) {
    const token =
      known[symbol] ??
      (aaveAssets[symbol]
        ? { address: aaveAssets[symbol].UNDERLYING, decimals: aaveAssets[symbol].decimals }
        : undefined);
    if (token) tokens[symbol] = token;
    else missing.push(symbol);
  }
  if (missing.length)
    throw new DeploymentError(`assets: no mainnet address for ${missing.join(", ")}.`, {
      metaMessages: [
        `Known: ${[...new Set([...Object.keys(known), ...Object.keys(aaveAssets)])].join(", ")}`,
        "Or pass an address file with --addresses.",
      ],
    });
  const aave: ForkAddresses["aave"] = {};
  for (const market of scenario.markets) {
    if (market.kind !== "aave-v3") continue;
    const m = resolveMainnetAaveMarket(market.reserves.map((r) => r.asset));
    aave[market.id] = {
      pool: m.pool,
      addressesProvider: m.addressesProvider,
      aclManager: m.aclManager,
      poolAdmin: m.aclAdmin,
      poolConfigurator: m.poolConfigurator,
      oracle: m.oracle,
      dataProvider: m.dataProvider,
      treasury: m.treasury,
      reserves: Object.fromEntries(
        Object.entries(m.reserves).map(([s, r]) => [
          s,
          { aToken: r.aToken, variableDebtToken: r.variableDebtToken },
        ]),
      ),
    };
  }
  // Comet by its base: cUSDCv3 and cUSDTv3 price in USD, cWETHv3 in WETH (a market of priceFeeds "in-base").
  const compound: NonNullable<ForkAddresses["compound"]> = {};
  for (const market of scenario.markets) {
    if (market.kind !== "compound-v3") continue;
    const comet = Object.values(MAINNET.comet).find(
      (c) => c.base === market.base && (c.base === "WETH") === (market.priceFeeds === "in-base"),
    );
    if (comet) compound[market.id] = { comet: comet.address, configurator: MAINNET.cometConfigurator };
  }
  const pools: ForkAddresses["uniswapV3"]["pools"] = {};
  for (const pool of scenario.pools) {
    if (pool.kind !== "uniswap-v3")
      throw new DeploymentError(
        `pools.${pool.id}: fork mode runs Uniswap V3 pools; this one is ${pool.kind}.`,
      );
    // The pool's own pair: the main one, or a pegged asset's ([wstETH, WETH]).
    const [base, quoteSymbol] = pool.pair ?? [scenario.underlying, scenario.quote];
    const underlying = tokens[base]!.address;
    const quote = tokens[quoteSymbol]!.address;
    const [token0, token1] = BigInt(underlying) < BigInt(quote) ? [underlying, quote] : [quote, underlying];
    pools[pool.id] = {
      address: computeUniswapV3PoolAddress({
        factory: MAINNET.uniswapV3.factory,
        tokenA: underlying,
        tokenB: quote,
        feePips: pool.feePips,
        initCodeHash: MAINNET.uniswapV3.poolInitCodeHash,
      }),
      feePips: pool.feePips,
      token0,
      token1,
    };
  }
  return {
    chainId: MAINNET.chainId,
    tokens,
    aave,
    compound,
    uniswapV3: { factory: MAINNET.uniswapV3.factory, pools },
  };
}
