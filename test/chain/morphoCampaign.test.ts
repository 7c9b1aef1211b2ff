import { expect } from "chai";
import {
  type Address,
  encodeFunctionData,
  type Hex,
  parseAbi,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import { hasPinnedArtifacts } from "../../src/build/compilePinnedSource.js";
import { MORPHO_IRM_SOURCE } from "../../src/build/morphoIrmSource.js";
import { createChain } from "../../src/chain/createChain.js";
import { deployContract } from "../../src/chain/deployContract.js";
import { impersonate } from "../../src/chain/impersonate.js";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { roleAddress } from "../../src/chain/roleAddress.js";
import { sendTransaction } from "../../src/chain/sendTransaction.js";
import type { Chain } from "../../src/chain/types.js";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import { adaptiveCurveIrm } from "../../src/model/lending/morpho/adaptiveCurveIrm.js";
import { borrow } from "../../src/model/lending/morpho/borrow.js";
import { irmMock } from "../../src/model/lending/morpho/irmMockBorrowRate.js";
import { borrowed, maxBorrow } from "../../src/model/lending/morpho/isHealthy.js";
import { liquidate } from "../../src/model/lending/morpho/liquidate.js";
import { repay } from "../../src/model/lending/morpho/repay.js";
import { SharesMathLib } from "../../src/model/lending/morpho/SharesMathLib.js";
import { setFee } from "../../src/model/lending/morpho/setFee.js";
import { supply } from "../../src/model/lending/morpho/supply.js";
import { supplyCollateral } from "../../src/model/lending/morpho/supplyCollateral.js";
import type {
  MorphoIrm,
  MorphoMarket,
  MorphoMarketParams,
  MorphoPosition,
} from "../../src/model/lending/morpho/types.js";
import { withdraw } from "../../src/model/lending/morpho/withdraw.js";
import { withdrawCollateral } from "../../src/model/lending/morpho/withdrawCollateral.js";
import { createRng, type Rng } from "../../src/model/random/createRng.js";
import { MORPHO_ARTIFACTS, morphoAdaptiveCurveIrmArtifact } from "../../src/protocols/artifactIds.js";
import { deployMorphoBlue } from "../../src/protocols/morpho/deployMorphoBlue.js";
import type { MorphoMarketParamsOnChain } from "../../src/protocols/morpho/morphoMarketId.js";
import { openMorphoMarket } from "../../src/protocols/morpho/openMorphoMarket.js";
import { readMorphoMarket } from "../../src/protocols/morpho/readMorphoMarket.js";
import { deployTestToken } from "../../src/protocols/tokens/deployTestToken.js";
import { mintTestToken } from "../../src/protocols/tokens/mintTestToken.js";

const STEPS = Number(process.env.DLCM_MORPHO_STEPS ?? 400);
const SEED = Number(process.env.DLCM_MORPHO_SEED ?? 18);
const USERS = 5;
const LLTV = 860_000_000_000_000_000n; // 0.86, one of mainnet's enabled LLTVs
// The oracle's price of 1 WETH (18 decimals) in USDC (6 decimals): 2,000 · 1e6 · 1e36 / 1e18.
const PRICE_2000 = 2000n * 10n ** 24n;

type World = {
  chain: Chain;
  morpho: Address;
  oracle: Address;
  params: MorphoMarketParamsOnChain;
  id: Hex;
  owner: Address;
  feeRecipient: Address;
  users: Address[];
  /** The model's mirror of the market's IRM, and the AdaptiveCurveIrm's address (its storage holds rateAtTarget). */
  irm: MorphoIrm;
  adaptiveIrm: Address | undefined;
};

type IrmKind = "mock" | "adaptive";

/** The model's side: the market, every account's position (users, then the fee recipient), the oracle's price. */
type Model = { market: MorphoMarket; positions: MorphoPosition[]; price: bigint };

async function openWorld(irmKind: IrmKind): Promise<World> {
  const chain = await createChain({ backend: "anvil" });
  const owner = roleAddress("morpho:owner");
  const feeRecipient = roleAddress("morpho:fee-recipient");
  const users = Array.from({ length: USERS }, (_, i) => roleAddress(`morpho:user:${i}`));
  for (const a of [owner, feeRecipient, ...users]) await impersonate(chain, a);
  const usdc = await deployTestToken(chain, { from: owner, symbol: "USDC", decimals: 6 });
  const weth = await deployTestToken(chain, { from: owner, symbol: "WETH", decimals: 18 });
  const oracle = await deployContract(chain, { from: owner, artifact: MORPHO_ARTIFACTS.oracleMock });
  const morpho = await deployMorphoBlue(chain, { owner, feeRecipient });
  const irm =
    irmKind === "adaptive"
      ? await deployContract(chain, {
          from: owner,
          artifact: morphoAdaptiveCurveIrmArtifact(),
          args: [morpho],
        })
      : await deployContract(chain, { from: owner, artifact: MORPHO_ARTIFACTS.irmMock });
  await sendTransaction(chain, {
    from: owner,
    to: oracle,
    data: encodeFunctionData({
      abi: loadArtifact(MORPHO_ARTIFACTS.oracleMock).abi,
      functionName: "setPrice",
      args: [PRICE_2000],
    }),
  });
  const params = { loanToken: usdc, collateralToken: weth, oracle, irm, lltv: LLTV };
  const id = await openMorphoMarket(chain, { morpho, owner, params, fee: 100_000_000_000_000_000n });
  for (const u of users) {
    await mintTestToken(chain, { token: usdc, to: u, amount: 10n ** 30n, spender: morpho });
    await mintTestToken(chain, { token: weth, to: u, amount: 10n ** 30n, spender: morpho });
  }
  return {
    chain,
    morpho,
    oracle,
    params,
    id,
    owner,
    feeRecipient,
    users,
    irm: irmKind === "adaptive" ? adaptiveCurveIrm : irmMock,
    adaptiveIrm: irmKind === "adaptive" ? irm : undefined,
  };
}

/** A log-uniform integer in [lo, hi]. */
function logUniform(rng: Rng, lo: number, hi: number): bigint {
  return BigInt(Math.floor(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)))));
}
/** `amount · f` for a float f (a bound only: it chooses the step's size, the step itself is integers). */
function part(amount: bigint, f: number): bigint {
  return (amount * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
}

type Step = {
  kind: string;
  from: Address;
  to: Address;
  data: Hex;
  /** The model's outcome, or throws MathRevertError where the contract reverts. */
  model: (m: Model, now: bigint) => Model & { liquidation?: bigint[] };
};

/** The contract's words for a revert: its require string, or "panic 0x11" for an arithmetic under/overflow. */
function chainReason(error: TransactionRevertedError): string {
  const reason = error.reason ?? "unknown";
  return /^Panic\(0x11\)$/.test(reason) ? "panic 0x11" : reason;
}
function modelReason(error: MathRevertError): string {
  const m = /panic (0x[0-9a-f]+)/.exec(error.shortMessage);
  return m ? `panic ${m[1]}` : error.shortMessage.replace(/^Morpho: /, "").replace(/\.$/, "");
}

/** Credits the accrual's fee shares to the fee recipient (the last position), as Morpho._accrueInterest does. */
function credit(positions: MorphoPosition[], feeShares: bigint): MorphoPosition[] {
  const next = [...positions];
  const fee = next[next.length - 1]!;
  next[next.length - 1] = { ...fee, supplyShares: fee.supplyShares + feeShares };
  return next;
}

function nextStep(rng: Rng, w: World, m: Model): Step {
  const abi = loadArtifact(MORPHO_ARTIFACTS.morpho).abi;
  const u = Math.floor(rng.next() * USERS);
  const from = w.users[u]!;
  const me = m.positions[u]!;
  const p: MorphoMarketParams = { lltv: LLTV, irm: w.irm };
  const call = (functionName: string, args: unknown[]) =>
    encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
  const byShares = rng.next() < 0.35;
  const r = rng.next();
  const put = (i: number, next: { market: MorphoMarket; position: MorphoPosition; feeShares: bigint }) => {
    const positions = [...m.positions];
    positions[i] = next.position;
    return { market: next.market, positions: credit(positions, next.feeShares), price: m.price };
  };
  if (r < 0.16) {
    const assets = byShares ? 0n : logUniform(rng, 1, 1e13);
    const shares = byShares ? logUniform(rng, 1, 1e19) : 0n;
    return {
      kind: "supply",
      from,
      to: w.morpho,
      data: call("supply", [w.params, assets, shares, from, "0x"]),
      model: (s, now) => put(u, supply(s.market, p, me, { assets, shares, nowSeconds: now })),
    };
  }
  if (r < 0.26) {
    const shares = byShares ? part(me.supplyShares, rng.next() * 1.1) : 0n;
    // Often as much as the market's liquidity allows (what the suppliers of a crashing market do): utilisation
    // then reaches the AdaptiveCurveIrm's steep side above its 90% target.
    const mine = SharesMathLib.toAssetsDown(
      me.supplyShares,
      m.market.totalSupplyAssets,
      m.market.totalSupplyShares,
    );
    const liquidity = m.market.totalSupplyAssets - m.market.totalBorrowAssets;
    const drain = part(mine < liquidity ? mine : liquidity, 0.9 + rng.next() * 0.1);
    const assets = byShares ? 0n : rng.next() < 0.5 && drain > 0n ? drain : logUniform(rng, 1, 1e12);
    return {
      kind: "withdraw",
      from,
      to: w.morpho,
      data: call("withdraw", [w.params, assets, shares, from, from]),
      model: (s, now) => put(u, withdraw(s.market, p, me, { assets, shares, nowSeconds: now })),
    };
  }
  if (r < 0.42) {
    const room = maxBorrow(LLTV, me.collateral, m.price) - borrowed(m.market, me);
    const f = rng.next() < 0.2 ? 0.98 + rng.next() * 0.04 : rng.next();
    const assets = room > 0n ? part(room, f) + 1n : logUniform(rng, 1, 1e9);
    return {
      kind: "borrow",
      from,
      to: w.morpho,
      data: call("borrow", [w.params, assets, 0n, from, from]),
      model: (s, now) =>
        put(u, borrow(s.market, p, me, { assets, shares: 0n, nowSeconds: now, collateralPrice: s.price })),
    };
  }
  if (r < 0.52) {
    const shares = byShares ? part(me.borrowShares, rng.next() < 0.3 ? 1 : rng.next() * 1.05) : 0n;
    const assets = byShares ? 0n : part(borrowed(m.market, me), rng.next()) + 1n;
    return {
      kind: "repay",
      from,
      to: w.morpho,
      data: call("repay", [w.params, assets, shares, from, "0x"]),
      model: (s, now) => put(u, repay(s.market, p, me, { assets, shares, nowSeconds: now })),
    };
  }
  if (r < 0.64) {
    const assets = logUniform(rng, 1e15, 1e22);
    return {
      kind: "supplyCollateral",
      from,
      to: w.morpho,
      data: call("supplyCollateral", [w.params, assets, from, "0x"]),
      model: (s) => {
        const positions = [...s.positions];
        positions[u] = supplyCollateral(me, assets);
        return { ...s, positions };
      },
    };
  }
  if (r < 0.7) {
    const assets = part(me.collateral, rng.next() * 1.05) + 1n;
    return {
      kind: "withdrawCollateral",
      from,
      to: w.morpho,
      data: call("withdrawCollateral", [w.params, assets, from, from]),
      model: (s, now) =>
        put(u, {
          ...withdrawCollateral(s.market, p, me, { assets, nowSeconds: now, collateralPrice: s.price }),
        }),
    };
  }
  if (r < 0.86) {
    // A liquidation of another account, preferably one under water; by seized collateral (sometimes all of it,
    // which realises any bad debt) or by repaid shares.
    const others = m.positions
      .slice(0, USERS)
      .map((q, i) => ({ q, i }))
      .filter(({ q, i }) => i !== u && q.borrowShares > 0n);
    const under = others.filter(({ q }) => maxBorrow(LLTV, q.collateral, m.price) < borrowed(m.market, q));
    const pool = under.length > 0 && rng.next() < 0.85 ? under : others;
    const target = pool[Math.floor(rng.next() * pool.length)] ?? { q: me, i: u };
    const b = w.users[target.i]!;
    const seized = byShares
      ? 0n
      : rng.next() < 0.3
        ? target.q.collateral
        : part(target.q.collateral, rng.next());
    const repaidShares = byShares ? part(target.q.borrowShares, rng.next()) + 1n : 0n;
    const seizedAssets = byShares ? 0n : seized === 0n ? 1n : seized;
    return {
      kind: "liquidate",
      from,
      to: w.morpho,
      data: call("liquidate", [w.params, b, seizedAssets, repaidShares, "0x"]),
      model: (s, now) => {
        const out = liquidate(s.market, p, s.positions[target.i]!, {
          seizedAssets,
          repaidShares,
          collateralPrice: s.price,
          nowSeconds: now,
        });
        return {
          ...put(target.i, out),
          liquidation: [
            out.repaidAssets,
            out.repaidShares,
            out.seizedAssets,
            out.badDebtAssets,
            out.badDebtShares,
          ],
        };
      },
    };
  }
  if (r < 0.94) {
    // The oracle moves: mostly down (a crash makes positions liquidatable), sometimes back up.
    const f = rng.next() < 0.7 ? 0.75 + rng.next() * 0.24 : 1.01 + rng.next() * 0.3;
    const price = part(m.price, f);
    return {
      kind: "price",
      from: w.owner,
      to: w.oracle,
      data: encodeFunctionData({
        abi: loadArtifact(MORPHO_ARTIFACTS.oracleMock).abi,
        functionName: "setPrice",
        args: [price],
      }),
      model: (s) => ({ ...s, price }),
    };
  }
  const newFee = rng.next() < 0.1 ? 300_000_000_000_000_000n : logUniform(rng, 1, 2.5e17);
  return {
    kind: "setFee",
    from: w.owner,
    to: w.morpho,
    data: call("setFee", [w.params, newFee]),
    model: (s, now) => {
      const out = setFee(s.market, p, { newFee, nowSeconds: now });
      return { market: out.market, positions: credit(s.positions, out.feeShares), price: s.price };
    },
  };
}

// Solidity 0.8.19 leaves events declared in a library (Morpho's EventsLib) out of the contract's ABI.
const LIQUIDATE_EVENT = parseAbi([
  "event Liquidate(bytes32 indexed id, address indexed caller, address indexed borrower, uint256 repaidAssets, uint256 repaidShares, uint256 seizedAssets, uint256 badDebtAssets, uint256 badDebtShares)",
]);

function liquidateEvent(receipt: TransactionReceipt, morpho: Address): bigint[] | undefined {
  const logs = parseEventLogs({ abi: LIQUIDATE_EVENT, logs: receipt.logs }).filter(
    (l) => l.address.toLowerCase() === morpho.toLowerCase(),
  );
  const a = logs[0]?.args;
  return a && [a.repaidAssets, a.repaidShares, a.seizedAssets, a.badDebtAssets, a.badDebtShares];
}

// Issue 18: the model's mirror of Morpho Blue (supply, withdraw, borrow, repay, collateral, liquidate with bad
// debt realised, interest through IrmMock with a fee) against the contract built from @morpho-org/morpho-blue
// 1.0.0, one transaction a block at random times, the whole market and every position compared after each.
async function campaign(irmKind: IrmKind): Promise<void> {
  const w = await openWorld(irmKind);
  try {
    const rng = createRng(SEED);
    const accounts = [...w.users, w.feeRecipient];
    const read = () =>
      readMorphoMarket(w.chain, { morpho: w.morpho, id: w.id, accounts, adaptiveIrm: w.adaptiveIrm });
    const start = await read();
    let model: Model = { market: start.market, positions: start.positions, price: PRICE_2000 };
    let now = (await w.chain.client.getBlock()).timestamp;
    const stats: Record<string, { sent: number; done: number; reverts: Record<string, number> }> = {};
    let badDebtEvents = 0;
    const highest = { utilisationBps: 0, rateAtTarget: start.market.rateAtTarget };
    for (let i = 0; i < STEPS; i++) {
      const step = nextStep(rng, w, model);
      // Time passes between blocks: seconds to a month, so that interest and its fee matter.
      now += rng.next() < 0.3 ? logUniform(rng, 86_400, 30 * 86_400) : logUniform(rng, 1, 3_600);
      const label = `step ${i} (${step.kind}, seed ${SEED})`;
      let predicted: (Model & { liquidation?: bigint[] }) | string;
      try {
        predicted = step.model(model, now);
      } catch (error) {
        if (!(error instanceof MathRevertError)) throw error;
        predicted = modelReason(error);
      }
      await w.chain.client.setNextBlockTimestamp({ timestamp: now });
      let outcome: TransactionReceipt | string;
      try {
        outcome = await sendTransaction(w.chain, {
          from: step.from,
          to: step.to,
          data: step.data,
          gas: 2_000_000n,
        });
      } catch (error) {
        if (!(error instanceof TransactionRevertedError)) throw error;
        outcome = chainReason(error);
      }
      stats[step.kind] ??= { sent: 0, done: 0, reverts: {} };
      const s = stats[step.kind]!;
      s.sent++;
      if (typeof outcome === "string") {
        expect(predicted, `${label}: the contract reverted (${outcome})`).to.equal(outcome);
        s.reverts[outcome] = (s.reverts[outcome] ?? 0) + 1;
      } else {
        expect(typeof predicted, `${label}: the model predicted a revert (${predicted as string})`).to.equal(
          "object",
        );
        const next = predicted as Model & { liquidation?: bigint[] };
        if (next.liquidation) {
          expect(liquidateEvent(outcome, w.morpho), `${label}: Liquidate event`).to.deep.equal(
            next.liquidation,
          );
          if (next.liquidation[3]! > 0n) badDebtEvents++;
        }
        model = { market: next.market, positions: next.positions, price: next.price };
        if (model.market.totalSupplyAssets > 0n)
          highest.utilisationBps = Math.max(
            highest.utilisationBps,
            Number((model.market.totalBorrowAssets * 10_000n) / model.market.totalSupplyAssets),
          );
        if (model.market.rateAtTarget > highest.rateAtTarget)
          highest.rateAtTarget = model.market.rateAtTarget;
        s.done++;
      }
      const real = await read();
      expect(real.market, `${label}: market`).to.deep.equal(model.market);
      expect(real.positions, `${label}: positions`).to.deep.equal(model.positions);
    }
    console.log(
      `      Morpho campaign, ${irmKind} IRM (seed ${SEED}, ${STEPS} steps, ${badDebtEvents} bad-debt realisations; utilisation up to ${highest.utilisationBps / 100}%, rate at target ${start.market.rateAtTarget} → up to ${highest.rateAtTarget} → ${model.market.rateAtTarget} per second): ${JSON.stringify(stats)}`,
    );
    // A campaign that never reaches a branch proves nothing about it.
    for (const kind of [
      "supply",
      "withdraw",
      "borrow",
      "repay",
      "supplyCollateral",
      "withdrawCollateral",
      "liquidate",
      "setFee",
    ])
      expect(stats[kind]?.done ?? 0, `${kind} succeeded at least once`).to.be.greaterThan(0);
    expect(badDebtEvents, "bad debt realised at least once").to.be.greaterThan(0);
    expect(highest.utilisationBps, "utilisation above the IRM's 90% target").to.be.greaterThan(9_000);
    if (irmKind === "adaptive")
      expect(
        highest.rateAtTarget > start.market.rateAtTarget,
        "the rate at target rose (utilisation above target for a while)",
      ).to.equal(true);
    expect(Object.keys(stats.liquidate?.reverts ?? {}), "liquidations refused").to.include(
      "position is healthy",
    );
    expect(Object.keys(stats.borrow?.reverts ?? {}), "borrows refused").to.include("insufficient collateral");
  } finally {
    await w.chain.stop();
  }
}

describe("Morpho Blue from its npm source: a random campaign against the contract, to the wei (issue 18)", function () {
  this.timeout(600_000);

  it(`IrmMock: ${STEPS} random steps (seed ${SEED}): every outcome, revert reason, liquidation amount and the full state equal the contract's`, async () => {
    await campaign("mock");
  });

  it(`AdaptiveCurveIrm (mainnet's rate model, rate at target kept per market): ${STEPS} random steps, the same`, async function () {
    if (!hasPinnedArtifacts(MORPHO_IRM_SOURCE)) {
      console.log(
        "      (skipped: the AdaptiveCurveIrm's pinned source is not built; run npm run protocols:fetch)",
      );
      this.skip();
    }
    await campaign("adaptive");
  });
});
