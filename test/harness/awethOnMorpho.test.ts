import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { type Address, BaseError, ContractFunctionRevertedError, parseAbi } from "viem";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { StataMath } from "../../src/model/lending/aave/stata/StataMath.js";
import { runModel } from "../../src/model/runModel.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { AAVE_STATA_ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { writeModelReport } from "../../src/report/writeModelReport.js";
import { MORPHO_POSITION_ABI } from "../helpers/morphoAbi.js";
import { onExactRun } from "../helpers/onExactRun.js";
import { shippedScenario } from "../helpers/shippedScenario.js";
import { skipWithoutMorpho } from "../helpers/skipWithoutMorpho.js";

const RAY = 10n ** 27n;
const MORPHO = "morpho-waweth-usdc";
const POOL_ABI = parseAbi(["function getVirtualUnderlyingBalance(address asset) view returns (uint128)"]);

/** The shipped scenario, edited. */
const shipped = (edit?: (s: Scenario) => void) => shippedScenario("scenarios/aweth-on-morpho.json", edit);

// Issue 18's nested collateral: Morpho Blue lending USDC against Aave's static aWETH (StataTokenV2), whose
// liquidators must redeem the seized shares through Aave's WETH reserve before they can sell them.
describe("nested collateral: Aave's static aWETH on Morpho Blue (issue 18)", function () {
  this.timeout(300_000);

  it("default: StataTokenV2's conversions by hand — shares · rate / RAY and assets · RAY / rate, floor or ceil; maxRedeem caps the balance by the virtual balance in shares", () => {
    const rate = 1_050_000_000_000_000_000_000_000_001n; // 1.05 ray and 1e-27
    // 3 · 1.05…001 = 3.15…003 ray-units: 3e18 shares → 3.15e18 assets (the 3e-9 wei dropped by the floor).
    expect(StataMath.convertToAssets(3n * 10n ** 18n, rate, "floor")).to.equal(3_150_000_000_000_000_000n);
    expect(StataMath.convertToAssets(3n * 10n ** 18n, rate, "ceil")).to.equal(3_150_000_000_000_000_001n);
    // 1.05e18 assets / 1.05…001 = 0.99999…9 e18 → floor 999,999,999,999,999,999, ceil 1e18.
    expect(StataMath.convertToShares(1_050_000_000_000_000_000n, rate, "floor")).to.equal(
      999_999_999_999_999_999n,
    );
    expect(StataMath.convertToShares(1_050_000_000_000_000_000n, rate, "ceil")).to.equal(10n ** 18n);
    expect(StataMath.maxRedeem(5n, 10n ** 30n, RAY)).to.equal(5n);
    expect(StataMath.maxRedeem(5n * 10n ** 18n, 2n * 10n ** 18n, 2n * RAY)).to.equal(10n ** 18n);
  });

  it("behavior: the crash drains Aave's WETH cash with Aave's own liquidations; from then on no Morpho liquidation can redeem its seizure, so the Morpho market's loss is open debt nobody can take — far more than the same book on plain WETH collateral, and less the less of Aave's WETH is borrowed (none blocked at 10%)", async () => {
    const nested = runModel(await shipped(), { skipSsf: true });
    const plain = runModel(
      await shipped((s) => {
        const m = s.markets.find((x) => x.id === MORPHO) as { collateralWrapper?: unknown };
        delete m.collateralWrapper;
      }),
      { skipSsf: true },
    );
    const borrowedAt = async (u: number) =>
      runModel(
        await shipped((s) => {
          const aave = s.markets.find((x) => x.id === "aave") as {
            reserves: { asset: string; utilization?: number }[];
          };
          aave.reserves.find((r) => r.asset === "WETH")!.utilization = u;
        }),
        { skipSsf: true },
      );
    const [at60, at30, liquid] = [await borrowedAt(0.6), await borrowedAt(0.3), await borrowedAt(0.1)];
    const blocked = nested.blockedLiquidations ?? [];
    expect(blocked.length).to.be.greaterThan(50);
    for (const b of blocked) expect(b.market).to.equal(MORPHO);
    expect(blocked[0]!.reason).to.match(/no cash left/);
    expect(plain.blockedLiquidations ?? []).to.deep.equal([]);
    expect(liquid.blockedLiquidations ?? []).to.deep.equal([]);
    // The less of Aave's WETH is borrowed, the more cash it keeps: fewer positions blocked, and later.
    const count = (r: typeof nested) => r.blockedLiquidations?.length ?? 0;
    expect(count(nested)).to.be.greaterThan(count(at60));
    expect(count(at60)).to.be.greaterThan(count(at30));
    expect(count(at30)).to.be.greaterThan(0);
    expect(at60.blockedLiquidations![0]!.block).to.be.greaterThan(blocked[0]!.block);
    expect(at30.blockedLiquidations![0]!.block).to.be.greaterThan(at60.blockedLiquidations![0]!.block);
    const loss = (r: typeof nested) => r.totals.badDebtByProtocol[MORPHO]!.totalUsd;
    expect(loss(nested)).to.be.greaterThan(1_000_000);
    expect(loss(nested)).to.be.greaterThan(4 * loss(plain));
    expect(loss(nested)).to.be.greaterThan(4 * loss(liquid));
    // The contagion graph's channels: nested, Morpho's whole loss came through Aave's token; on plain WETH
    // through WETH, nobody's token. Each market's channels add up to its loss.
    const channels = (r: typeof nested, market: string) =>
      r.contagion!.losses.filter((l) => l.market === market);
    expect(channels(nested, MORPHO).map((l) => [l.token, l.issuer])).to.deep.equal([["waWETH", "aave"]]);
    expect(channels(plain, MORPHO).map((l) => [l.token, l.issuer])).to.deep.equal([["WETH", undefined]]);
    for (const r of [nested, plain])
      for (const [id, l] of Object.entries(r.totals.badDebtByProtocol)) {
        const sum = channels(r, id).reduce((s, c) => s + c.usd, 0);
        expect(sum).to.be.closeTo(l.totalUsd, 1e-6 * Math.max(1, l.totalUsd));
      }
    expect(nested.contagion!.issued).to.deep.equal([{ token: "waWETH", issuer: "aave", underlying: "WETH" }]);
    // Nested, Morpho liquidates less debt than on plain WETH, where its liquidators sell what they seize.
    const morphoLiquidated = (r: typeof nested) => r.events.filter((e) => e.market === MORPHO).length;
    expect(morphoLiquidated(nested)).to.be.lessThan(morphoLiquidated(plain));
  });

  it("behavior: the report draws the contagion graph (contagion.svg, in report.md and inline in report.html) and lists the blocked liquidations", async () => {
    const report = runModel(await shipped(), { skipSsf: true });
    const dir = mkdtempSync(join(tmpdir(), "dlcm-contagion-"));
    await writeModelReport(report, dir);
    const svg = readFileSync(join(dir, "contagion.svg"), "utf8");
    expect(svg).to.match(/^<svg /);
    for (const name of ["waWETH", "WETH", "aave", MORPHO, "issues", "wraps"])
      expect(svg).to.include(`>${name}<`);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).to.include("| morpho-waweth-usdc | waWETH |");
    expect(md).to.include("(contagion from aave)");
    expect(md).to.include("![Contagion graph](contagion.svg)");
    const blocked = report.blockedLiquidations!;
    expect(md).to.include(
      `${blocked.length} liquidatable positions could not be liquidated, the first from block ${blocked[0]!.block}`,
    );
    expect(readFileSync(join(dir, "report.html"), "utf8")).to.include("Contagion: which token");
  });

  it("behavior: on chain, every transaction exact (each redemption's assets checked from the liquidator's Redeemed event) and the scan agreeing; at the block the model says Aave's cash ran out, the chain's Morpho liquidation of that position reverts in the wrapper's maxRedeem, and the reserve had cash for it the block before", async function () {
    await skipWithoutMorpho(this);
    const scenario = await shipped();
    await onExactRun(scenario, async ({ chain, session, run }) => {
      const morphoActions = run.model!.events.filter((e) => e.market === MORPHO);
      expect(morphoActions.length).to.be.greaterThan(10);

      const first = run.model!.blockedLiquidations![0]!;
      const chainBlock = (block: number) =>
        BigInt(run.chain!.rounds.find((r) => r.block === block)!.chainBlock);
      const book = session.book;
      const aave = book.aave.aave!;
      const morpho = book.morpho![MORPHO]!;
      const weth = book.tokens.WETH!.address;
      const stata = aave.staticATokens!.waWETH!;
      const index = session
        .baseState(scenario)
        .markets.find((m) => m.id === MORPHO)!
        .positions.findIndex((p) => p.id === first.positionId);
      const borrower = book.borrowers[MORPHO]![index]! as Address;
      const stataAbi = loadArtifact(AAVE_STATA_ARTIFACTS.stataToken).abi;
      const capacity = async (at: bigint) => {
        const cash = (await chain.client.readContract({
          address: aave.pool,
          abi: POOL_ABI,
          functionName: "getVirtualUnderlyingBalance",
          args: [weth],
          blockNumber: at,
        })) as bigint;
        return (await chain.client.readContract({
          address: stata,
          abi: stataAbi,
          functionName: "convertToShares",
          args: [cash],
          blockNumber: at,
        })) as bigint;
      };
      const at = chainBlock(first.block);
      const [, borrowShares, collateral] = (await chain.client.readContract({
        address: morpho.morpho,
        abi: MORPHO_POSITION_ABI,
        functionName: "position",
        args: [morpho.id, borrower],
        blockNumber: at,
      })) as readonly [bigint, bigint, bigint];
      expect(collateral > 0n).to.equal(true);
      // What the reserve could redeem at that block is less than the position's collateral; a block earlier
      // (the previous cascade block's chain block) it covered it.
      expect((await capacity(at)) < collateral).to.equal(true);
      expect((await capacity(chainBlock(first.block - 1))) >= collateral).to.equal(true);
      // A liquidation of half the debt, as our liquidator sends it, reverts there in the wrapper (ERC4626ExceededMaxRedeem).
      let reason = "";
      try {
        await chain.client.simulateContract({
          account: book.roles.liquidators[0]!,
          address: morpho.liquidator,
          // The wrapper's errors beside the liquidator's, for the revert to decode.
          abi: [
            ...loadArtifact("morpho/MorphoLiquidator").abi,
            ...stataAbi.filter((item) => item.type === "error"),
          ],
          functionName: "liquidate",
          args: [
            {
              market: morpho.params,
              borrower,
              // Half the debt: a seizure within the collateral (all of it could repay more than is owed).
              seizedAssets: 0n,
              repaidShares: borrowShares / 2n,
              uniswapPool: book.uniswapV3.pools["weth-usdc-5"]!.address,
              uniswapV2: false,
              hopPool: "0x0000000000000000000000000000000000000000",
              hopV2: false,
              redeemVault: stata,
            },
          ],
          blockNumber: at,
        });
      } catch (error) {
        const revert =
          error instanceof BaseError
            ? error.walk((e) => e instanceof ContractFunctionRevertedError)
            : undefined;
        reason =
          revert instanceof ContractFunctionRevertedError
            ? (revert.data?.errorName ?? revert.shortMessage)
            : String(error);
      }
      expect(reason).to.equal("ERC4626ExceededMaxRedeem");
      // Losses from the chain's own balances at the end (the wrapper's rate read there, not a scan's) are the
      // model's: checked on a second run from the snapshot without the per-block scan.
      const final = await runVariantOnChain(session, scenario, { skipSsf: true, scan: "final" });
      for (const id of [MORPHO, "aave"]) {
        const chainLoss = final.chain!.totals.badDebtByProtocol[id]!;
        const modelLoss = final.model!.totals.badDebtByProtocol[id]!.totalUsd;
        expect(chainLoss.source).to.equal("chain");
        expect(chainLoss.totalUsd).to.be.closeTo(modelLoss, 1e-4 * modelLoss);
      }
    });
  });
});
