import type { Address } from "viem";
import { ensureAaveV37Build } from "../../build/ensureAaveV37Build.js";
import { deployContract } from "../../chain/deployContract.js";
import { roleAddress } from "../../chain/roleAddress.js";
import type { Chain } from "../../chain/types.js";
import type { AaveMarketModel } from "../../model/cascade/types.js";
import { hasRates } from "../../model/lending/aave/calculateInterestRates.js";
import { aaveV37Artifacts } from "../artifactIds.js";
import type { AaveMarketAddresses, ReplicaMarketParameters, ReplicaMarketStart } from "../types.js";
import { configureAaveEModes } from "./configureAaveEModes.js";
import { type DeployAaveV3ReturnType, deployAaveV3 } from "./deployAaveV3.js";
import { type DeployAaveV36ReturnType, deployAaveV36 } from "./deployAaveV36.js";
import { initAaveReserves } from "./initAaveReserves.js";
import { initAaveV36Reserves, ZERO_RATES } from "./initAaveV36Reserves.js";
import { seedAaveBorrowers } from "./seedAaveBorrowers.js";
import { setAaveReserveCaps } from "./setAaveReserveCaps.js";
import { startAaveInterest } from "./startAaveInterest.js";
import { startAaveV30Interest } from "./startAaveV30Interest.js";
import { supplyAaveOutsideHolders } from "./supplyAaveOutsideHolders.js";

export type DeployAaveReplicaMarketParameters = ReplicaMarketParameters<AaveMarketModel>;

/**
 * One Aave V3 market of the replica from `@aave/core-v3`: the market deployed, its reserves initialised on
 * our feeds with the scenario's parameters, our CascadeLiquidator bound to its Pool, every model position
 * opened by BorrowerFactory, then the caps set (after seeding: the seeded book may exceed them, as a market
 * can after governance lowers a cap).
 *
 * @param chain - an empty local chain.
 * @param parameters - the market model, tokens, feeds, prices, accounts, progress.
 * @returns the market's addresses, its borrowers in the model's position order, and (with interest) the
 *   block that starts its clock, for deployReplica to mine its history before the cascade's block 0.
 */
