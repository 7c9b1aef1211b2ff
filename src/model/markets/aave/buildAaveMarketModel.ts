import { ModelInputError } from "../../../errors/ModelInputError.js";
import type { AaveMarketModel } from "../../cascade/types.js";
import { hasRates } from "../../lending/aave/calculateInterestRates.js";
import { normalizedIndices, updateRates } from "../../lending/aave/ReserveLogic.js";
import { userReserveTerms } from "../../lending/aave/userReserveTerms.js";
import { RAY } from "../../lending/aave/WadRayMath.js";
import { toUnits } from "../../math/toUnits.js";
import type { Scenario } from "../../scenario/schema.js";
import type { AssetFacts, MarketModelBuilder } from "../types.js";
import { marketAccountData } from "./marketAccountData.js";
import { replicaDepositorSupply } from "./replicaDepositorSupply.js";

type AaveSpec = Extract<Scenario["markets"][number], { kind: "aave-v3" }>;

/**
 * An Aave market model from its scenario section, before borrowers: reserves with their configuration in
 * bps and indices at 1 RAY.
 *
 * @param spec - the scenario's market.
 * @param decimalsOf - an asset's decimals.
 * @returns the market with no positions.
 */
export function buildAaveMarketModel(
  spec: AaveSpec,
  decimalsOf: (symbol: string) => number,
): AaveMarketModel {
  return {
    id: spec.id,
    kind: "aave-v3",
    profile: spec.profile,
    reserves: spec.reserves.map((r) => ({
      symbol: r.asset,
      decimals: decimalsOf(r.asset),
      ltvBps: BigInt(r.ltvBps),
      liquidationThresholdBps: BigInt(r.liquidationThresholdBps),
      liquidationBonusBps: BigInt(r.liquidationBonusBps),
      protocolFeeBps: BigInt(r.protocolFeeBps),
      liquidityIndexRay: RAY,
      variableBorrowIndexRay: RAY,
      caps: { supplyCap: BigInt(r.supplyCap ?? 0), borrowCap: BigInt(r.borrowCap ?? 0) },
    })),
    eModeCategories: (spec.eModeCategories ?? []).map((c) => ({
      id: c.id,
      ltvBps: BigInt(c.ltvBps),
      liquidationThresholdBps: BigInt(c.liquidationThresholdBps),
      liquidationBonusBps: BigInt(c.liquidationBonusBps),
      collateral: spec.reserves.map((r) => c.collateral.includes(r.asset)),
      borrowable: spec.reserves.map((r) => c.borrowable.includes(r.asset)),
      ltvzero: spec.reserves.map(() => false),
      ...(c.isolated ? { isolated: true } : {}),
    })),
    positions: [],
    ...((spec.umbrella ?? []).length > 0
      ? {
          // Staked at 1 ray (the replica's seeding): the scaled balance is the amount.
          umbrella: spec.umbrella.map((u) => ({
            reserve: spec.reserves.findIndex((r) => r.asset === u.asset),
            scaledBalance: toUnits(u.stake, decimalsOf(u.asset)),
          })),
        }
      : {}),
    insuranceFundUsd: spec.insuranceFundUsd,
  };
}

/**
 * Aave's positions from borrower entries (scaled balances at index 1 RAY), its reserves' thresholds, and
 * (completeAaveMarket) each reserve's utilisation and cash as the replica seeds them.
 */
export const aaveMarketBuilder: MarketModelBuilder<AaveMarketModel> = {
  build: (spec, asset) => buildAaveMarketModel(spec, (symbol) => asset(symbol).decimals),
  positions(market) {
    // Positions with the same collateral flags share one frozen array (positions are replaced, never
    // edited in place: executeLiquidationCall copies), which spares a million small arrays.
    const flagArrays = new Map<number, readonly boolean[]>();
    return {
      add(e) {
        let key = 0; // the flags as bits (exact in a double for the ≤ 52 reserves a market has)
        for (let i = 0; i < market.reserves.length; i++)
          if ((e.collateral[market.reserves[i]!.symbol] ?? 0) > 0) key += 2 ** i;
        let usingAsCollateral = market.reserves.length <= 52 ? flagArrays.get(key) : undefined;
        if (!usingAsCollateral) {
          usingAsCollateral = Object.freeze(market.reserves.map((r) => (e.collateral[r.symbol] ?? 0) > 0));
          flagArrays.set(key, usingAsCollateral);
        }
        market.positions.push({
          id: e.id,
          scaledCollateral: market.reserves.map((r) =>
            e.collateral[r.symbol] ? toUnits(e.collateral[r.symbol]!, r.decimals) : 0n,
          ),
          scaledDebt: market.reserves.map((r) =>
            e.debt[r.symbol] ? toUnits(e.debt[r.symbol]!, r.decimals) : 0n,
          ),
          usingAsCollateral: usingAsCollateral as boolean[],
          ...(e.eMode ? { eModeCategory: e.eMode } : {}),
        });
      },
      finish() {},
    };
  },
  liquidationThreshold: (market, collateral, eMode) => {
    const i = market.reserves.findIndex((r) => r.symbol === collateral);
    const category = eMode ? market.eModeCategories.find((c) => c.id === eMode) : undefined;
    return Number(userReserveTerms(market.reserves[i]!, i, category).liquidationThresholdBps) / 10_000;
  },
  complete: (market, spec, asset) => completeAaveMarket(market, spec, asset),
  refuseUnopenable: (market, asset) => refuseBelowHealthOne(market, asset),
};

