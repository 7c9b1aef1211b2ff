import { encodeFunctionData, maxUint256, type TransactionReceipt } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { AaveMarketModel } from "../../model/cascade/types.js";
import type { AddressBook, ChainLendingMarket, LiquidationAction, LiquidationOnChain } from "../types.js";
import { aaveAdminTransaction, observeAaveAdminAction } from "./aaveAdminActions.js";
import { aaveSaleRoute } from "./aaveSaleRoute.js";
import { aaveSupplyTransaction, observeAaveSupply } from "./aaveSupply.js";
import { aaveUnwindTransaction, observeAaveUnwind } from "./aaveUnwind.js";
import { createAaveScanner } from "./createAaveScanner.js";
import { decodeAaveLiquidation } from "./decodeAaveLiquidation.js";
import { measureAaveLosses } from "./measureAaveLosses.js";

const _E18 = 10n ** 18n;

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
  // A competing bot's liquidation goes through its own contract; the rest through the market's.
  const liquidatorOf = (action: LiquidationAction) =>
    (action.kind === "liquidationCall" && action.race && addresses.bots?.[action.race.bot]) ||
    addresses.liquidator;
  const decodeLiquidation = (receipt: TransactionReceipt, action: LiquidationAction) =>
    decodeAaveLiquidation(receipt, {
      pool: addresses.pool,
      liquidator: liquidatorOf(action),
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
      // A risk steward's update and the Umbrella's cover: the market's own admin calls.
      if (
        action.kind === "reserveConfig" ||
        action.kind === "eliminateDeficit" ||
        action.kind === "liquidationGrace"
      )
        return aaveAdminTransaction(action, addresses, book.tokens);
      if (action.kind === "supply")
        return aaveSupplyTransaction(action, {
          pool: addresses.pool,
          from: book.roles.trader,
          asset: book.tokens[action.asset]!.address,
          onBehalfOf: book.borrowers[action.market]![action.positionIndex]!,
        });
      // The aTokens our liquidator took, withdrawn and sold once their reserve has cash.
      if (action.kind === "unwindATokens")
        return aaveUnwindTransaction(action, { book, liquidator: addresses.liquidator, from });
      if (action.kind !== "liquidationCall") return undefined;
      const job = {
        collateral: book.tokens[action.collateral]!.address,
        debt: book.tokens[action.debt]!.address,
        user: book.borrowers[action.market]![action.positionIndex]!,
        ...aaveSaleRoute(book, action),
        debtToCover: action.debtToCover ?? maxUint256,
      };
      // Taking aTokens (the reserve cannot pay the seizure out): repaid from the bot's own inventory.
      // Otherwise the model knows exactly what the close factor lets a liquidator repay: borrow that much
      // (a competing bot borrows what it planned to repay, whatever the block has left by its turn).
      // A bot with capital of its own repays from its contract's inventory, without a flash loan.
      const [functionName, amount] = action.receiveAToken
        ? (["liquidateForATokens", action.expected.debtRepaid] as const)
        : action.capitalAmount !== undefined
          ? (["liquidateWithCapital", action.capitalAmount] as const)
          : (["liquidate", action.flashAmount ?? action.expected.debtRepaid] as const);
      return {
        from,
        to: liquidatorOf(action),
        gas: 3_000_000n,
        data: encodeFunctionData({ abi: liquidatorAbi, functionName, args: [job, amount] }),
      };
    },
    observe(receipt, action, { oracleUsd, underlying, blockTimestamp }) {
      if (action.kind === "supply") {
        scanner.touch(action.positionIndex);
        return observeAaveSupply(receipt, action, {
          pool: addresses.pool,
          onBehalfOf: book.borrowers[action.market]![action.positionIndex]!,
        });
      }
      if (action.kind === "unwindATokens")
        return observeAaveUnwind(receipt, action, { pool: addresses.pool, liquidator: addresses.liquidator });
      if (
        action.kind === "reserveConfig" ||
        action.kind === "eliminateDeficit" ||
        action.kind === "liquidationGrace"
      ) {
        // New terms can move every position's health: the next scan re-reads them all.
        if (action.kind === "reserveConfig") scanner.touchAll();
        return observeAaveAdminAction(receipt, action, blockTimestamp);
      }
      const a = action as LiquidationAction;
      scanner.touch(a.positionIndex);
      const got = decodeLiquidation(receipt, a);
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
