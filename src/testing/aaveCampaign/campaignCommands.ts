import fc from "fast-check";
import { parseEventLogs, type TransactionReceipt } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { writeContract } from "../../chain/writeContract.js";
import { swap } from "../../model/amm/v3/swap.js";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../../model/amm/v3/TickMath.js";
import { calculateUserAccountData, MAX_UINT256 } from "../../model/lending/aave/calculateUserAccountData.js";
import { TOKEN_BALANCE_SHORT } from "../../model/lending/aave/executeLiquidationCall.js";
import type { liquidateV36 } from "../../model/lending/aave/pool/liquidateV36.js";
import type { PoolActionResult } from "../../model/lending/aave/pool/types.js";
import type { AavePoolModel, AavePosition } from "../../model/lending/aave/types.js";
import { rayMulCeil, rayMulFloor } from "../../model/lending/aave/WadRayMath.js";
import { toUnits } from "../../model/math/toUnits.js";
import { AAVE_V36_ARTIFACTS, ARTIFACTS } from "../../protocols/artifactIds.js";
import { setFeedAnswer } from "../../protocols/oracle/setFeedAnswer.js";
import { poolActions } from "./poolActions.js";
import { type CampaignStep, runCampaignStep, type StepEffect } from "./runCampaignStep.js";
import type { CampaignChain, CampaignModel } from "./types.js";

type Command = fc.AsyncCommand<CampaignModel, CampaignChain>;

/** A fast-check command that runs one campaign step built from the model at the time it runs. */
class StepCommand implements Command {
  private label = "";
  constructor(
    private readonly name: string,
    private readonly build: (model: CampaignModel, real: CampaignChain) => CampaignStep,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: CampaignModel, real: CampaignChain): Promise<void> {
    const step = this.build(model, real);
    this.label = step.label;
    await runCampaignStep(model, real, step);
  }
  toString(): string {
    return this.label || this.name;
  }
}

const poolAbi = () => loadArtifact(AAVE_V36_ARTIFACTS.pool).abi;
/** The health-factor rules of the pool's code (v3.7's are v3.6's). */
const accountProfile = (pool: AavePoolModel) => (pool.profile === "v3.0" ? "v3.0" : "v3.6");

/** A user-side Pool call from actor `k`. */
function poolCall(real: CampaignChain, k: number, functionName: string, args: readonly unknown[]) {
  return () =>
    writeContract(real.chain, {
      from: real.actors[k]!,
      address: real.pool,
      abi: poolAbi(),
      functionName,
      args,
      gas: 3_000_000n,
    } as Parameters<typeof writeContract>[1]);
}

/** The model side of a one-user action: the action's result replaces that user's position. */
function onUser(k: number, act: (pool: AavePoolModel, position: AavePosition) => PoolActionResult) {
  return (pool: AavePoolModel, positions: readonly AavePosition[]): StepEffect => {
    const result = act(pool, positions[k]!);
    return { pool: result.pool, positions: positions.map((p, i) => (i === k ? result.position : p)) };
  };
}

/** At least one unit: a campaign amount is never zero by rounding (a zero is its own revert case). */
const unitsOf = (amount: number, decimals: number) => {
  const units = toUnits(amount, decimals);
  return units > 0n ? units : 1n;
};
const usdOf = (pool: AavePoolModel, i: number) => Number(pool.prices[i]!) / 1e8;
/** Prices stay within 1/20× and 20× of where they started. */
const clampPrice = (v: bigint, start: bigint) =>
  v < start / 20n ? start / 20n : v > start * 20n ? start * 20n : v;
const step = () => fc.integer({ min: 1, max: 24 }).map(BigInt);

/**
 * The campaign's commands, weighted so that liquidations are the most frequent and positions keep coming
 * under water: supply, withdraw, borrow (up to 5% past what the LTV allows, so some revert), repay,
 * e-mode switches, price moves (ETH and wstETH together, or one asset alone), time jumps up to 60 days,
 * and liquidationCalls (a borrower under water when there is one, its collateral and debt, the maximum or
 * a random debtToCover, receiveAToken either way; one in ten on any pair, which mostly reverts).
 *
 * @param users - how many actors are users (the rest are liquidators).
 * @param liquidators - how many liquidators.
 * @param reserves - how many reserves.
 * @param options - `eMode: false` leaves e-mode switches out (a world without categories).
 * @returns the commands' arbitraries for fc.commands.
 */
