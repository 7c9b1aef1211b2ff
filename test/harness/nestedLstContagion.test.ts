import { expect } from "chai";
import { type Address, parseAbi } from "viem";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import type { AaveMarketModel, CascadeState } from "../../src/model/cascade/types.js";
import { marketAccountData } from "../../src/model/markets/aave/marketAccountData.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { MORPHO_POSITION_ABI } from "../helpers/morphoAbi.js";
import { onExactRun } from "../helpers/onExactRun.js";
import { shippedScenario } from "../helpers/shippedScenario.js";
import { skipWithoutMorpho } from "../helpers/skipWithoutMorpho.js";

const MORPHO = "morpho-waweth-usdc";
const PEG = 1.21;
const E18 = 10n ** 18n;
const ACCOUNT_ABI = parseAbi([
  "function getUserAccountData(address user) view returns (uint256, uint256, uint256, uint256, uint256, uint256 healthFactor)",
]);
const SLOT0_ABI = parseAbi([
  "function slot0() view returns (uint160 sqrtPriceX96, int24, uint16, uint16, uint16, uint8, bool)",
]);

/** The shipped scenario, edited. */
const shipped = (edit?: (s: Scenario) => void) =>
  shippedScenario("scenarios/nested-lst-contagion.json", edit);
/** The counterfactual: Aave prices wstETH at its redemption rate (the exchange-rate adapter), not its pool. */
const atExchangeRate = (s: Scenario) => {
  const oracle = s.oracles.find((o) => o.asset === "wstETH")!;
  oracle.policy = { kind: "exchange-rate" } as typeof oracle.policy;
};
/** The model's cascade (from the scenario's state, or a chain's), and the e-mode loops under health factor 1 at its end, by Aave's own formula. */
const cascade = (s: Scenario, start: CascadeState = buildCascadeState(s)) => {
  const result = runCascade(start, {
    shock: shockMultipliers(s.shock, s.blockTimeSeconds),
    maxBlocks: s.maxBlocks,
    seed: s.seed,
  });
  const state = result.finalState;
  const aave = state.markets.find((m) => m.id === "aave") as AaveMarketModel;
  const prices = aave.reserves.map((r) => state.oracles.find((o) => o.symbol === r.symbol)!.priceE8);
  const loops = aave.positions.filter((p) => p.eModeCategory === 1);
  const under = loops.filter((p) => marketAccountData(aave, p, prices).healthFactor < E18).length;
  return { result, loops: loops.length, under };
};
type Cascade = ReturnType<typeof cascade>;
const lowPeg = ({ result }: Cascade) => Math.min(...result.rounds.map((x) => x.pegPrices?.wstETH ?? PEG));
const throughWstEth = ({ result }: Cascade) =>
  result
    .contagion!.losses.filter((l) => l.market === "aave" && l.token === "wstETH")
    .reduce((s, l) => s + l.usd, 0);
const aaveLoss = ({ result }: Cascade) => result.totals.badDebtByProtocol.aave!.totalUsd;