const PPM = 1_000_000n;

/**
 * What follows from the whole book: each reserve's utilisation as the scenario sets it, and its cash as the
 * replica seeds it. A reserve's supply is at least `supplyUsd` (a depositor supplies what the book does
 * not). A reserve whose borrowers borrow less than `utilization` × supply gets a utilisation
 * borrower (last in the book: it borrows the rest against another collateral reserve, one without a target
 * where there is one, at health factor 2); one whose borrowers borrow more gets a depositor supplying what
 * brings it to the target. A reserve with no target gets replicaDepositorSupply. Cash = supply − debt; the
 * aTokens' scaled total supply = supply (minted at 1 ray).
 */
function completeAaveMarket(
  market: AaveMarketModel,
  spec: AaveSpec,
  asset: (symbol: string) => AssetFacts,
): void {
  // Supply from the book: the positions' collateral, what static aTokens other markets hold deposited, and
  // the Umbrella's stakes.
  const totals = () =>
    market.reserves.map((_, i) => {
      let collateral = 0n;
      let debt = 0n;
      for (const p of market.positions) {
        collateral += p.scaledCollateral[i]!;
        debt += p.scaledDebt[i]!;
      }
      for (const t of market.staticATokens ?? []) if (t.reserve === i) collateral += t.scaledBalance;
      for (const u of market.umbrella ?? []) if (u.reserve === i) collateral += u.scaledBalance;
      return { collateral, debt };
    });
  const targets = spec.reserves.map((r) =>
    r.utilization === undefined ? undefined : BigInt(Math.round(r.utilization * 1e6)),
  );
  // The reserve's size before the shock (supplyUsd): the rest of the market around the scenario's book.
  const sizes = spec.reserves.map((r, i) =>
    r.supplyUsd === undefined
      ? 0n
      : toUnits(r.supplyUsd / asset(r.asset).priceUsd, market.reserves[i]!.decimals),
  );
  const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);
  // Utilisation borrowers post their collateral in a reserve without a target where there is one (their
  // supply dilutes that reserve's utilisation).
  market.reserves.forEach((r, i) => {
    const u = targets[i];
    if (u === undefined) return;
    const { collateral, debt } = totals()[i]!;
    const supply = maxOf(collateral, sizes[i]!);
    if (debt * PPM >= u * supply) return;
    const extra = (u * supply) / PPM - debt;
    const others = market.reserves.flatMap((c, k) => (k !== i && c.liquidationThresholdBps > 0n ? [k] : []));
    const j = others.find((k) => targets[k] === undefined) ?? others[0];
    if (j === undefined)
      throw new ModelInputError(
        `markets.${market.id}: utilization of ${r.symbol} needs another reserve with a liquidation threshold, as the utilisation borrower's collateral.`,
      );
    const c = market.reserves[j]!;
    const debtUsd = (Number(extra) / 10 ** r.decimals) * asset(r.symbol).priceUsd;
    const collateralUnits =
      (2 * debtUsd) / (Number(c.liquidationThresholdBps) / 10_000) / asset(c.symbol).priceUsd;
    market.positions.push({
      id: `${market.id}-utilization-${r.symbol}`,
      scaledCollateral: market.reserves.map((_, k) => (k === j ? toUnits(collateralUnits, c.decimals) : 0n)),
      scaledDebt: market.reserves.map((_, k) => (k === i ? extra : 0n)),
      usingAsCollateral: market.reserves.map((_, k) => k === j),
    });
  });
  const after = totals();
  market.reserves.forEach((r, i) => {
    const u = targets[i];
    const { collateral, debt } = after[i]!;
    let depositor: bigint;
    if (u === undefined && sizes[i] === 0n) depositor = replicaDepositorSupply(debt, r.decimals);
    else {
      const byTarget = u === undefined ? 0n : (debt * PPM + u - 1n) / u; // debt / u, rounded up
      const supply = maxOf(maxOf(byTarget, sizes[i]!), debt);
      depositor = supply > collateral ? supply - collateral : 0n;
    }
    r.cash = depositor + collateral - debt;
    r.deficit = 0n;
    // Every supply is minted at index 1 ray, where the scaled amount is the amount.
    r.totalScaledSupply = depositor + collateral;
  });
  // A target another reserve's utilisation borrower diluted cannot be met: say so rather than run another.
  targets.forEach((u, i) => {
    if (u === undefined) return;
    const { debt } = after[i]!;
    const supply = debt + market.reserves[i]!.cash!;
    const reached = supply === 0n ? 0 : Number(debt) / Number(supply);
    if (Math.abs(reached - Number(u) / 1e6) > 1e-4)
      throw new ModelInputError(
        `markets.${market.id}.reserves[${i}].utilization: ${Number(u) / 1e6} cannot be reached (${reached.toFixed(4)}): another reserve's utilisation borrower supplies ${market.reserves[i]!.symbol} as collateral. Set one target only, or list a reserve without a target for that collateral.`,
      );
  });
  startInterest(market, spec, after);
}