export function campaignCommands(
  users: number,
  liquidators: number,
  reserves: number,
  options: { eMode?: boolean } = {},
) {
  const user = fc.integer({ min: 0, max: users - 1 });
  const reserve = fc.integer({ min: 0, max: reserves - 1 });
  const fraction = fc.double({ min: 0.01, max: 1, noNaN: true });
  const { supply, withdraw, borrow, repay } = balanceCommands(users, reserves);
  const eMode = fc.record({ u: user, c: fc.integer({ min: 0, max: 2 }), s: step() }).map(
    ({ u, c, s }) =>
      new StepCommand("eMode", (_model, real) => ({
        kind: "eMode",
        label: `user ${u} sets e-mode ${c}`,
        seconds: s,
        model: onUser(u, (p, pos) => poolActions(p).setUserEMode(p, pos, c)),
        chain: poolCall(real, u, "setUserEMode", [c]),
      })),
  );
  const collateralSwitch = fc.record({ u: user, a: reserve, on: fc.boolean(), s: step() }).map(
    ({ u, a, on, s }) =>
      new StepCommand("collateral", (_model, real) => ({
        kind: "collateral",
        label: `user ${u} turns ${real.assets[a]!.symbol} collateral ${on ? "on" : "off"}`,
        seconds: s,
        model: onUser(u, (p, pos) => poolActions(p).setUseAsCollateral(p, pos, a, on)),
        chain: poolCall(real, u, "setUserUseReserveAsCollateral", [real.assets[a]!.asset, on]),
      })),
  );
  const price = priceCommand(reserves);
  const crash = fc
    .record({ target: fc.double({ min: 0.8, max: 0.999, noNaN: true }), pick: fc.nat(), s: step() })
    .map(
      ({ target, pick, s }) =>
        new StepCommand("price", (model, real) => crashStep(model, real, users, { target, pick }, s)),
    );
  const time = fc.double({ min: 0, max: Math.log10(60 * 86_400), noNaN: true }).map(
    (l) =>
      new StepCommand("time", () => {
        const seconds = BigInt(Math.max(1, Math.round(10 ** l)));
        return {
          kind: "time",
          label: `${seconds} s pass`,
          seconds,
          model: (pool, positions) => ({ pool, positions: [...positions] }),
        };
      }),
  );
  const liquidate = fc
    .record({
      l: fc.integer({ min: 0, max: liquidators - 1 }),
      pick: fc.nat(),
      c: fc.nat(),
      d: fc.nat(),
      f: fraction,
      max: fc.boolean(),
      receiveAToken: fc.boolean(),
      anyPair: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      s: step(),
    })
    .map(
      (args) =>
        new StepCommand("liquidationCall", (model, real) => liquidationStep(model, real, users, args)),
    );
  const swapOnPool = fc
    .record({
      zeroForOne: fc.boolean(),
      frac: fc.double({ min: -4, max: Math.log10(0.05), noNaN: true }).map((l) => 10 ** l),
      follow: fc.boolean(),
      s: step(),
    })
    .map((args) => new StepCommand("swap", (model, real) => swapStep(model, real, args)));
  return [
    swapOnPool,
    swapOnPool,
    supply,
    supply,
    supply,
    withdraw,
    borrow,
    borrow,
    borrow,
    borrow,
    repay,
    collateralSwitch,
    ...(options.eMode === false ? [] : [eMode]),
    price,
    price,
    price,
    crash,
    crash,
    time,
    liquidate,
    liquidate,
    liquidate,
    liquidate,
    liquidate,
    liquidate,
  ];
}