export async function deployAaveReplicaMarket(
  chain: Chain,
  parameters: DeployAaveReplicaMarketParameters,
): Promise<{ addresses: AaveMarketAddresses; borrowers: Address[]; start?: ReplicaMarketStart }> {
  const { market, tokens, feeds, deployer, onProgress: progress } = parameters;
  progress(`Aave ${market.profile} market "${market.id}"`);
  const treasury = roleAddress(`treasury:${market.id}`);
  const specs = market.reserves.map((r) => ({
    symbol: r.symbol,
    asset: tokens[r.symbol]!.address,
    decimals: r.decimals,
    feed: feeds[r.symbol]!,
    ltvBps: r.ltvBps,
    liquidationThresholdBps: r.liquidationThresholdBps,
    liquidationBonusBps: r.liquidationBonusBps,
    protocolFeeBps: r.protocolFeeBps,
  }));
  let deployed: DeployAaveV3ReturnType | DeployAaveV36ReturnType;
  let reserves: AaveMarketAddresses["reserves"];
  if (market.profile !== "v3.0") {
    // v3.7 from its pinned git source (fetched and compiled on demand), v3.6 from its npm package.
    if (market.profile === "v3.7") await ensureAaveV37Build((line) => progress(line));
    const v36 = await deployAaveV36(chain, {
      from: deployer,
      marketId: market.id,
      treasury,
      ...(market.profile === "v3.7" ? { artifacts: aaveV37Artifacts() } : {}),
    });
    reserves = await initAaveV36Reserves(chain, {
      market: v36,
      // Seeded at zero rates (indices stay at 1 ray while the book opens); the history comes after.
      reserves: specs.map((s, i) => ({
        ...s,
        rates: ZERO_RATES,
        reserveFactorBps: parameters.spec.reserves[i]!.reserveFactorBps,
      })),
    });
    deployed = v36;
  } else {
    const v30 = await deployAaveV3(chain, { from: deployer, marketId: market.id, treasury });
    reserves = await initAaveReserves(chain, {
      market: v30,
      reserves: specs,
      reserveFactorsBps: parameters.spec.reserves.map((r) => BigInt(r.reserveFactorBps)),
    });
    deployed = v30;
  }
  const eModes = (ltv: "seed" | "restore") =>
    configureSeedingEModes(chain, {
      ltv,
      deployed,
      deployer,
      profile: market.profile,
      spec: parameters.spec,
      tokens,
    });
  await eModes("seed");
  const liquidator = await deployContract(chain, {
    from: deployer,
    artifact: "aave/CascadeLiquidator",
    args: [deployed.pool],
  });
  const { implementations: _, ...addresses } = deployed;
  const outside = await supplyAaveOutsideHolders(chain, {
    market,
    tokens,
    reserves,
    pool: deployed.pool,
    addressesProvider: deployed.addressesProvider,
    deployer,
    depositor: parameters.depositor,
  });
  parameters.lap(`aave:${market.id}:deploy`);
  progress(`Aave market "${market.id}": borrowers`, 0, market.positions.length);
  const borrowers = await seedAaveBorrowers(chain, {
    admin: deployer,
    depositor: parameters.depositor,
    pool: deployed.pool,
    poolConfigurator: deployed.poolConfigurator,
    profile: market.profile,
    reserves: market.reserves.map((r) => ({ ...r, asset: tokens[r.symbol]!.address })),
    pricesE8: market.reserves.map((r) => parameters.priceE8(r.symbol)),
    positions: market.positions,
    wrapped: outside.supplied,
    eModeCategories: market.eModeCategories,
    onProgress: (done, total) => progress(`Aave market "${market.id}": borrowers`, done, total),
  });
  await eModes("restore");
  const spec = parameters.spec;
  await setAaveReserveCaps(chain, {
    poolConfigurator: deployed.poolConfigurator,
    admin: deployer,
    caps: spec.reserves.map((r) => ({
      asset: tokens[r.asset]!.address,
      supplyCap: BigInt(r.supplyCap),
      borrowCap: BigInt(r.borrowCap),
    })),
  });
  const withRates = spec.reserves.flatMap((r) =>
    r.interestRates && hasRates(r.interestRates)
      ? [{ symbol: r.asset, asset: tokens[r.asset]!.address, rates: r.interestRates }]
      : [],
  );
  parameters.lap(`aave:${market.id}:seed`);
  const start: ReplicaMarketStart | undefined =
    withRates.length > 0
      ? {
          historySeconds: BigInt(Math.round(spec.historyDays * 86_400)),
          run: async (timestamp) => {
            progress(`Aave market "${market.id}": interest (${spec.historyDays} days before the shock)`);
            if (market.profile === "v3.0")
              await startAaveV30Interest(chain, {
                addressesProvider: deployed.addressesProvider,
                pool: deployed.pool,
                poolConfigurator: deployed.poolConfigurator,
                admin: deployer,
                reserves: withRates.map((r) => ({ ...r, aToken: reserves[r.symbol]!.aToken })),
                timestamp,
              });
            else
              await startAaveInterest(chain, {
                poolConfigurator: deployed.poolConfigurator,
                admin: deployer,
                reserves: withRates,
                timestamp,
              });
          },
        }
      : undefined;
  return {
    addresses: {
      ...addresses,
      reserves,
      liquidator,
      ...(Object.keys(outside.staticATokens).length ? { staticATokens: outside.staticATokens } : {}),
      ...(outside.umbrella ? { umbrella: outside.umbrella } : {}),
    },
    borrowers,
    ...(start ? { start } : {}),
  };
}

/**
 * The market's e-mode categories as the seeding needs them: while seeding each category's LTV is its
 * threshold (as the reserves' are: seedAaveBorrowers), so positions down to health factor 1 can be
 * opened; `restore` puts the terms back.
 */
async function configureSeedingEModes(
  chain: Chain,
  p: {
    ltv: "seed" | "restore";
    deployed: DeployAaveV3ReturnType | DeployAaveV36ReturnType;
    deployer: Address;
    profile: AaveMarketModel["profile"];
    spec: DeployAaveReplicaMarketParameters["spec"];
    tokens: DeployAaveReplicaMarketParameters["tokens"];
  },
): Promise<void> {
  if (p.spec.eModeCategories.length === 0) return;
  await configureAaveEModes(chain, {
    poolConfigurator: p.deployed.poolConfigurator,
    admin: p.deployer,
    profile: p.profile,
    ...("artifacts" in p.deployed ? { artifacts: p.deployed.artifacts } : {}),
    termsOnly: p.ltv === "restore",
    categories: p.spec.eModeCategories.map((c) => ({
      id: c.id,
      label: c.label,
      ltvBps: BigInt(p.ltv === "restore" ? c.ltvBps : c.liquidationThresholdBps),
      liquidationThresholdBps: BigInt(c.liquidationThresholdBps),
      liquidationBonusBps: BigInt(c.liquidationBonusBps),
      collateral: c.collateral.map((a) => p.tokens[a]!.address),
      borrowable: c.borrowable.map((a) => p.tokens[a]!.address),
      isolated: c.isolated,
    })),
  });
}
