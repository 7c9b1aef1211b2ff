import { type Address, decodeEventLog, encodeFunctionData } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { roleAddress } from "../../chain/roleAddress.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { AaveStaticAToken } from "../../model/cascade/types.js";
import { AAVE_STATA_ARTIFACTS } from "../artifactIds.js";
import { mintTestToken } from "../tokens/mintTestToken.js";

/**
 * Aave's static aTokens over a market's reserves, as mainnet's waEth… tokens are: one StataTokenV2
 * implementation (the Pool and a RewardsController with no rewards as immutables), one proxy per token
 * initialised with its aToken (InitializableAdminUpgradeabilityProxy, admin a role nobody else uses, as
 * the transparent proxy's admin cannot call through it), then the depositor's deposit of what the model
 * says its holders hold, `deposit(assets, depositor)`: StataTokenV2 supplies it to the Pool for itself and
 * mints the shares. Run while the reserve is at 1 ray (the replica's seeding), so shares = assets, which
 * the Deposit event must show.
 *
 * @param chain - the replica.
 * @param parameters - the pool, the reserves' assets and aTokens by symbol, the tokens to create, accounts.
 * @returns each static aToken's address, by symbol (its shares are the depositor's).
 * @throws {DeploymentError} when a deposit mints other shares than the model's.
 */
export async function deployAaveStaticATokens(
  chain: Chain,
  parameters: {
    marketId: string;
    pool: Address;
    deployer: Address;
    depositor: Address;
    reserves: readonly { symbol: string; asset: Address; aToken: Address }[];
    tokens: readonly AaveStaticAToken[];
  },
): Promise<Record<string, Address>> {
  const { deployer, depositor } = parameters;
  const out: Record<string, Address> = {};
  if (parameters.tokens.length === 0) return out;
  const rewards = await deployContract(chain, {
    from: deployer,
    artifact: AAVE_STATA_ARTIFACTS.rewardsController,
    args: [deployer],
  });
  const implementation = await deployContract(chain, {
    from: deployer,
    artifact: AAVE_STATA_ARTIFACTS.stataToken,
    args: [parameters.pool, rewards],
  });
  const stata = loadArtifact(AAVE_STATA_ARTIFACTS.stataToken).abi;
  const proxyAbi = loadArtifact(AAVE_STATA_ARTIFACTS.proxy).abi;
  const admin = roleAddress(`stata-admin:${parameters.marketId}`);
  for (const token of parameters.tokens) {
    const reserve = parameters.reserves[token.reserve]!;
    const proxy = await deployContract(chain, { from: deployer, artifact: AAVE_STATA_ARTIFACTS.proxy });
    await writeContract(chain, {
      from: deployer,
      address: proxy,
      abi: proxyAbi,
      functionName: "initialize",
      args: [
        implementation,
        admin,
        encodeFunctionData({
          abi: stata,
          functionName: "initialize",
          args: [reserve.aToken, `Wrapped Aave ${reserve.symbol}`, token.symbol],
        }),
      ],
    });
    if (token.totalShares > 0n) {
      await mintTestToken(chain, {
        token: reserve.asset,
        to: depositor,
        amount: token.totalShares,
        spender: proxy,
      });
      const receipt = await writeContract(chain, {
        from: depositor,
        address: proxy,
        abi: stata,
        functionName: "deposit",
        args: [token.totalShares, depositor],
      });
      const minted = receipt.logs.flatMap((log) => {
        if (log.address.toLowerCase() !== proxy.toLowerCase()) return [];
        try {
          const e = decodeEventLog({ abi: stata, data: log.data, topics: log.topics });
          return e.eventName === "Deposit" ? [(e.args as unknown as { shares: bigint }).shares] : [];
        } catch {
          return [];
        }
      });
      if (minted[0] !== token.totalShares)
        throw new DeploymentError(
          `${token.symbol}: the deposit of ${token.totalShares} minted ${minted[0]} shares; the model seeds at 1 ray (shares = assets).`,
        );
    }
    out[token.symbol] = proxy;
  }
  return out;
}
