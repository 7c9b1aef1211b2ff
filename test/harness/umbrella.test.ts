import { expect } from "chai";
import { parseAbi } from "viem";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { runModel } from "../../src/model/runModel.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";
import { onExactRun } from "../helpers/onExactRun.js";

const POOL_ABI = parseAbi([
  "function getReserveDeficit(address asset) view returns (uint256)",
  "function getReserveData(address asset) view returns ((uint256 configuration, uint128 liquidityIndex, uint128 currentLiquidityRate, uint128 variableBorrowIndex, uint128 currentVariableBorrowRate, uint128 currentStableBorrowRate, uint40 lastUpdateTimestamp, uint16 id, address aTokenAddress, address stableDebtTokenAddress, address variableDebtTokenAddress, address interestRateStrategyAddress, uint128 accruedToTreasury, uint128 unbacked, uint128 isolationModeTotalDebt))",
]);
const ERC20_ABI = parseAbi(["function balanceOf(address) view returns (uint256)"]);

/** The shipped Umbrella scenario with its USDC stake set (0: none). */
const withStake = async (stake: number) => {
  const s = structuredClone(await loadScenario("scenarios/umbrella-stake.json"));
  const aave = s.markets.find((m) => m.id === "aave") as Extract<
    Scenario["markets"][number],
    { kind: "aave-v3" }
  >;
  aave.umbrella = stake > 0 ? [{ asset: "USDC", stake }] : [];
  return s;
};

// Issue 18's incentive layer: a backstop that is a stake of aTokens, slashed to cover a reserve's deficit as
// Aave's Umbrella does with Pool.eliminateReserveDeficit.
describe("Aave's Umbrella: staked aTokens slashed to cover deficits (issue 18)", function () {
  this.timeout(300_000);

  it("behavior: the stake takes the first losses — the same crash, the same liquidations, Aave's loss lower by what the stake covered, until it is used up; a stake larger than the deficits leaves Aave no loss and keeps the rest", async () => {
    const none = runModel(await withStake(0), { skipSsf: true });
    const some = runModel(await withStake(500_000), { skipSsf: true });
    const ample = runModel(await withStake(5_000_000), { skipSsf: true });
    const loss = (r: typeof none) => r.totals.badDebtByProtocol.aave!.totalUsd;
    // The stake changes who pays, not what happens: the same liquidations (their amounts move by cents: a
    // smaller deficit moves the USDC reserve's rates, so its indices, a little).
    expect(some.totals.liquidations).to.equal(none.totals.liquidations);
    expect(ample.totals.liquidations).to.equal(none.totals.liquidations);
    expect(ample.totals.valueLiquidatedUsd).to.be.closeTo(
      none.totals.valueLiquidatedUsd,
      1e-6 * none.totals.valueLiquidatedUsd,
    );
    expect(none.backstops).to.equal(undefined);
    const used = some.backstops![0]!;
    expect(used.covers).to.be.greaterThan(10);
    // Used up: 500,000 USDC plus its interest since seeding, to the last unit the ceil-rounded burns leave.
    expect(used.stakeStart).to.be.closeTo(500_000, 1);
    expect(used.stakeEnd).to.be.lessThan(1e-5);
    expect(used.coveredUsd).to.be.closeTo(used.stakeStart, 1e-3);
    // Less the stake's cover (to a dollar: the smaller deficit moves the rates, and the debts with them, by cents).
    expect(loss(some)).to.be.closeTo(loss(none) - used.coveredUsd, 1);
    const rest = ample.backstops![0]!;
    expect(loss(ample)).to.equal(0);
    expect(rest.coveredUsd).to.be.closeTo(loss(none), 1e-5 * loss(none));
    expect(rest.stakeEnd).to.be.closeTo(rest.stakeStart - rest.coveredUsd, 1e-3);
  });

  it("behavior: on chain the Umbrella address calls eliminateReserveDeficit after each liquidation that leaves a deficit, every call's DeficitCovered amount and every other transaction exact; at the end its aUSDC is gone and the reserve's deficit on chain is the model's loss", async () => {
    const scenario = await withStake(500_000);
    await onExactRun(scenario, async ({ chain, session, run }) => {
      const aave = session.book.aave.aave!;
      const usdc = session.book.tokens.USDC!;
      const aUsdc = aave.reserves.USDC!.aToken;
      const staked = (await chain.client.readContract({
        address: aUsdc,
        abi: ERC20_ABI,
        functionName: "balanceOf",
        args: [aave.umbrella!],
      })) as bigint;
      expect(staked).to.equal(0n);
      const deficit = (await chain.client.readContract({
        address: aave.pool,
        abi: POOL_ABI,
        functionName: "getReserveDeficit",
        args: [usdc.address],
      })) as bigint;
      // At $1 (the fixed USDC oracle) the chain's deficit is the model's loss (USDC is the only debt written off).
      const modelLoss = run.model!.totals.badDebtByProtocol.aave!.realizedUsd;
      expect(Number(deficit) / 10 ** usdc.decimals).to.be.closeTo(modelLoss, 1e-6);
      expect(run.model!.backstops![0]!.covers).to.be.greaterThan(10);
      // The USDC reserve as the last cover left it: its rates are the deficit-aware ones the model computed.
      const end = runCascade(session.baseState(scenario), {
        shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds),
        maxBlocks: scenario.maxBlocks,
        seed: scenario.seed,
      });
      const model = end.finalState.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const reserve = model.reserves.find((r) => r.symbol === "USDC")!;
      const onChain = (await chain.client.readContract({
        address: aave.pool,
        abi: POOL_ABI,
        functionName: "getReserveData",
        args: [usdc.address],
      })) as { currentLiquidityRate: bigint; currentVariableBorrowRate: bigint; liquidityIndex: bigint };
      expect(onChain.currentLiquidityRate).to.equal(reserve.accrual!.liquidityRateRay);
      expect(onChain.currentVariableBorrowRate).to.equal(reserve.accrual!.variableBorrowRateRay);
      expect(onChain.liquidityIndex).to.equal(reserve.accrual!.storedLiquidityIndexRay);
    });
  });
});
