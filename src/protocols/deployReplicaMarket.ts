import type { Address } from "viem";
import { ensureCometBuild } from "../build/ensureCometBuild.js";
import { ensurePinnedBuild } from "../build/ensurePinnedBuild.js";
import { MORPHO_IRM_SOURCE } from "../build/morphoIrmSource.js";
import { MORPHO_ORACLE_SOURCE } from "../build/morphoOracleSource.js";
import type { Chain } from "../chain/types.js";
import type { MarketModel } from "../model/cascade/types.js";
import { deployAaveReplicaMarket } from "./aave/deployAaveReplicaMarket.js";
import { deployCometReplicaMarket } from "./compound/deployCometReplicaMarket.js";
import { deployMorphoReplicaMarket } from "./morpho/deployMorphoReplicaMarket.js";
import type { AddressBook, ReplicaMarketParameters, ReplicaMarketStart } from "./types.js";

/**
 * A market deployed on the replica: its part of the address book, its borrowers in the model's position
 * order, and what starts its clock; or why it stays model-only.
 */
export type ReplicaMarketDeployment =
  | {
      book: Pick<AddressBook, "aave" | "compound" | "morpho">;
      borrowers: Address[];
      start?: ReplicaMarketStart;
    }
  | { modelOnly: string };

/** One replica deployment per market kind (the chain side's counterpart is createChainMarkets). */
const implementations: {
  [K in MarketModel["kind"]]: (
    chain: Chain,
    parameters: ReplicaMarketParameters<Extract<MarketModel, { kind: K }>>,
  ) => Promise<ReplicaMarketDeployment>;
} = {
  "aave-v3": async (chain, parameters) => {
    const deployed = await deployAaveReplicaMarket(chain, parameters);
    return {
      book: { aave: { [parameters.market.id]: deployed.addresses } },
      borrowers: deployed.borrowers,
      ...(deployed.start ? { start: deployed.start } : {}),
    };
  },
  "compound-v3": async (chain, parameters) => {
    const build = await ensureCometBuild((line) => parameters.onProgress(line));
    if (!build.ok) return { modelOnly: build.reason };
    const deployed = await deployCometReplicaMarket(chain, parameters);
    return {
      book: { aave: {}, compound: { [parameters.market.id]: deployed.addresses } },
      borrowers: deployed.borrowers,
      start: deployed.start,
    };
  },
  "morpho-blue": async (chain, parameters) => {
    const say = (line: string) => parameters.onProgress(line);
    for (const build of parameters.market.irm === "adaptive-curve"
      ? [MORPHO_IRM_SOURCE, MORPHO_ORACLE_SOURCE]
      : [MORPHO_ORACLE_SOURCE]) {
      const ready = await ensurePinnedBuild(build, say);
      if (!ready.ok) return { modelOnly: ready.reason };
    }
    const deployed = await deployMorphoReplicaMarket(chain, parameters);
    return {
      book: { aave: {}, morpho: { [parameters.market.id]: deployed.addresses } },
      borrowers: deployed.borrowers,
      start: deployed.start,
    };
  },
};

/**
 * Deploys one scenario market on the replica with its protocol's implementation; nothing here asks which
 * protocol it is.
 *
 * @param chain - the replica.
 * @param parameters - the market model, its scenario section, tokens, feeds, prices, accounts, progress.
 * @returns its addresses, borrowers and clock start, or why it is model-only.
 */
export function deployReplicaMarket(
  chain: Chain,
  parameters: ReplicaMarketParameters<MarketModel>,
): Promise<ReplicaMarketDeployment> {
  const deploy = implementations[parameters.market.kind] as (
    chain: Chain,
    parameters: ReplicaMarketParameters<MarketModel>,
  ) => Promise<ReplicaMarketDeployment>;
  return deploy(chain, parameters);
}
