import { type Address, erc20Abi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { isOriginProfile } from "../../model/lending/aave/isOriginProfile.js";
import type { AaveVersionProfile } from "../../model/lending/aave/types.js";
import { ARTIFACTS } from "../artifactIds.js";
import type { AaveMarketAddresses } from "../types.js";
import { detectAaveProfile } from "./detectAaveProfile.js";
import { freezeAaveInterest } from "./freezeAaveInterest.js";
import { pointAaveOracleAt } from "./pointAaveOracleAt.js";
import { readAaveMarket } from "./readAaveMarket.js";
import { zeroFlashLoanPremium } from "./zeroFlashLoanPremium.js";

export type PrepareAaveForkMarketParameters = {
  id: string;
  market: Omit<AaveMarketAddresses, "liquidator">;
  assets: { symbol: string; asset: Address }[];
  lens: Address;
  deployer: Address;
  /** Settable feeds by symbol, shared across markets (created here when missing). */
  feeds: Record<string, Address>;
};

/**
 * Makes one of the fork's own Aave markets fit the model, recording every edit (interest keeps running,
 * which the model accrues, except on a v3.0 reserve with stable-rate debt, which gets zero rates): its version profile is
 * detected; AaveOracle's sources for the scenario's reserves become DLCM's settable feeds, started at the
 * oracle's own prices (setAssetSources as the impersonated pool admin); the flash-loan premium is set to
 * zero; our CascadeLiquidator is deployed against its Pool.
 *
 * @param chain - a chain proven to be a local fork.
 * @param parameters - the market's addresses, its assets, the lens, the deployer, the shared feeds.
 * @returns the addresses with the liquidator, the profile, the oracle's starting prices and the edits made.
 */
export async function prepareAaveForkMarket(
  chain: Chain,
  parameters: PrepareAaveForkMarketParameters,
): Promise<{
  addresses: AaveMarketAddresses;
  profile: AaveVersionProfile;
  pricesE8: Record<string, bigint>;
  edits: string[];
}> {
  const { id, market: m, assets, feeds, deployer } = parameters;
  const symbols = assets.map((a) => a.symbol);
  const profile = await detectAaveProfile(chain, { pool: m.pool });
  const before = await readAaveMarket(chain, { lens: parameters.lens, pool: m.pool, assets, users: [] });
  const pricesE8: Record<string, bigint> = {};
  const sources: { asset: Address; feed: Address }[] = [];
  for (const [i, { symbol, asset }] of assets.entries()) {
    const priceE8 = before.pricesE8[i]!;
    pricesE8[symbol] = priceE8;
    feeds[symbol] ??= await deployContract(chain, {
      from: deployer,
      artifact: "oracle/SettableAggregator",
      args: [8, priceE8],
    });
    sources.push({ asset, feed: feeds[symbol]! });
  }
  const edits: string[] = [];
  await pointAaveOracleAt(chain, { oracle: m.oracle, poolAdmin: m.poolAdmin, sources });
  edits.push(
    `${id}: AaveOracle sources of ${symbols.join(", ")} set to DLCM's settable feeds, started at the oracle's prices (setAssetSources as ${m.poolAdmin})`,
  );
  // The model accrues v3.6's interest, and v3.0's through its DefaultReserveInterestRateStrategy while a
  // reserve has no stable debt (the mirror has none): those keep running; the rest get zero rates.
  const stable = isOriginProfile(profile) ? [] : await reservesWithStableDebt(chain, m.pool, assets);
  const running = symbols.filter((s) => !stable.includes(s));
  if (running.length > 0)
    edits.push(
      `${id}: interest left running on ${running.join(", ")} (the model accrues the fork's own rates every block${isOriginProfile(profile) ? "" : ", v3.0's strategy and rounding"})`,
    );
  if (stable.length > 0) {
    const frozen = await freezeAaveInterest(chain, {
      pool: m.pool,
      poolConfigurator: m.poolConfigurator,
      poolAdmin: m.poolAdmin,
      assets: assets.filter((a) => stable.includes(a.symbol)).map((a) => a.asset),
      deployer,
    });
    const unfrozen = frozen.assets.filter((a) => !a.frozen).map((a) => a.asset);
    edits.push(
      `${id}: interest-rate strategy set to ZeroRateStrategy for ${stable.join(", ")} (they carry stable-rate debt, which the model does not mirror: indices constant during the cascade)${unfrozen.length ? `; rates still non-zero for ${unfrozen.join(", ")} until their next update (v3.0 pool)` : ""}`,
    );
  }
  await zeroFlashLoanPremium(chain, {
    profile,
    poolConfigurator: m.poolConfigurator,
    poolAdmin: m.poolAdmin,
  });
  edits.push(`${id}: flash-loan premium set to 0 (the liquidator's funding is free, as on the replica)`);
  const liquidator = await deployContract(chain, {
    from: deployer,
    artifact: "aave/CascadeLiquidator",
    args: [m.pool],
  });
  return { addresses: { ...m, liquidator }, profile, pricesE8, edits };
}

/** The scenario's reserves of a v3.0 Pool whose stable debt token has a supply (stable-rate borrowers). */
async function reservesWithStableDebt(
  chain: Chain,
  pool: Address,
  assets: readonly { symbol: string; asset: Address }[],
): Promise<string[]> {
  const abi = loadArtifact(ARTIFACTS.aavePool).abi;
  const out: string[] = [];
  for (const { symbol, asset } of assets) {
    const data = (await chain.client.readContract({
      address: pool,
      abi,
      functionName: "getReserveData",
      args: [asset],
    })) as { stableDebtTokenAddress: Address };
    const supply = await chain.client.readContract({
      address: data.stableDebtTokenAddress,
      abi: erc20Abi,
      functionName: "totalSupply",
    });
    if (supply > 0n) out.push(symbol);
  }
  return out;
}
