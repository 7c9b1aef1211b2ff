import type { Address } from "viem";

/**
 * Ethereum mainnet addresses DLCM's fork mode uses that the Aave address book does not hold, each with
 * where it is documented. Aave V3 addresses come from `@aave-dao/aave-address-book` (resolveMainnetAaveMarket).
 * Uniswap pool addresses are checked in the tests against CREATE2 from the factory (computeUniswapV3PoolAddress).
 */
export const MAINNET = {
  chainId: 1,
  /** Multicall3, the same address on every chain (github.com/mds1/multicall). */
  multicall3: "0xcA11bde05977b3631167028862bE2a173976CA11",
  tokens: {
    WETH: { address: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", decimals: 18 },
    USDC: { address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6 },
    WBTC: { address: "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599", decimals: 8 },
  },
  /** Compound III (Comet) markets, from docs.compound.finance (compound-finance.github.io, docs/pages/v3/compound-3.md). */
  comet: {
    cUSDCv3: { address: "0xc3d688B66703497DAA19211EEdff47f25384cdc3", base: "USDC" },
    cWETHv3: { address: "0xA17581A9E3356d9A858b789D68B4d866e593aE94", base: "WETH" },
    cUSDTv3: { address: "0x3Afdc9BCA9213A35503b077a6072F3D0d5AB0840", base: "USDT" },
  },
  /**
   * The Configurator (its proxy) of every mainnet Comet: it holds each market's configuration and deploys
   * its new implementations (compound-finance/comet, deployments/mainnet/usdc/roots.json, "configurator").
   */
  cometConfigurator: "0x316f9708bB98af7dA9c68C1C3b5e79039cD336E3",
  /** Uniswap V3 (docs.uniswap.org, "Ethereum Deployments"): the factory and the WETH/USDC pools. */
  uniswapV3: {
    factory: "0x1F98431c8aD98523631AE4a59f267346ea31F984",
    poolInitCodeHash: "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54",
    pools: {
      "weth-usdc-5": {
        address: "0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640",
        pair: ["USDC", "WETH"],
        feePips: 500,
      },
      "weth-usdc-30": {
        address: "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
        pair: ["USDC", "WETH"],
        feePips: 3000,
      },
    },
  },
  /** Chainlink USD feeds (data.chain.link, Ethereum mainnet): what Comet's configuration points at. */
  chainlink: {
    "ETH/USD": "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419",
    "USDC/USD": "0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6",
    "BTC/USD": "0xF4030086522a5bEEa4988F8cA5B36dbC97BeE88c",
  },
} as const satisfies {
  chainId: number;
  multicall3: Address;
  tokens: Record<string, { address: Address; decimals: number }>;
  comet: Record<string, { address: Address; base: string }>;
  cometConfigurator: Address;
  uniswapV3: {
    factory: Address;
    poolInitCodeHash: `0x${string}`;
    pools: Record<string, { address: Address; pair: readonly [string, string]; feePips: number }>;
  };
  chainlink: Record<string, Address>;
};
