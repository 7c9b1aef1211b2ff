import type { Address } from "viem";
import { inSeries } from "../../chain/inSeries.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { hasRates } from "../../model/lending/aave/calculateInterestRates.js";
import {
  getBorrowCap,
  getDecimals,
  getLiquidationBonus,
  getLiquidationProtocolFee,
  getLiquidationThreshold,
  getLtv,
  getReserveFactor,
  getSupplyCap,
  isUsingAsCollateral,
} from "../../model/lending/aave/ReserveConfiguration.js";
import type { AavePosition, AaveReserve, AaveReserveAccrual } from "../../model/lending/aave/types.js";

export type ReadAaveMarketParameters = {
  lens: Address;
  pool: Address;
  /** Reserve underlying addresses with their symbols, in the model's reserve order. */
  assets: readonly { symbol: string; asset: Address }[];
  /** Borrowers, with the model ids to give them. */
  users: readonly { id: string; address: Address }[];
  /** Users per eth_call; default 250. */
  batchSize?: number;
  blockNumber?: bigint;
};

export type AaveAccountOnChain = {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  healthFactor: bigint;
  /** The user's configuration bitmap over all the pool's reserves (2 bits per reserve id: borrowing, collateral). */
  userConfiguration: bigint;
  /** E-mode category (0 = none). */
  eModeCategory: number;
};

export type ReadAaveMarketReturnType = {
  reserves: (AaveReserve & { asset: Address; id: number; aToken: Address; variableDebtToken: Address })[];
  /** Oracle prices (base currency, 8 decimals) per reserve. */
  pricesE8: bigint[];
  /** Supply and borrow caps per reserve, whole tokens (0 = none): they bind supply and borrow, not liquidation. */
  caps: { supplyCap: bigint; borrowCap: bigint }[];
  positions: AavePosition[];
  /** What the pool itself reports per user (getUserAccountData), to check the model against. */
  accounts: AaveAccountOnChain[];
  /** The time of the block read (each accrual's `lastUpdateSeconds` is relative to it). */
  blockTimestamp: bigint;
};

/** One reserve as AaveLens returns it. */
type LensReserve = {
  id: number;
  configuration: bigint;
  liquidityIndexRay: bigint;
  variableBorrowIndexRay: bigint;
  aToken: Address;
  variableDebtToken: Address;
  priceBase: bigint;
  underlyingBalance: bigint;
  virtualBalance: bigint;
  deficit: bigint;
  storedLiquidityIndex: bigint;
  storedVariableBorrowIndex: bigint;
  liquidityRate: bigint;
  variableBorrowRate: bigint;
  lastUpdateTimestamp: bigint;
  totalScaledDebt: bigint;
  blockTimestamp: bigint;
  rateDataBps: readonly bigint[];
  /** 2: a v3.4+ strategy's rate data; 1: a v3.0 DefaultReserveInterestRateStrategy's (rays / 1e23); 0: none. */
  rateModel: bigint;
  totalScaledSupply: bigint;
  accruedToTreasury: bigint;
};

/** One account as AaveLens returns it. */
type LensAccount = {
  scaledCollateral: readonly bigint[];
  scaledDebt: readonly bigint[];
  userConfiguration: bigint;
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  healthFactor: bigint;
  eModeCategory: bigint;
};

/**
 * Reads an Aave V3 market into the model's form through AaveLens: reserve parameters decoded from the
 * configuration words, current indices, oracle prices, and each user's scaled balances and collateral
 * bits, in one `eth_call` per batch of users.
 *
 * @param chain - a running chain (replica or fork).
 * @param parameters - lens, pool, assets, users.
 * @returns model reserves and positions, prices, and the pool's own account data.
 */