/** The balance-moving commands: supply, withdraw, borrow and repay (with the underlying or aTokens). */
function balanceCommands(users: number, reserves: number) {
  const user = fc.integer({ min: 0, max: users - 1 });
  const reserve = fc.integer({ min: 0, max: reserves - 1 });
  const fraction = fc.double({ min: 0.01, max: 1, noNaN: true });
  const supply = fc
    .record({ u: user, a: reserve, usd: fc.double({ min: 3, max: 5.5, noNaN: true }), s: step() })
    .map(
      ({ u, a, usd, s }) =>
        new StepCommand("supply", (model, real) => {
          const amount = unitsOf(10 ** usd / usdOf(model.pool, a), real.assets[a]!.decimals);
          return {
            kind: "supply",
            label: `user ${u} supplies ${amount} ${real.assets[a]!.symbol}`,
            seconds: s,
            model: onUser(u, (p, pos) => poolActions(p).supply(p, pos, a, amount)),
            chain: poolCall(real, u, "supply", [real.assets[a]!.asset, amount, real.actors[u], 0]),
          };
        }),
    );
  const withdraw = fc.record({ u: user, a: reserve, f: fraction, max: fc.boolean(), s: step() }).map(
    ({ u, a, f, max, s }) =>
      new StepCommand("withdraw", (model, real) => {
        const r = model.pool.reserves[a]!;
        const balance = rayMulFloor(model.positions[u]!.scaledCollateral[a] ?? 0n, r.liquidityIndexRay);
        const amount = max ? MAX_UINT256 : (balance * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
        return {
          kind: "withdraw",
          label: `user ${u} withdraws ${max ? "all" : amount} ${real.assets[a]!.symbol}`,
          seconds: s,
          model: onUser(u, (p, pos) => poolActions(p).withdraw(p, pos, a, amount)),
          chain: poolCall(real, u, "withdraw", [real.assets[a]!.asset, amount, real.actors[u]]),
        };
      }),
  );
  const borrow = fc
    .record({ u: user, a: reserve, f: fc.double({ min: 0.5, max: 1.05, noNaN: true }), s: step() })
    .map(
      ({ u, a, f, s }) =>
        new StepCommand("borrow", (model, real) => {
          const p = model.pool;
          const account = calculateUserAccountData(
            p.reserves,
            model.positions[u]!,
            p.prices,
            accountProfile(p),
            p.eModeCategories,
          );
          const roomUsd =
            ((Number(account.totalCollateralBase) * Number(account.avgLtvBps)) / 1e4 -
              Number(account.totalDebtBase)) /
            1e8;
          const amount = unitsOf((Math.max(roomUsd, 1e-6) * f) / usdOf(p, a), real.assets[a]!.decimals);
          return {
            kind: "borrow",
            label: `user ${u} borrows ${amount} ${real.assets[a]!.symbol} (${f.toFixed(3)} of the room)`,
            seconds: s,
            model: onUser(u, (pool, pos) => poolActions(pool).borrow(pool, pos, a, amount)),
            chain: poolCall(real, u, "borrow", [real.assets[a]!.asset, amount, 2n, 0, real.actors[u]]),
          };
        }),
    );
  const repay = fc
    .record({ u: user, a: reserve, f: fraction, max: fc.boolean(), aTokens: fc.boolean(), s: step() })
    .map(
      ({ u, a, f, max, aTokens, s }) =>
        new StepCommand("repay", (model, real) => {
          const r = model.pool.reserves[a]!;
          const debt = rayMulCeil(model.positions[u]!.scaledDebt[a] ?? 0n, r.variableBorrowIndexRay);
          const amount = max ? MAX_UINT256 : (debt * BigInt(Math.floor(f * 1e6))) / 1_000_000n + 1n;
          return {
            kind: "repay",
            label: `user ${u} repays ${max ? "all" : amount} ${real.assets[a]!.symbol}${aTokens ? " with aTokens" : ""}`,
            seconds: s,
            model: onUser(u, (p, pos) => poolActions(p).repay(p, pos, a, amount, aTokens)),
            chain: aTokens
              ? poolCall(real, u, "repayWithATokens", [real.assets[a]!.asset, amount, 2n])
              : poolCall(real, u, "repay", [real.assets[a]!.asset, amount, 2n, real.actors[u]]),
          };
        }),
    );
  return { supply, withdraw, borrow, repay };
}

/**
 * A price move: ETH and wstETH together, falling more often than rising (the crashes liquidations follow),
 * or one asset alone either way (a depeg, a stablecoin wobble), pulled back toward where it started.
 */
function priceCommand(reserves: number) {
  return fc
    .record({
      which: fc.integer({ min: -3, max: reserves - 1 }).map((w) => (w < 0 ? -1 : w)),
      f: fc.double({ min: 0, max: 1, noNaN: true }),
      s: step(),
    })
    .map(
      ({ which, f, s }) =>
        new StepCommand("price", (model, real) => {
          // ETH and wstETH together, falling more often than rising (the crashes liquidations follow), or one
          // asset alone either way (a depeg, a stablecoin wobble).
          const moved = which === -1 ? [0, 2] : [which];
          const factor = which === -1 ? 0.9 + 0.17 * f : 0.95 + 0.1 * f;
          const next = model.pool.prices.map((p, i) => {
            if (!moved.includes(i)) return p;
            // Pulled back toward the starting price, so a long campaign does not drift to a bound.
            const start = real.startPrices[i]!;
            const pull = (Number(start) / Number(p)) ** 0.05;
            return clampPrice(BigInt(Math.round(Number(p) * factor * pull)), start);
          });
          return {
            kind: "price",
            label: `${moved.map((i) => real.assets[i]!.symbol).join("+")} × ${factor.toFixed(4)}`,
            seconds: s,
            model: (pool, positions) => ({ pool: { ...pool, prices: next }, positions: [...positions] }),
            chain: setFeeds(model, real, moved, next, s),
          };
        }),
    );
}

type LiquidationArgs = {
  l: number;
  pick: number;
  c: number;
  d: number;
  f: number;
  max: boolean;
  receiveAToken: boolean;
  anyPair: boolean;
  s: bigint;
};

/** A liquidationCall: who, on which pair, for how much, and the checks of its LiquidationCall event. */
function liquidationStep(
  model: CampaignModel,
  real: CampaignChain,
  users: number,
  args: LiquidationArgs,
): CampaignStep {
  const p = model.pool;
  const under = model.positions
    .slice(0, users)
    .flatMap((pos, k) =>
      calculateUserAccountData(p.reserves, pos, p.prices, accountProfile(p), p.eModeCategories).healthFactor <
      10n ** 18n
        ? [k]
        : [],
    );
  const b = under.length > 0 && !args.anyPair ? under[args.pick % under.length]! : args.pick % users;
  const borrower = model.positions[b]!;
  const collaterals = borrower.usingAsCollateral.flatMap((on, i) => (on ? [i] : []));
  const debts = borrower.scaledDebt.flatMap((s, i) => (s > 0n ? [i] : []));
  const n = p.reserves.length;
  const ci = collaterals.length > 0 && !args.anyPair ? collaterals[args.c % collaterals.length]! : args.c % n;
  const di = debts.length > 0 && !args.anyPair ? debts[args.d % debts.length]! : args.d % n;
  const debt = rayMulCeil(borrower.scaledDebt[di] ?? 0n, p.reserves[di]!.variableBorrowIndexRay);
  const debtToCover = args.max ? MAX_UINT256 : (debt * BigInt(Math.floor(args.f * 1e6))) / 1_000_000n + 1n;
  const k = users + args.l;
  const stats = model.stats.liquidations;
  let outcome: ReturnType<typeof liquidateV36> | undefined;
  return {
    kind: "liquidationCall",
    label: `liquidator ${args.l} liquidates user ${b}: ${real.assets[ci]!.symbol} for ${real.assets[di]!.symbol}, ${args.max ? "max" : debtToCover}${args.receiveAToken ? ", aTokens" : ""}`,
    seconds: args.s,
    model: (pool, positions) => {
      stats.sent++;
      try {
        outcome = poolActions(pool).liquidate(pool, positions[b]!, positions[k]!, {
          collateralIndex: ci,
          debtIndex: di,
          debtToCover,
          receiveAToken: args.receiveAToken,
        });
      } catch (error) {
        if (String(error).includes("panic 0x11") || String(error).includes(TOKEN_BALANCE_SHORT))
          stats.cashShortReverts++;
        throw error;
      }
      return {
        pool: outcome.pool,
        positions: positions.map((x, i) => (i === b ? outcome!.borrower : i === k ? outcome!.liquidator : x)),
      };
    },
    chain: poolCall(real, k, "liquidationCall", [
      real.assets[ci]!.asset,
      real.assets[di]!.asset,
      real.actors[b],
      debtToCover,
      args.receiveAToken,
    ]),
    check: (receipt) => {
      const r = outcome!.result;
      stats.succeeded++;
      if (args.receiveAToken) stats.receiveAToken++;
      if (r.actualDebtToLiquidate < debt) stats.partial++;
      if ((borrower.eModeCategory ?? 0) !== 0) stats.eMode++;
      if (collaterals.length + debts.length > 2) stats.multiAsset++;
      if (r.deficit.some((x) => x > 0n)) stats.deficit++;
      const events = parseEventLogs({
        abi: poolAbi(),
        logs: receipt.logs,
        eventName: "LiquidationCall",
      }) as unknown as {
        args: { debtToCover: bigint; liquidatedCollateralAmount: bigint };
      }[];
      const e = events[0]?.args;
      const out: string[] = [];
      if (e?.debtToCover !== r.actualDebtToLiquidate)
        out.push(`debt repaid: model ${r.actualDebtToLiquidate}, event ${e?.debtToCover}`);
      if (e?.liquidatedCollateralAmount !== r.actualCollateralToLiquidate)
        out.push(
          `collateral: model ${r.actualCollateralToLiquidate}, event ${e?.liquidatedCollateralAmount}`,
        );
      return out;
    },
  };
}

/**
 * A targeted crash: a healthy borrower (the `pick`-th) has its largest collateral's price (ETH and wstETH
 * together when it is either) scaled by target / its health factor, so it lands about there (the float
 * only chooses the new price; the outcome is computed exactly). Nothing moves without a healthy borrower.
 */
function crashStep(
  model: CampaignModel,
  real: CampaignChain,
  users: number,
  choice: { target: number; pick: number },
  s: bigint,
): CampaignStep {
  const p = model.pool;
  const { target } = choice;
  const debtors = model.positions.slice(0, users).flatMap((pos, k) => {
    if (!pos.scaledDebt.some((d) => d > 0n)) return [];
    const hf =
      Number(
        calculateUserAccountData(p.reserves, pos, p.prices, accountProfile(p), p.eModeCategories)
          .healthFactor,
      ) / 1e18;
    return hf >= 1 ? [{ k, hf }] : [];
  });
  const chosen = debtors[choice.pick % Math.max(1, debtors.length)];
  const worst = chosen?.k ?? -1;
  const worstHf = chosen?.hf ?? Number.POSITIVE_INFINITY;
  const pos = model.positions[worst];
  const values = pos
    ? pos.scaledCollateral.map((c, i) =>
        pos.usingAsCollateral[i] ? (Number(c) * usdOf(p, i)) / 10 ** real.assets[i]!.decimals : 0,
      )
    : [];
  const c = values.indexOf(Math.max(...values, 0));
  const moved = c === 0 || c === 2 ? [0, 2] : c >= 0 ? [c] : [];
  const factor = worst >= 0 && Number.isFinite(worstHf) ? target / worstHf : 1;
  const next = p.prices.map((price, i) => {
    if (!moved.includes(i)) return price;
    return clampPrice(BigInt(Math.max(1, Math.round(Number(price) * factor))), real.startPrices[i]!);
  });
  return {
    kind: "price",
    label: `crash: ${moved.map((i) => real.assets[i]!.symbol).join("+")} × ${factor.toFixed(4)} (user ${worst} at HF ${worstHf.toFixed(4)} → ~${target.toFixed(3)})`,
    seconds: s,
    model: (pool, positions) => ({ pool: { ...pool, prices: next }, positions: [...positions] }),
    ...(moved.length > 0 ? { chain: setFeeds(model, real, moved, next, s) } : {}),
  };
}

/** Sets the moved feeds on chain (at least one), each in its own block at the step's time. */
function setFeeds(
  model: CampaignModel,
  real: CampaignChain,
  moved: readonly number[],
  next: readonly bigint[],
  s: bigint,
) {
  return async (): Promise<TransactionReceipt> => {
    let last: TransactionReceipt | undefined;
    for (const i of moved) {
      await real.chain.client.setNextBlockTimestamp({ timestamp: model.origin + model.pool.nowSeconds + s });
      const hash = await setFeedAnswer(real.chain, {
        from: real.feedAdmin,
        feed: real.assets[i]!.feed,
        answer: next[i]!,
      });
      last = await real.chain.client.getTransactionReceipt({ hash });
    }
    return last!;
  };
}

const Q96 = 1n << 96n;

/**
 * A random exact-input swap on the world's Uniswap V3 pool (up to 5% of the input side's virtual reserve
 * at the current price), predicted by the model's exact swap math and checked against the pool's Swap
 * event; with `follow`, the feed of the pool's non-quote token is then set to the pool's new price in the
 * quote (at the quote's feed), so the Aave market prices what the swap did (a market oracle).
 */
function swapStep(
  model: CampaignModel,
  real: CampaignChain,
  args: { zeroForOne: boolean; frac: number; follow: boolean; s: bigint },
): CampaignStep {
  const state = model.amm;
  const virtual = args.zeroForOne
    ? (state.liquidity * Q96) / state.sqrtPriceX96
    : (state.liquidity * state.sqrtPriceX96) / Q96;
  const amountSpecified = max1(BigInt(Math.floor(Number(virtual) * args.frac)));
  const predicted = swap(state, { zeroForOne: args.zeroForOne, amountSpecified });
  const { token0, token1 } = real.amm;
  const index = (symbol: string) => real.assets.findIndex((a) => a.symbol === symbol);
  // The base is the pool's token whose feed follows (the one not priced at about one dollar by the quote).
  const [i0, i1] = [index(token0.symbol), index(token1.symbol)];
  const baseIsToken0 = model.pool.prices[i0]! > model.pool.prices[i1]!;
  const [bi, qi] = baseIsToken0 ? [i0, i1] : [i1, i0];
  // token1 per token0 = sqrtP² / 2^192 in raw units; a base price in the quote's feed units (8 decimals).
  const sq = predicted.pool.sqrtPriceX96 * predicted.pool.sqrtPriceX96;
  const quotePrice = model.pool.prices[qi]!;
  const basePriceE8 = baseIsToken0
    ? (sq * 10n ** BigInt(token0.decimals) * quotePrice) / ((1n << 192n) * 10n ** BigInt(token1.decimals))
    : ((1n << 192n) * 10n ** BigInt(token1.decimals) * quotePrice) / (sq * 10n ** BigInt(token0.decimals));
  const next = model.pool.prices.map((p, i) => (args.follow && i === bi ? max1(basePriceE8) : p));
  const label = `swap ${amountSpecified} ${args.zeroForOne ? token0.symbol : token1.symbol} in${args.follow ? `, ${real.assets[bi]!.symbol} feed follows` : ""}`;
  return {
    kind: "swap",
    label,
    seconds: args.s,
    model: (pool, positions) => {
      model.amm = predicted.pool;
      return { pool: { ...pool, prices: next }, positions: [...positions] };
    },
    chain: async () => {
      const receipt = await writeContract(real.chain, {
        from: real.amm.trader,
        address: real.amm.swapper,
        abi: loadArtifact("uniswap/PoolSwapper").abi,
        functionName: "swap",
        args: [
          real.amm.address,
          args.zeroForOne,
          amountSpecified,
          args.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n,
          real.amm.trader,
        ],
        gas: 5_000_000n,
      });
      if (args.follow) await setFeeds(model, real, [bi], next, args.s)();
      return receipt;
    },
    check: (receipt) => {
      const abi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
      const events = parseEventLogs({ abi, logs: receipt.logs, eventName: "Swap" }) as unknown as {
        args: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; liquidity: bigint; tick: number };
      }[];
      const got = events[0]?.args;
      const want = {
        amount0: predicted.amount0,
        amount1: predicted.amount1,
        sqrtPriceX96: predicted.pool.sqrtPriceX96,
        liquidity: predicted.pool.liquidity,
        tick: predicted.pool.tick,
      };
      if (!got) return ["no Swap event"];
      return (Object.keys(want) as (keyof typeof want)[]).flatMap((k) =>
        String(got[k]) === String(want[k]) ? [] : [`swap ${k}: chain ${got[k]}, model ${want[k]}`],
      );
    },
  };
}

const max1 = (x: bigint) => (x > 1n ? x : 1n);
