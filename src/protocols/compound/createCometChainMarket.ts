import { encodeFunctionData } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel, MarketAction } from "../../model/cascade/types.js";
import { isLiquidatable } from "../../model/lending/compound/isLiquidatable.js";
import { cometPricesE8 } from "../../model/markets/compound/cometPricesE8.js";
import { insolventOpenUsd } from "../../model/markets/compound/insolventOpenUsd.js";
import type { AddressBook, ChainLendingMarket, ChainMarketLosses, ObservedAction } from "../types.js";
import { cometAdminTransaction, isCometAdminAction, observeCometAdmin } from "./cometAdminActions.js";
import { createCometScanner } from "./createCometScanner.js";
import { type CometBuyOnChain, decodeCometAbsorb, decodeCometBuy } from "./decodeCometAction.js";

/**
 * A Comet market on chain behind the chain loop's `ChainLendingMarket` interface: the model's absorbs are
 * sent as `Comet.absorb(liquidator, [account])` from a liquidator account, its storefront buys through our
 * CometLiquidator (buy and sale in one flash swap); both are checked from Comet's own events
 * (AbsorbDebt, AbsorbCollateral, BuyCollateral) and the sale from the liquidator's. The scan
 * (createCometScanner) asks Comet's own `isLiquidatable` for the accounts that can have changed (CometLens);
 * realised losses are the debt beyond the seized collateral's value in each absorb's events. The DAO's
 * factor cuts go the governor's way: the Configurator's updates, then CometProxyAdmin.deployAndUpgradeTo
 * (checked from the Configurator's events and the proxy's Upgraded), after which the scan rereads everyone.
 *
 * @param chain - the chain the market is on.
 * @param parameters - the address book and the market as the cascade starts from it.
 * @returns the market.
 */
export function createCometChainMarket(
  chain: Chain,
  parameters: { book: AddressBook; market: CompoundMarketModel },
): ChainLendingMarket {
  const { book, market } = parameters;
  const addresses = book.compound![market.id]!;
  // Comet's interface (ours, contracts/compound/IComet.sol): a fork runs without Comet's source.
  const cometAbi = loadArtifact("compound/IComet").abi;
  const liquidatorAbi = loadArtifact("compound/CometLiquidator").abi;
  const borrowers = book.borrowers[market.id]!;
  const m = market.market;
  /** Debt beyond the seized collateral's value, USD, summed over the absorbs observed (once each). */
  let realizedUsd = 0;
  const assetAddress = (symbol: string) => addresses.assets[m.assets.findIndex((a) => a.symbol === symbol)]!;
  const scanner = createCometScanner(chain, {
    lens: book.harness.cometLens!,
    comet: addresses.comet,
    assets: addresses.assets,
    feeds: addresses.priceFeeds,
    accounts: borrowers,
    market,
  });
  return {
    id: market.id,
    insuranceFundUsd: market.insuranceFundUsd,
    transaction(action: MarketAction, from) {
      // The DAO's levers: the governor pauses absorb, or changes factors through the Configurator.
      if (isCometAdminAction(action)) return cometAdminTransaction(action, addresses, assetAddress);
      if (action.kind === "absorb")
        return {
          from,
          to: addresses.comet,
          gas: 1_500_000n,
          data: encodeFunctionData({
            abi: cometAbi,
            functionName: "absorb",
            args: [from, [borrowers[action.positionIndex]!]],
          }),
        };
      if (action.kind !== "buyCollateral") return undefined;
      const v3 = book.uniswapV3.pools[action.salePoolId];
      const v2 = book.uniswapV2?.pools[action.salePoolId];
      const pool = v3 ?? v2;
      // The flash swap pays out the pool's other token: it must be Comet's base.
      if (
        !pool ||
        ![pool.token0, pool.token1].some((t) => t.toLowerCase() === addresses.baseToken.toLowerCase())
      )
        return undefined;
      return {
        from,
        to: addresses.liquidator,
        gas: 2_500_000n,
        data: encodeFunctionData({
          abi: liquidatorAbi,
          functionName: "buyAndSell",
          args: [
            {
              asset: addresses.assets[action.assetIndex]!,
              baseAmount: action.baseAmount,
              pool: pool.address,
              uniswapV2: !v3,
            },
          ],
        }),
      };
    },
    observe(receipt, action, { oracleUsd, underlying }): ObservedAction {
      if (isCometAdminAction(action)) {
        const observed = observeCometAdmin(receipt, action, addresses, assetAddress);
        // A new implementation (new factors): the scan rereads every account and the configuration.
        if (action.kind === "cometUpgrade" && observed.got.upgraded === "true") scanner.reconfigure();
        return observed;
      }
      const baseUsd = oracleUsd(m.baseSymbol);
      if (action.kind === "absorb") {
        scanner.touch(action.positionIndex);
        const got = decodeCometAbsorb(receipt, addresses);
        if (got.debtUsdE8 > got.collateralUsdE8)
          realizedUsd += Number(got.debtUsdE8 - got.collateralUsdE8) / 1e8;
        return {
          expected: {
            basePaidOut: String(action.expected.basePaidOut),
            collateralAbsorbed: action.expected.collateralAbsorbed.join(","),
          },
          got: { basePaidOut: String(got.basePaidOut), collateralAbsorbed: got.absorbed.join(",") },
          liquidated: {
            count: 1,
            debtUsd: (Number(got.basePaidOut - got.credit) / Number(m.baseScale)) * baseUsd,
            underlyingSold: 0,
          },
        };
      }
      if (action.kind !== "buyCollateral") throw new Error(`Comet cannot observe ${action.kind}`);
      const got = decodeCometBuy(receipt, addresses);
      const asset = m.assets[action.assetIndex]!;
      const text = (v: CometBuyOnChain) => ({
        baseAmount: String(v.baseAmount),
        collateralAmount: String(v.collateralAmount),
        saleProceeds: String(v.saleProceeds),
      });
      return {
        expected: text({ baseAmount: action.baseAmount, ...action.expected }),
        got: text(got),
        liquidated: {
          count: 0,
          debtUsd: 0,
          underlyingSold:
            asset.symbol === underlying ? Number(got.collateralAmount) / Number(asset.scale) : 0,
        },
      };
    },
    async scan(marketPriceOf, reads) {
      const s = await scanner.scan(reads);
      const losses: ChainMarketLosses = {
        realizedUsd,
        insolventOpenUsd: insolventOpenUsd(s.market, marketPriceOf),
      };
      return { liquidatable: s.liquidatable, losses, read: s.read };
    },
    measureLosses(read, prices) {
      const c = read as CompoundMarketModel;
      const pricesE8 = cometPricesE8(c, prices.oracleE8);
      return {
        realizedUsd,
        insolventOpenUsd: insolventOpenUsd(c, prices.marketPriceOf),
        liquidatable: c.positions.filter((p) => isLiquidatable(c.market, p, pricesE8)).length,
      };
    },
    positionId: (index) => market.positions[index]!.id,
  };
}
