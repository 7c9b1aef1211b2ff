import { encodeFunctionData, parseAbi, type TransactionReceipt, zeroAddress } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";
import { isHealthy } from "../../model/lending/morpho/isHealthy.js";
import { morphoInsolventOpenUsd } from "../../model/markets/morpho/morphoInsolventOpenUsd.js";
import { morphoOraclePrice } from "../../model/markets/morpho/morphoOraclePrice.js";
import type { AddressBook, ChainLendingMarket, LiquidationAction } from "../types.js";
import { createWrapperPricing } from "./createWrapperPricing.js";
import type { MorphoLiquidationOnChain } from "./decodeMorphoLiquidation.js";
import { decodeMorphoLiquidation } from "./decodeMorphoLiquidation.js";
import { readMorphoBySlots } from "./readMorphoBySlots.js";

const ORACLE_ABI = parseAbi(["function price() view returns (uint256)"]);

/**
 * A Morpho Blue market on chain behind the chain loop's `ChainLendingMarket` interface: the model's
 * liquidations are sent through our MorphoLiquidator (Morpho's `liquidate` with its callback selling the
 * seized collateral on the sale pool) with the model's inputs (seized assets or repaid shares), and checked
 * from Morpho's own `Liquidate` event (repaid assets and shares, seized collateral, bad debt) and the
 * liquidator's sale. The scan reads the market's totals and every borrower's shares and collateral in one
 * `extSloads` call and the oracle's `price()`, and applies the contract's health check to the stored state
 * (as a view sees it, without accrual); realised losses are the bad debt in the Liquidate events.
 */
export function createMorphoChainMarket(
  chain: Chain,
  parameters: { book: AddressBook; market: MorphoMarketModel },
): ChainLendingMarket {
  const { book, market } = parameters;
  const addresses = book.morpho![market.id]!;
  const liquidatorAbi = loadArtifact("morpho/MorphoLiquidator").abi;
  const borrowers = book.borrowers[market.id]!;
  let realizedUsd = 0;
  const decode = (receipt: TransactionReceipt) =>
    decodeMorphoLiquidation(receipt, {
      morpho: addresses.morpho,
      liquidator: addresses.liquidator,
      liquidatorAbi,
    });
  const oraclePrice = async () =>
    (await chain.client.readContract({
      address: addresses.params.oracle,
      abi: ORACLE_ABI,
      functionName: "price",
    })) as bigint;
  const wrapper = market.wrapper;
  const pricing = createWrapperPricing(chain, market, addresses.params.collateralToken);
  return {
    id: market.id,
    insuranceFundUsd: market.insuranceFundUsd,
    transaction(action, from) {
      if (action.kind !== "liquidationCall" || !action.morpho) return undefined;
      const venue = (id: string) => ({
        address: (book.uniswapV3.pools[id] ?? book.uniswapV2!.pools[id]!).address,
        v2: !book.uniswapV3.pools[id],
      });
      const sale = venue(action.salePoolId);
      const hop = action.hopPoolId ? venue(action.hopPoolId) : { address: zeroAddress, v2: false };
      return {
        from,
        to: addresses.liquidator,
        gas: 3_000_000n,
        data: encodeFunctionData({
          abi: liquidatorAbi,
          functionName: "liquidate",
          args: [
            {
              market: addresses.params,
              borrower: borrowers[action.positionIndex]!,
              seizedAssets: action.morpho.seizedAssets,
              repaidShares: action.morpho.repaidShares,
              uniswapPool: sale.address,
              uniswapV2: sale.v2,
              hopPool: hop.address,
              hopV2: hop.v2,
              redeemVault: wrapper ? addresses.params.collateralToken : zeroAddress,
            },
          ],
        }),
      };
    },
    observe(receipt, action, { oracleUsd, underlying }) {
      const a = action as LiquidationAction;
      const got = decode(receipt);
      const e = a.expected;
      realizedUsd += (Number(got.badDebtAssets) / 10 ** market.loanDecimals) * oracleUsd(market.loanSymbol);
      const text = (v: MorphoLiquidationOnChain) => ({
        repaidAssets: String(v.repaidAssets),
        repaidShares: String(v.repaidShares),
        seizedAssets: String(v.seizedAssets),
        badDebtAssets: String(v.badDebtAssets),
        ...(wrapper ? { redeemedAssets: String(v.redeemedAssets ?? "none") } : {}),
        saleProceeds: String(v.saleProceeds),
      });
      return {
        expected: text({
          repaidAssets: e.debtRepaid,
          repaidShares: e.repaidShares ?? 0n,
          seizedAssets: e.collateralSeized,
          badDebtAssets: e.badDebt ?? 0n,
          ...(e.redeemedAssets !== undefined ? { redeemedAssets: e.redeemedAssets } : {}),
          saleProceeds: e.saleProceeds,
        }),
        got: text(got),
        liquidated: {
          count: 1,
          debtUsd: (Number(got.repaidAssets) / 10 ** market.loanDecimals) * oracleUsd(market.loanSymbol),
          underlyingSold:
            market.collateralSymbol === underlying
              ? Number(got.seizedAssets) / 10 ** market.collateralDecimals
              : wrapper?.underlying === underlying
                ? Number(got.redeemedAssets ?? 0n) / 10 ** market.collateralDecimals
                : 0,
        },
      };
    },
    async scan(marketPriceOf) {
      const read = await readMorphoBySlots(chain, {
        morpho: addresses.morpho,
        id: addresses.id,
        accounts: borrowers,
      });
      const price = await oraclePrice();
      await pricing.read();
      const liquidatable: number[] = [];
      read.positions.forEach((p, i) => {
        if (!isHealthy(read.market, market.lltv, { supplyShares: 0n, ...p }, price)) liquidatable.push(i);
      });
      const now: MorphoMarketModel = {
        ...market,
        market: read.market,
        positions: read.positions.map((p, i) => ({ ...p, supplyShares: 0n, id: market.positions[i]!.id })),
      };
      return {
        liquidatable,
        losses: { realizedUsd, insolventOpenUsd: morphoInsolventOpenUsd(now, pricing.priced(marketPriceOf)) },
        read: borrowers.length,
      };
    },
    measureLosses(read, prices) {
      const m = read as MorphoMarketModel;
      // The wrapper's rate as read with the market at the end (else the last scan's).
      if (m.wrapper?.assetsOfSample !== undefined) pricing.set(m.wrapper.assetsOfSample);
      const price = morphoOraclePrice(
        m.loanDecimals,
        m.collateralDecimals,
        prices.oracleE8(wrapper?.underlying ?? m.collateralSymbol),
        prices.oracleE8(m.loanSymbol),
        wrapper ? { assets: pricing.assetsOfSample(), sample: wrapper.sampleShares } : undefined,
      );
      return {
        realizedUsd,
        insolventOpenUsd: morphoInsolventOpenUsd(m, pricing.priced(prices.marketPriceOf)),
        liquidatable: m.positions.filter((p) => !isHealthy(m.market, m.lltv, p, price)).length,
      };
    },
    positionId: (index) => market.positions[index]!.id,
  };
}
