import type { Address } from "viem";

/** One Aave V3 market's contracts and the accounts allowed to administer it. */
export type AaveMarketAddresses = {
  pool: Address;
  addressesProvider: Address;
  aclManager: Address;
  /** Holds the pool-admin role (the replica's deployer; on mainnet, the governance executor). */
  poolAdmin: Address;
  poolConfigurator: Address;
  oracle: Address;
  dataProvider: Address;
  treasury: Address;
  reserves: Record<string, { aToken: Address; variableDebtToken: Address }>;
  /** Liquidation bot contract of ours, bound to this pool. */
  liquidator: Address;
};

export type UniswapV3PoolAddresses = { address: Address; feePips: number; token0: Address; token1: Address };

/** A Uniswap V2 pair and the factory that created it. */
export type UniswapV2PairAddresses = { address: Address; factory: Address; token0: Address; token1: Address };

/**
 * Every address the harness needs, of the same shape on the replica and on a mainnet fork, so nothing
 * above src/protocols/ knows which it runs on.
 */
export type AddressBook = {
  chainId: number;
  tokens: Record<string, { address: Address; decimals: number }>;
  /** The settable aggregator the harness pushes prices into, per asset symbol. */
  feeds: Record<string, Address>;
  aave: Record<string, AaveMarketAddresses>;
  uniswapV3: { factory: Address; pools: Record<string, UniswapV3PoolAddresses> };
  /** Uniswap V2 pairs by pool id (the replica deploys them where the scenario has one). */
  uniswapV2?: { pools: Record<string, UniswapV2PairAddresses> };
  /** Our helper contracts. */
  harness: { swapper: Address; minter: Address; aaveLens: Address; uniswapLens: Address };
  /** Accounts that act: the deployer/admin, the LP, the lender of last resort, traders, market makers, liquidators. */
  roles: {
    deployer: Address;
    lp: Address;
    depositor: Address;
    trader: Address;
    marketMakers: Record<string, Address>;
    liquidators: Address[];
  };
  /** Borrower addresses per market, in the order of the model's positions. */
  borrowers: Record<string, Address[]>;
};

/**
 * The protocol part of an address book: what exists on the chain before DLCM touches it. On a mainnet fork it
 * is resolved from the documented addresses (resolveMainnetForkAddresses); for any other chain, or a local
 * node standing in for one, it is read from a file of this shape (parseForkAddresses). The replica's own
 * address book contains one, which is how the tests run fork mode against the replica.
 */
export type ForkAddresses = {
  chainId: number;
  tokens: AddressBook["tokens"];
  aave: Record<string, Omit<AaveMarketAddresses, "liquidator">>;
  uniswapV3: AddressBook["uniswapV3"];
};
