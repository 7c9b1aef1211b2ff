import type { Chain } from "../chain/types.js";
import type { AaveMarketModel, CascadeState } from "../model/cascade/types.js";
import { readAaveMarket } from "../protocols/aave/readAaveMarket.js";
import type { AddressBook } from "../protocols/types.js";
import { type AaveLosses, measureAaveLosses } from "./measureAaveLosses.js";

export type AaveMarketScan = {
  /** Position indices the pool itself would liquidate (getUserAccountData: HF < 1, collateral > 0). */
  liquidatable: number[];
  /** Losses from the balances just read, at the pool's oracle and the given market prices. */
  losses: AaveLosses;
};

/**
 * A liquidator's scan of every Aave market on the chain: every borrower read through the lens (one
 * `eth_call` per batch), the pool's own health factors deciding who is liquidatable, and the losses
 * measured from the balances read.
 *
 * @param chain - the chain.
 * @param parameters - address book, the state whose Aave markets and borrowers to scan, market prices.
 * @returns per market id, the liquidatable positions and the losses.
 * @example const scan = await scanAaveMarkets(chain, { book, state, marketPriceOf: (s) => (s === "WETH" ? 2500 : 1) });
 */
export async function scanAaveMarkets(
  chain: Chain,
  parameters: {
    book: AddressBook;
    state: CascadeState;
    marketPriceOf: (symbol: string) => number;
  },
): Promise<Record<string, AaveMarketScan>> {
  const { book, state } = parameters;
  const out: Record<string, AaveMarketScan> = {};
  for (const market of state.markets) {
    const addresses = book.aave[market.id];
    if (!addresses || market.kind !== "aave-v3") continue;
    const read = await readAaveMarket(chain, {
      lens: book.harness.aaveLens,
      pool: addresses.pool,
      assets: market.reserves.map((r) => ({ symbol: r.symbol, asset: book.tokens[r.symbol]!.address })),
      users: market.positions.map((p, i) => ({ id: p.id, address: book.borrowers[market.id]![i]! })),
    });
    const liquidatable: number[] = [];
    read.accounts.forEach((a, i) => {
      if (a.healthFactor < 10n ** 18n && a.totalCollateralBase > 0n) liquidatable.push(i);
    });
    const onChain: AaveMarketModel = {
      ...market,
      reserves: read.reserves.map(({ asset: _a, id: _i, aToken: _t, variableDebtToken: _d, ...r }) => r),
      positions: read.positions,
    };
    out[market.id] = {
      liquidatable,
      losses: measureAaveLosses(onChain, {
        oraclePricesE8: read.pricesE8,
        marketPriceOf: parameters.marketPriceOf,
      }),
    };
  }
  return out;
}
