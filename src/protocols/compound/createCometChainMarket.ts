import { type Address, decodeEventLog, encodeFunctionData, type TransactionReceipt } from "viem";
import { loadCometArtifact } from "../../build/compileComet.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel, MarketAction } from "../../model/cascade/types.js";
import { presentValue } from "../../model/lending/compound/CometMath.js";
import { isLiquidatable } from "../../model/lending/compound/isLiquidatable.js";
import type { AddressBook, ChainLendingMarket, ChainMarketLosses, ObservedAction } from "../types.js";
import { readCometMarket } from "./readCometMarket.js";

/**
 * A Comet market on chain behind the chain loop's `ChainLendingMarket` interface: the model's absorbs are
 * sent as `Comet.absorb(liquidator, [account])` from a liquidator account, its storefront buys through our
 * CometLiquidator (buy and sale in one flash swap); both are checked from Comet's own events
 * (AbsorbDebt, AbsorbCollateral, BuyCollateral) and the sale from the liquidator's. The scan asks Comet's
 * own `isLiquidatable` for every account (CometLens, one eth_call); realised losses are the debt beyond the
 * seized collateral's value in each absorb's events.
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
  const cometAbi = loadCometArtifact("Comet").abi;
  const extAbi = loadCometArtifact("CometExt").abi;
  const liquidatorAbi = loadArtifact("compound/CometLiquidator").abi;
  const borrowers = book.borrowers[market.id]!;
  const comet = addresses.comet.toLowerCase();
  const m = market.market;
  /** Shortfall (USD) per absorb transaction, from its events (observe may see a receipt twice). */
  const shortfalls = new Map<string, number>();
  const realizedUsd = () => [...shortfalls.values()].reduce((a, b) => a + b, 0);

  const cometEvents = (receipt: TransactionReceipt) =>
    receipt.logs.flatMap((log) => {
      if (log.address.toLowerCase() !== comet) return [];
      for (const abi of [cometAbi, extAbi])
        try {
          return [decodeEventLog({ abi, data: log.data, topics: log.topics })];
        } catch {}
      return [];
    }) as unknown as { eventName: string; args: Record<string, bigint | Address> }[];

  const insolventOpen = (read: CompoundMarketModel, marketPriceOf: (symbol: string) => number) => {
    const r = read.market;
    let usd = 0;
    for (const p of read.positions) {
      if (p.principal >= 0n) continue;
      const owed = -presentValue(p.principal, r.baseSupplyIndex, r.baseBorrowIndex);
      const debt = (Number(owed) / Number(r.baseScale)) * marketPriceOf(r.baseSymbol);
      const coll = r.assets.reduce(
        (s, a, i) => s + (Number(p.collateral[i]!) / Number(a.scale)) * marketPriceOf(a.symbol),
        0,
      );
      if (debt > coll) usd += debt - coll;
    }
    return usd;
  };

  return {
    id: market.id,
    insuranceFundUsd: market.insuranceFundUsd,
    transaction(action: MarketAction, from) {
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
      const events = cometEvents(receipt);
      const baseUsd = oracleUsd(m.baseSymbol);
      if (action.kind === "absorb") {
        const absorbed = m.assets.map(() => 0n);
        let collateralUsdE8 = 0n;
        let basePaidOut = 0n;
        let debtUsdE8 = 0n;
        let credit = 0n;
        for (const e of events) {
          if (e.eventName === "AbsorbCollateral") {
            const i = addresses.assets.findIndex(
              (a) => a.toLowerCase() === String(e.args.asset).toLowerCase(),
            );
            absorbed[i] = e.args.collateralAbsorbed as bigint;
            collateralUsdE8 += e.args.usdValue as bigint;
          } else if (e.eventName === "AbsorbDebt") {
            basePaidOut = e.args.basePaidOut as bigint;
            debtUsdE8 = e.args.usdValue as bigint;
          } else if (e.eventName === "Transfer") credit = e.args.amount as bigint;
        }
        if (receipt.status === "success")
          shortfalls.set(
            receipt.transactionHash,
            debtUsdE8 > collateralUsdE8 ? Number(debtUsdE8 - collateralUsdE8) / 1e8 : 0,
          );
        return {
          expected: {
            basePaidOut: String(action.expected.basePaidOut),
            collateralAbsorbed: action.expected.collateralAbsorbed.join(","),
          },
          got: { basePaidOut: String(basePaidOut), collateralAbsorbed: absorbed.join(",") },
          liquidated: {
            count: 1,
            debtUsd: (Number(basePaidOut - credit) / Number(m.baseScale)) * baseUsd,
            underlyingSold: 0,
          },
        };
      }
      if (action.kind !== "buyCollateral") throw new Error(`Comet cannot observe ${action.kind}`);
      const buy = events.find((e) => e.eventName === "BuyCollateral");
      let saleProceeds = 0n;
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== addresses.liquidator.toLowerCase()) continue;
        const e = decodeEventLog({ abi: liquidatorAbi, data: log.data, topics: log.topics });
        if (e.eventName === "Bought")
          saleProceeds = (e.args as unknown as { saleProceeds: bigint }).saleProceeds;
      }
      const collateralAmount = (buy?.args.collateralAmount as bigint | undefined) ?? 0n;
      const asset = m.assets[action.assetIndex]!;
      return {
        expected: {
          baseAmount: String(action.baseAmount),
          collateralAmount: String(action.expected.collateralAmount),
          saleProceeds: String(action.expected.saleProceeds),
        },
        got: {
          baseAmount: String((buy?.args.baseAmount as bigint | undefined) ?? 0n),
          collateralAmount: String(collateralAmount),
          saleProceeds: String(saleProceeds),
        },
        liquidated: {
          count: 0,
          debtUsd: 0,
          underlyingSold: asset.symbol === underlying ? Number(collateralAmount) / Number(asset.scale) : 0,
        },
      };
    },
    async scan(marketPriceOf) {
      const read = await readCometMarket(chain, {
        lens: book.harness.cometLens!,
        comet: addresses.comet,
        assets: addresses.assets,
        feeds: m.assets.map((a) => book.feeds[a.symbol]!),
        accounts: borrowers,
        base: market,
      });
      const liquidatable = read.liquidatable.flatMap((yes, i) => (yes ? [i] : []));
      const losses: ChainMarketLosses = {
        realizedUsd: realizedUsd(),
        insolventOpenUsd: insolventOpen(read.market, marketPriceOf),
      };
      return { liquidatable, losses };
    },
    measureLosses(read, prices) {
      const c = read as CompoundMarketModel;
      const pricesE8 = {
        base: prices.oracleE8(c.market.baseSymbol),
        assets: c.market.assets.map((a) => prices.oracleE8(a.symbol)),
      };
      return {
        realizedUsd: realizedUsd(),
        insolventOpenUsd: insolventOpen(c, prices.marketPriceOf),
        liquidatable: c.positions.filter((p) => isLiquidatable(c.market, p, pricesE8)).length,
      };
    },
    positionId: (index) => market.positions[index]!.id,
  };
}