// Issue 18's chain of consequences in one run: nested collateral (aWETH on Morpho, blocked when Aave's WETH
// cash is gone) and an LST that depegs under the liquidations' sales and drags its e-mode loops with it.
describe("nested collateral and an LST depeg in one cascade (issue 18)", function () {
  this.timeout(300_000);

  it("behavior: in one run Morpho's liquidations are blocked by Aave's empty WETH reserve and wstETH, priced at its pool, depegs under the sales and takes its e-mode loops under water; priced at its redemption rate instead, no loop goes under, wstETH brings Aave less loss, and Morpho is blocked all the same", async () => {
    const market = cascade(await shipped());
    const rate = cascade(await shipped(atExchangeRate));
    // Nested collateral: Morpho's positions blocked, its loss open debt against no fund.
    for (const { result } of [market, rate]) {
      expect(result.blockedLiquidations?.length ?? 0).to.be.greaterThan(50);
      expect(result.totals.badDebtByProtocol[MORPHO]!.exceedsInsuranceFund).to.equal(true);
    }
    // The depeg: more than a tenth below what wstETH redeems for.
    expect(lowPeg(market)).to.be.lessThan(0.9 * PEG);
    // The loops: most go under water when the oracle follows the pool, none when it reads the rate.
    expect(market.loops).to.equal(100);
    expect(market.under).to.be.greaterThan(50);
    expect(rate.under).to.equal(0);
    // Aave's loss through wstETH (the loops' and the USDC borrowers'): several times larger at market.
    expect(throughWstEth(market)).to.be.greaterThan(3 * throughWstEth(rate));
    expect(aaveLoss(market)).to.be.greaterThan(aaveLoss(rate));
  });

  it("behavior: on chain, every transaction exact and every scan agreeing; at the end the wstETH pool's own price is the model's, Aave's own health factor puts the same loops under 1, and every position the model says no one could liquidate is still open on Morpho", async function () {
    await skipWithoutMorpho(this);
    const scenario = await shipped();
    await onExactRun(scenario, async ({ chain, session, run }) => {
      const book = session.book;
      const base = session.baseState(scenario);
      // The wstETH pool's price from its slot0: WETH per wstETH (both 18 decimals).
      const pool = book.uniswapV3.pools["wsteth-weth-1"]!;
      const [sqrtPriceX96] = (await chain.client.readContract({
        address: pool.address,
        abi: SLOT0_ABI,
        functionName: "slot0",
      })) as readonly [bigint, ...unknown[]];
      const token1PerToken0 = (Number(sqrtPriceX96) / 2 ** 96) ** 2;
      const wstEthFirst = pool.token0.toLowerCase() === book.tokens.wstETH!.address.toLowerCase();
      const onChain = wstEthFirst ? token1PerToken0 : 1 / token1PerToken0;
      const modelEnd = run.model!.rounds[run.model!.rounds.length - 1]!.pegPrices!.wstETH!;
      // The rounds keep 8 decimals.
      expect(onChain).to.be.closeTo(modelEnd, 1e-8);
      expect(onChain).to.be.lessThan(0.9 * PEG);
      // The loops Aave itself says are under health factor 1 are the ones the model's final state says.
      const aave = base.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const loopIndex = aave.positions.flatMap((p, i) => (p.eModeCategory === 1 ? [i] : []));
      let under = 0;
      for (const i of loopIndex) {
        const [, , , , , healthFactor] = (await chain.client.readContract({
          address: book.aave.aave!.pool,
          abi: ACCOUNT_ABI,
          functionName: "getUserAccountData",
          args: [book.borrowers.aave![i]! as Address],
        })) as readonly bigint[];
        if (healthFactor! < E18) under++;
      }
      // (The model of this chain: its tokens' order, which sets each pool's rounding direction.)
      expect(under).to.equal(cascade(scenario, session.baseState(scenario)).under);
      expect(under).to.be.greaterThan(50);
      // Morpho's blocked positions: still holding collateral and owing, on Morpho's own books.
      const morpho = book.morpho![MORPHO]!;
      const positions = base.markets.find((m) => m.id === MORPHO)!.positions as { id: string }[];
      const blocked = run.model!.blockedLiquidations!;
      expect(blocked.length).to.be.greaterThan(50);
      for (const b of blocked) {
        const borrower = book.borrowers[MORPHO]![
          positions.findIndex((p) => p.id === b.positionId)
        ]! as Address;
        const [, borrowShares, collateral] = (await chain.client.readContract({
          address: morpho.morpho,
          abi: MORPHO_POSITION_ABI,
          functionName: "position",
          args: [morpho.id, borrower],
        })) as readonly [bigint, bigint, bigint];
        expect(borrowShares > 0n && collateral > 0n, b.positionId).to.equal(true);
      }
    });
  });
});
