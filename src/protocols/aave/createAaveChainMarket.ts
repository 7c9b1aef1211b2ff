import { encodeFunctionData, maxUint256, parseAbi, type TransactionReceipt, zeroAddress } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { AaveMarketModel } from "../../model/cascade/types.js";
import type { AddressBook, ChainLendingMarket, LiquidationAction, LiquidationOnChain } from "../types.js";
import { createAaveScanner } from "./createAaveScanner.js";
import { decodeAaveLiquidation } from "./decodeAaveLiquidation.js";
import { measureAaveLosses } from "./measureAaveLosses.js";

const _E18 = 10n ** 18n;

const UMBRELLA_ABI = parseAbi([
  "function eliminateReserveDeficit(address asset, uint256 amount) returns (uint256)",
  "event DeficitCovered(address indexed reserve, address caller, uint256 amountCovered)",
]);
const CONFIGURATOR_ABI = parseAbi([
  "function configureReserveAsCollateral(address asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)",
  "event CollateralConfigurationChanged(address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)",
]);

/**
 * An Aave V3 market on chain behind the chain loop's `ChainLendingMarket` interface: liquidations through
 * our `CascadeLiquidator` (flash loan, `liquidationCall(…, max, false)`, sale of the seized collateral,
 * repayment: one transaction, as bots do), decoded from the Pool's `LiquidationCall` event; the scan
 * (createAaveScanner) reads borrowers through AaveLens — what can have changed — and lets the pool's own
 * health factors (`getUserAccountData`) say who is liquidatable; losses come from the balances read.
 *
 * @param chain - the chain the market is on.
 * @param parameters - the address book and the market as the cascade starts from it.
 * @returns the market.
 * @example const aave = createAaveChainMarket(chain, { book, market }); await aave.scan(() => 2500);
 */