export async function readAaveMarket(
  chain: Chain,
  parameters: ReadAaveMarketParameters,
): Promise<ReadAaveMarketReturnType> {
  const abi = loadArtifact("lens/AaveLens").abi;
  const assets = parameters.assets.map((a) => a.asset);
  const at = parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {};
  const raw = (await chain.client.readContract({
    address: parameters.lens,
    abi,
    functionName: "reserves",
    args: [parameters.pool, assets],
    ...at,
  })) as readonly LensReserve[];
  const reserves = raw.map((r, i) => ({
    symbol: parameters.assets[i]!.symbol,
    asset: parameters.assets[i]!.asset,
    id: r.id,
    decimals: getDecimals(r.configuration),
    ltvBps: getLtv(r.configuration),
    liquidationThresholdBps: getLiquidationThreshold(r.configuration),
    liquidationBonusBps: getLiquidationBonus(r.configuration),
    protocolFeeBps: getLiquidationProtocolFee(r.configuration),
    liquidityIndexRay: r.liquidityIndexRay,
    variableBorrowIndexRay: r.variableBorrowIndexRay,
    // What the reserve can pay out: its virtual balance (v3.1+), never more than the aToken holds.
    cash: r.virtualBalance < r.underlyingBalance ? r.virtualBalance : r.underlyingBalance,
    deficit: r.deficit,
    totalScaledSupply: r.totalScaledSupply,
    caps: { supplyCap: getSupplyCap(r.configuration), borrowCap: getBorrowCap(r.configuration) },
    ...accrualOf(r),
    aToken: r.aToken,
    variableDebtToken: r.variableDebtToken,
  }));
  const positions: AavePosition[] = [];
  const accounts: AaveAccountOnChain[] = [];
  const batchSize = parameters.batchSize ?? 250;
  const starts: number[] = [];
  for (let start = 0; start < parameters.users.length; start += batchSize) starts.push(start);
  // In series: two calls in flight over the node's WebSocket stall ~40 ms (inSeries).
  const batches = await inSeries(
    starts,
    (start) =>
      chain.client.readContract({
        address: parameters.lens,
        abi,
        functionName: "accounts",
        args: [
          parameters.pool,
          assets,
          parameters.users.slice(start, start + batchSize).map((u) => u.address),
        ],
        ...at,
      }) as Promise<readonly LensAccount[]>,
  );
  let k = 0;
  for (const batch of batches) {
    for (const a of batch) {
      const id = parameters.users[k++]!.id;
      positions.push({
        id,
        scaledCollateral: [...a.scaledCollateral],
        scaledDebt: [...a.scaledDebt],
        usingAsCollateral: raw.map((r) => isUsingAsCollateral(a.userConfiguration, r.id)),
        ...(a.eModeCategory !== 0n ? { eModeCategory: Number(a.eModeCategory) } : {}),
      });
      accounts.push({
        totalCollateralBase: a.totalCollateralBase,
        totalDebtBase: a.totalDebtBase,
        healthFactor: a.healthFactor,
        userConfiguration: a.userConfiguration,
        eModeCategory: Number(a.eModeCategory),
      });
    }
  }
  const caps = raw.map((r) => ({
    supplyCap: getSupplyCap(r.configuration),
    borrowCap: getBorrowCap(r.configuration),
  }));
  const blockTimestamp = raw[0]?.blockTimestamp ?? 0n;
  return { reserves, pricesE8: raw.map((r) => r.priceBase), caps, positions, accounts, blockTimestamp };
}

/**
 * A reserve's interest state as the model takes it (v3.4+, or v3.0 with its DefaultReserveInterestRateStrategy), when its strategy gives it rates above zero (the
 * last update relative to the block read, which the cascade counts as its block 0); none otherwise.
 */
function accrualOf(r: LensReserve): { accrual?: AaveReserveAccrual } {
  const [optimal, base, slope1, slope2] = r.rateDataBps.map(Number) as [number, number, number, number];
  const rates = {
    optimalUsageRatioBps: optimal,
    baseVariableBorrowRateBps: base,
    variableRateSlope1Bps: slope1,
    variableRateSlope2Bps: slope2,
  };
  if (!hasRates(rates)) return {};
  return {
    accrual: {
      ...(r.rateModel === 1n ? { profile: "v3.0" as const } : {}),
      rates,
      reserveFactorBps: getReserveFactor(r.configuration),
      liquidityRateRay: r.liquidityRate,
      variableBorrowRateRay: r.variableBorrowRate,
      storedLiquidityIndexRay: r.storedLiquidityIndex,
      storedVariableBorrowIndexRay: r.storedVariableBorrowIndex,
      lastUpdateSeconds: r.lastUpdateTimestamp - r.blockTimestamp,
      totalScaledDebt: r.totalScaledDebt,
      accruedToTreasury: r.accruedToTreasury,
    },
  };
}
