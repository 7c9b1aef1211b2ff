import { expect } from "chai";
import { type Address, decodeEventLog, encodeFunctionData, parseAbi, toFunctionSelector } from "viem";
import { loadCometArtifact } from "../../src/build/compileComet.js";
import { sendBlock } from "../../src/chain/sendBlock.js";
import type { CascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import type { AaveMarketModel, CascadeAction, CompoundMarketModel } from "../../src/model/cascade/types.js";
import { isLiquidatable } from "../../src/model/lending/compound/isLiquidatable.js";
import { createAaveDaoMember } from "../../src/model/markets/aave/createAaveDaoMember.js";
import { cometPricesE8 } from "../../src/model/markets/compound/cometPricesE8.js";
import { createCometDaoMember } from "../../src/model/markets/compound/createCometDaoMember.js";
import { setCometAssetTerms } from "../../src/model/markets/compound/setCometAssetTerms.js";
import { createCometChainMarket } from "../../src/protocols/compound/createCometChainMarket.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import type { ObserveContext } from "../../src/protocols/types.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { skipWithoutComet } from "../helpers/skipWithoutComet.js";

const COMET = parseAbi([
  "function isLiquidatable(address account) view returns (bool)",
  "function borrowBalanceOf(address account) view returns (uint256)",
  "function getAssetInfoByAddress(address asset) view returns ((uint8 offset, address asset, address priceFeed, uint64 scale, uint64 borrowCollateralFactor, uint64 liquidateCollateralFactor, uint64 liquidationFactor, uint128 supplyCap))",
  "function totalBorrow() view returns (uint256)",
]);
const ADMIN = parseAbi([
  "function getProxyImplementation(address proxy) view returns (address)",
  "function deployAndUpgradeTo(address configuratorProxy, address cometProxy)",
  "event CometDeployed(address indexed cometProxy, address indexed newComet)",
]);

/** A cascade context with only what a terms change touches: the block, the action sink, the round's changes. */
function contextAt(block: number, actions: CascadeAction[]): CascadeContext {
  return {
    block,
    onAction: (a: CascadeAction) => actions.push(a),
    round: { parameterChanges: [] },
  } as unknown as CascadeContext;
}

// Issue 19's margin lever on Comet: Comet's collateral factors are immutables of its implementation, so the
// governor changes them the way a Compound proposal does — the Configurator's factor updates, then
// CometProxyAdmin.deployAndUpgradeTo (a new implementation from the Configurator's configuration). The
// replica deploys Comet as upstream's deployment does (proxy, proxy admin, Configurator, factory), so this is
// the path mainnet's cUSDCv3 takes.
describe("the DAO's margin cut on Comet through its governor path (issue 19)", function () {
  this.timeout(180_000);
  before(async function () {
    await skipWithoutComet(this);
  });

  it("default: Comet's borrow factor stays 1 bp under its liquidation factor (Comet reverts BorrowCFTooLarge otherwise); Aave's LTV may equal its threshold", async () => {
    const { replica } = await useReplica("anvil");
    const comet = structuredClone(
      replica.state.markets.find((m) => m.id === "compound-usdc"),
    ) as CompoundMarketModel;
    const aave = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const actions: CascadeAction[] = [];
    const member = createCometDaoMember(contextAt(3, actions), comet);
    expect(member.maxLtvBps(8000n)).to.equal(7999n);
    expect(createAaveDaoMember(contextAt(3, []), [], aave).maxLtvBps(8000n)).to.equal(8000n);
    // The scenario's WETH on compound-usdc: borrow 0.83, liquidate 0.90 (cUSDCv3's launch terms).
    expect(member.terms()).to.deep.equal([{ asset: "WETH", ltvBps: 8300n, liquidationThresholdBps: 9000n }]);
    member.set([{ asset: "WETH", ltvBps: 8000n, liquidationThresholdBps: 8500n }], "dao-margins");
    // Two Configurator updates, then one upgrade; the model's market has the new factors (1 bp = 1e14).
    expect(actions.map((a) => a.kind)).to.deep.equal([
      "cometAssetFactor",
      "cometAssetFactor",
      "cometUpgrade",
    ]);
    expect(comet.market.assets[0]).to.deep.include({
      borrowCollateralFactor: 800_000_000_000_000_000n,
      liquidateCollateralFactor: 850_000_000_000_000_000n,
    });
    expect(() =>
      setCometAssetTerms(contextAt(3, []), {
        market: comet,
        by: "dao-margins",
        assets: [
          { index: 0, borrowCollateralFactor: 85n * 10n ** 16n, liquidateCollateralFactor: 85n * 10n ** 16n },
        ],
      }),
    ).to.throw(RangeError, /must be below the liquidation factor/);
  });

  it("behavior: the cut goes through the Configurator and a proxy upgrade on the real contracts: the new implementation has the model's factors, Comet's storage is kept, and an account the cut pushes across is liquidatable by Comet's own isLiquidatable exactly as the model says", async () => {
    const fixture = await useReplica("anvil");
    await fixture.reset();
    const { chain, replica } = fixture;
    const book = replica.book;
    const c = book.compound!["compound-usdc"]!;
    const probe = book.borrowers["compound-usdc"]![0]!;
    const weth = book.tokens.WETH!.address;
    const model = structuredClone(
      replica.state.markets.find((m) => m.id === "compound-usdc"),
    ) as CompoundMarketModel;
    // comet-probe: 1 WETH against 1,700 USDC. At $1,950: 0.90 · 1,950 = 1,755 > 1,700, not liquidatable;
    // at a liquidation factor of 0.85, 1,657.50 < 1,700: liquidatable.
    await setFeedAnswer(chain, {
      from: book.roles.deployer,
      feed: book.feeds.WETH!,
      answer: 195_000_000_000n,
    });
    const read = <T>(
      address: Address,
      abi: typeof COMET | typeof ADMIN,
      functionName: string,
      args: unknown[],
    ) => chain.client.readContract({ address, abi, functionName, args } as never) as Promise<T>;
    const liquidatableOnChain = () => read<boolean>(c.comet, COMET, "isLiquidatable", [probe]);
    const prices = (m: CompoundMarketModel) =>
      cometPricesE8(m, (s) => (s === "WETH" ? 195_000_000_000n : 100_000_000n));
    const position = model.positions[0]!;
    expect(position.id).to.equal("comet-probe");
    expect(await liquidatableOnChain()).to.equal(false);
    expect(isLiquidatable(model.market, position, prices(model))).to.equal(false);
    const debtBefore = await read<bigint>(c.comet, COMET, "borrowBalanceOf", [probe]);
    const totalBefore = await read<bigint>(c.comet, COMET, "totalBorrow", []);
    const implementationBefore = await read<Address>(c.proxyAdmin, ADMIN, "getProxyImplementation", [
      c.comet,
    ]);

    // The model's cut, sent as the chain loop sends it, each receipt checked against its action.
    const actions: CascadeAction[] = [];
    createCometDaoMember(contextAt(1, actions), model).set(
      [{ asset: "WETH", ltvBps: 8000n, liquidationThresholdBps: 8500n }],
      "dao-margins",
    );
    const market = createCometChainMarket(chain, { book, market: model });
    const context = { oracleUsd: () => 1, underlying: "WETH", blockTimestamp: () => 0n } as ObserveContext;
    const latest = (await chain.client.getBlock()).timestamp;
    const sent = actions.map((a) => market.transaction(a as never, book.roles.liquidators[0]!)!);
    expect(sent.map((t) => t.from)).to.deep.equal([c.governor, c.governor, c.governor]);
    const receipts = await sendBlock(chain, { timestamp: latest + 12n, transactions: sent });
    expect(receipts.map((r) => r.status)).to.deep.equal(["success", "success", "success"]);
    receipts.forEach((r, i) => {
      const o = market.observe(r, actions[i] as never, context);
      expect(o.got, actions[i]!.kind).to.deep.equal(o.expected);
    });

    // The contract's own result: the new implementation's factors, from the Configurator's deployment.
    const deployed = receipts[2]!.logs.flatMap((log) => {
      try {
        return [decodeEventLog({ abi: ADMIN, data: log.data, topics: log.topics })];
      } catch {
        return [];
      }
    })[0]!.args as { newComet: Address };
    const implementation = await read<Address>(c.proxyAdmin, ADMIN, "getProxyImplementation", [c.comet]);
    expect(implementation).to.not.equal(implementationBefore);
    expect(implementation).to.equal(deployed.newComet);
    const info = await read<{ borrowCollateralFactor: bigint; liquidateCollateralFactor: bigint }>(
      c.comet,
      COMET,
      "getAssetInfoByAddress",
      [weth],
    );
    expect([info.borrowCollateralFactor, info.liquidateCollateralFactor]).to.deep.equal([
      model.market.assets[0]!.borrowCollateralFactor,
      model.market.assets[0]!.liquidateCollateralFactor,
    ]);
    // The proxy's storage is Comet's: the account's debt and the totals are untouched by the upgrade.
    expect(await read<bigint>(c.comet, COMET, "borrowBalanceOf", [probe])).to.equal(debtBefore);
    expect(await read<bigint>(c.comet, COMET, "totalBorrow", [])).to.equal(totalBefore);
    // Pushed across by the cut alone (same price): on chain and in the model.
    expect(await liquidatableOnChain()).to.equal(true);
    expect(isLiquidatable(model.market, position, prices(model))).to.equal(true);

    // Only the governor (the proxy admin's owner) can upgrade; Comet's constructor refuses borrow ≥ liquidate.
    const stranger = book.roles.liquidators[0]!;
    const upgrade = (from: Address) => ({
      from,
      to: c.proxyAdmin,
      gas: 12_000_000n,
      data: encodeFunctionData({
        abi: ADMIN,
        functionName: "deployAndUpgradeTo",
        args: [c.configurator, c.comet],
      }),
    });
    const tooLarge = market.transaction(
      {
        block: 2,
        kind: "cometAssetFactor",
        market: "compound-usdc",
        asset: "WETH",
        factor: "borrowCollateralFactor",
        by: "dao-margins",
        value: 850_000_000_000_000_000n,
      },
      stranger,
    )!;
    const [byStranger, raised, refused] = await sendBlock(chain, {
      timestamp: latest + 24n,
      transactions: [upgrade(stranger), tooLarge, upgrade(c.governor)],
    });
    expect([byStranger!.status, raised!.status, refused!.status]).to.deep.equal([
      "reverted",
      "success",
      "reverted",
    ]);
    // Why: the new implementation's constructor reverts BorrowCFTooLarge (its selector, in the revert data).
    const revert = await chain.client
      .call({ account: c.governor, to: c.proxyAdmin, data: upgrade(c.governor).data, gas: 12_000_000n })
      .catch((e: Error) => e);
    expect(String(revert)).to.include(toFunctionSelector("BorrowCFTooLarge()"));
    expect(
      loadCometArtifact("Comet").abi.some((x) => x.type === "error" && x.name === "BorrowCFTooLarge"),
    ).to.equal(true);
  });
});
