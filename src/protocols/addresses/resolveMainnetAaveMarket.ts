import { AaveV3Ethereum } from "@aave-dao/aave-address-book";
import type { Address } from "viem";
import { DeploymentError } from "../../errors/DeploymentError.js";

export type MainnetAaveMarket = {
  pool: Address;
  addressesProvider: Address;
  aclManager: Address;
  /** The ACL admin (governance executor): holds the pool-admin role, so it may call setAssetSources. */
  aclAdmin: Address;
  poolConfigurator: Address;
  oracle: Address;
  dataProvider: Address;
  /** The Collector, where the protocol's liquidation fees go. */
  treasury: Address;
  reserves: Record<
    string,
    { asset: Address; decimals: number; aToken: Address; variableDebtToken: Address; priceSource: Address }
  >;
};

/**
 * The Aave V3 Ethereum core market's addresses for the scenario's symbols, from `@aave-dao/aave-address-book`.
 *
 * @param symbols - reserve symbols as the scenario names them (WETH, USDC, ...).
 * @returns the market's contracts and each reserve's tokens.
 * @throws {DeploymentError} naming a symbol the market does not list, with the ones it does.
 */
export function resolveMainnetAaveMarket(symbols: readonly string[]): MainnetAaveMarket {
  const book = AaveV3Ethereum;
  const assets = book.ASSETS as unknown as Record<
    string,
    { UNDERLYING: Address; decimals: number; A_TOKEN: Address; V_TOKEN: Address; ORACLE: Address }
  >;
  const missing = symbols.filter((s) => !assets[s]);
  if (missing.length)
    throw new DeploymentError(`Aave V3 Ethereum does not list ${missing.join(", ")}.`, {
      metaMessages: [`Listed: ${Object.keys(assets).join(", ")}`],
    });
  return {
    pool: book.POOL,
    addressesProvider: book.POOL_ADDRESSES_PROVIDER,
    aclManager: book.ACL_MANAGER,
    aclAdmin: book.ACL_ADMIN,
    poolConfigurator: book.POOL_CONFIGURATOR,
    oracle: book.ORACLE,
    dataProvider: book.AAVE_PROTOCOL_DATA_PROVIDER,
    treasury: book.COLLECTOR,
    reserves: Object.fromEntries(
      symbols.map((s) => {
        const a = assets[s]!;
        return [
          s,
          {
            asset: a.UNDERLYING,
            decimals: a.decimals,
            aToken: a.A_TOKEN,
            variableDebtToken: a.V_TOKEN,
            priceSource: a.ORACLE,
          },
        ];
      }),
    ),
  };
}