export function createAaveChainMarket(
  chain: Chain,
  parameters: { book: AddressBook; market: AaveMarketModel },
): ChainLendingMarket {
  const { book, market } = parameters;
  const addresses = book.aave[market.id]!;
  const liquidatorAbi = loadArtifact("aave/CascadeLiquidator").abi;
  const startDeficits = market.reserves.map((r) => r.deficit ?? 0n);
  const decodeLiquidation = (receipt: TransactionReceipt) =>
    decodeAaveLiquidation(receipt, {
      pool: addresses.pool,
      liquidator: addresses.liquidator,
      treasury: addresses.treasury,
    });
  const scanner = createAaveScanner(chain, {
    lens: book.harness.aaveLens,
    pool: addresses.pool,
    market,
    assets: market.reserves.map((r) => ({ symbol: r.symbol, asset: book.tokens[r.symbol]!.address })),
    users: market.positions.map((p, i) => ({ id: p.id, address: book.borrowers[market.id]![i]! })),
    startDeficits,
  });
  return {
    id: market.id,
    insuranceFundUsd: market.insuranceFundUsd,
    transaction(action, from) {
      // A risk steward's update, sent as the pool admin (the risk-admin path of the PoolConfigurator).
      if (action.kind === "reserveConfig")
        return {
          from: addresses.poolAdmin,
          to: addresses.poolConfigurator,
          gas: 500_000n,
          data: encodeFunctionData({
            abi: CONFIGURATOR_ABI,
            functionName: "configureReserveAsCollateral",
            args: [
              book.tokens[action.asset]!.address,
              action.expected.ltvBps,
              action.expected.liquidationThresholdBps,
              action.expected.liquidationBonusBps,
            ],
          }),
        };
      // The Umbrella covering a deficit with its staked aTokens (the UMBRELLA address of the provider).
      if (action.kind === "eliminateDeficit")
        return {
          from: addresses.umbrella!,
          to: addresses.pool,
          gas: 500_000n,
          data: encodeFunctionData({
            abi: UMBRELLA_ABI,
            functionName: "eliminateReserveDeficit",
            args: [book.tokens[action.asset]!.address, action.amount],
          }),
        };
      if (action.kind !== "liquidationCall") return undefined;
      const venue = (id: string) => ({
        address: (book.uniswapV3.pools[id] ?? book.uniswapV2!.pools[id]!).address,
        v2: !book.uniswapV3.pools[id],
      });
      const sale = venue(action.salePoolId);
      const hop = action.hopPoolId ? venue(action.hopPoolId) : { address: zeroAddress, v2: false };
      const job = {
        collateral: book.tokens[action.collateral]!.address,
        debt: book.tokens[action.debt]!.address,
        user: book.borrowers[action.market]![action.positionIndex]!,
        uniswapPool: sale.address,
        uniswapV2: sale.v2,
        hopPool: hop.address,
        hopV2: hop.v2,
        debtToCover: action.debtToCover ?? maxUint256,
      };
      // Taking aTokens (the reserve cannot pay the seizure out): repaid from the bot's own inventory.
      // Otherwise the model knows exactly what the close factor lets a liquidator repay: borrow that much
      // (a competing bot borrows what it planned to repay, whatever the block has left by its turn).
      const [functionName, amount] = action.receiveAToken
        ? (["liquidateForATokens", action.expected.debtRepaid] as const)
        : (["liquidate", action.flashAmount ?? action.expected.debtRepaid] as const);
      return {
        from,
        to: addresses.liquidator,
        gas: 3_000_000n,
        data: encodeFunctionData({ abi: liquidatorAbi, functionName, args: [job, amount] }),
      };
    },
    observe(receipt, action, { oracleUsd, underlying }) {
      if (action.kind === "eliminateDeficit") {
        const event = receipt.logs
          .map((log) => decodeKnownLog(UMBRELLA_ABI, log))
          .find((e) => e?.eventName === "DeficitCovered");
        const got = (event?.args as { amountCovered: bigint } | undefined)?.amountCovered;
        const expected: Record<string, string> = { covered: String(action.expected.covered) };
        const seen: Record<string, string> = { covered: got === undefined ? "none" : String(got) };
        return { expected, got: seen };
      }
      if (action.kind === "reserveConfig") {
        scanner.touchAll();
        const event = receipt.logs
          .map((log) => decodeKnownLog(CONFIGURATOR_ABI, log))
          .find((e) => e?.eventName === "CollateralConfigurationChanged");
        const got = event?.args as
          | { ltv: bigint; liquidationThreshold: bigint; liquidationBonus: bigint }
          | undefined;
        const e = action.expected;
        return {
          expected: {
            ltv: String(e.ltvBps),
            liquidationThreshold: String(e.liquidationThresholdBps),
            liquidationBonus: String(e.liquidationBonusBps),
          },
          got: got
            ? {
                ltv: String(got.ltv),
                liquidationThreshold: String(got.liquidationThreshold),
                liquidationBonus: String(got.liquidationBonus),
              }
            : { ltv: "none", liquidationThreshold: "none", liquidationBonus: "none" },
        };
      }
      const a = action as LiquidationAction;
      scanner.touch(a.positionIndex);
      const got = decodeLiquidation(receipt);
      const e = a.expected;
      const text = (v: LiquidationOnChain) => ({
        debtRepaid: String(v.debtRepaid),
        collateralSeized: String(v.collateralSeized),
        saleProceeds: String(v.saleProceeds),
        protocolFee: String(v.protocolFee),
      });
      const decimals = (symbol: string) => book.tokens[symbol]!.decimals;
      return {
        expected: text(e),
        got: text(got),
        liquidated: {
          count: 1,
          debtUsd: (Number(got.debtRepaid) / 10 ** decimals(a.debt)) * oracleUsd(a.debt),
          underlyingSold:
            a.collateral === underlying ? Number(got.collateralSeized) / 10 ** decimals(a.collateral) : 0,
        },
      };
    },
    scan: (marketPriceOf, reads) => scanner.scan(marketPriceOf, reads),
    measureLosses(read, prices) {
      const aave = read as AaveMarketModel;
      return measureAaveLosses(aave, {
        oraclePricesE8: aave.reserves.map((r) => prices.oracleE8(r.symbol)),
        marketPriceOf: prices.marketPriceOf,
        startDeficits,
      });
    },
    positionId: (index) => market.positions[index]!.id,
  };
}