/**
 * The interest state of each reserve with rates above zero, as the replica starts it (startAaveInterest):
 * the book is seeded at zero rates (indices 1 ray), then the reserve's rates are set from its utilisation
 * `historyDays` before the shock and left running; the indices at the cascade's start are those rates
 * applied over that time (linear supply interest, compounded borrow interest), and they move on with
 * every block.
 */
function startInterest(
  market: AaveMarketModel,
  spec: AaveSpec,
  totals: readonly { collateral: bigint; debt: bigint }[],
): void {
  const history = BigInt(Math.round(spec.historyDays * 86_400));
  market.reserves.forEach((r, i) => {
    const rates = spec.reserves[i]!.interestRates;
    if (!rates || !hasRates(rates)) return;
    const accrual = updateRates(
      {
        ...(market.profile === "v3.0" ? { profile: "v3.0" as const } : {}),
        rates,
        reserveFactorBps: BigInt(spec.reserves[i]!.reserveFactorBps),
        liquidityRateRay: 0n,
        variableBorrowRateRay: 0n,
        storedLiquidityIndexRay: r.liquidityIndexRay,
        storedVariableBorrowIndexRay: r.variableBorrowIndexRay,
        lastUpdateSeconds: -history,
        totalScaledDebt: totals[i]!.debt,
        accruedToTreasury: 0n,
      },
      { virtualUnderlyingBalance: r.cash!, deficit: 0n },
    );
    r.accrual = accrual;
    const now = normalizedIndices(accrual, 0n);
    r.liquidityIndexRay = now.liquidityIndexRay;
    r.variableBorrowIndexRay = now.variableBorrowIndexRay;
  });
}

/**
 * A book whose positions start below health factor 1 cannot be opened (Aave refuses the borrow), so the
 * model refuses it as `run` does when it seeds the replica: the same rule, Aave's own account data at the
 * starting prices (a float screen picks which positions to check exactly).
 *
 * @throws {ModelInputError} naming how many, the first, and the fix.
 */
function refuseBelowHealthOne(market: AaveMarketModel, asset: (symbol: string) => AssetFacts): void {
  const usd = market.reserves.map((r) => asset(r.symbol).priceUsd);
  const pricesE8 = usd.map((p) => BigInt(Math.round(p * 1e8)));
  const below: string[] = [];
  for (const p of market.positions) {
    let debt = 0;
    let collateral = 0;
    market.reserves.forEach((r, i) => {
      const scale = 10 ** r.decimals;
      debt += (Number(p.scaledDebt[i]!) / scale) * usd[i]!;
      if (p.usingAsCollateral[i])
        collateral +=
          (Number(p.scaledCollateral[i]!) / scale) * usd[i]! * (Number(r.liquidationThresholdBps) / 1e4);
    });
    if (!(debt > 0) || collateral > debt * (1 + 1e-6)) continue;
    if (marketAccountData(market, p, pricesE8).healthFactor < 10n ** 18n) below.push(p.id);
  }
  if (below.length > 0)
    throw new ModelInputError(
      `${below.length} position${below.length === 1 ? "" : "s"} of market "${market.id}" start with a health factor below 1: Aave refuses such a borrow, so they cannot be opened (run refuses them too).`,
      {
        metaMessages: [
          `First: ${below[0]}`,
          "Raise the generator's healthFactor minimum (or the explicit position's collateral) to at least 1.",
        ],
      },
    );
}
