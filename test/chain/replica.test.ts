import { expect } from "chai";
import { hasCometArtifacts, loadCometArtifact } from "../../src/build/compileComet.js";
import type { AaveMarketModel, CompoundMarketModel } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { readAaveMarket } from "../../src/protocols/aave/readAaveMarket.js";
import { readUniswapV3Pool } from "../../src/protocols/uniswap/readUniswapV3Pool.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

for (const backend of ["anvil", "edr"] as const) {
  describe(`deployReplica (${backend})`, function () {
    this.timeout(120_000);

    it("default: real Aave V3 and Uniswap V3 deployed; every pool read back equals the model's pool", async () => {
      const { chain, replica } = await useReplica(backend);
      await (await useReplica(backend)).reset();
      for (const pool of replica.state.pools) {
        if (pool.kind !== "uniswap-v3") continue;
        const onChain = await readUniswapV3Pool(chain, {
          lens: replica.book.harness.uniswapLens,
          pool: replica.book.uniswapV3.pools[pool.id]!.address,
        });
        expect(onChain.state).to.deep.equal(pool.state);
        // The pool contract itself sorted the tokens the way the model assumed.
        expect(onChain.token0).to.equal(
          pool.underlyingIsToken0 ? replica.book.tokens.WETH!.address : replica.book.tokens.USDC!.address,
        );
      }
    });

    it("behavior: seeding reproduces every model position to the wei, and the pool's own health factors equal the model's", async () => {
      const { chain, replica } = await useReplica(backend);
      const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const book = replica.book.aave.aave!;
      const read = await readAaveMarket(chain, {
        lens: replica.book.harness.aaveLens,
        pool: book.pool,
        assets: market.reserves.map((r) => ({
          symbol: r.symbol,
          asset: replica.book.tokens[r.symbol]!.address,
        })),
        users: market.positions.map((p, i) => ({ id: p.id, address: replica.book.borrowers.aave![i]! })),
        batchSize: 16,
      });
      expect(read.positions).to.deep.equal(market.positions);
      expect(
        read.reserves.map(({ asset: _a, aToken: _t, variableDebtToken: _d, id: _i, ...r }) => r),
      ).to.deep.equal(market.reserves);
      // The pool numbers reserves in the order initReserves listed them, which is the scenario's order.
      expect(read.reserves.map((r) => r.id)).to.deep.equal(market.reserves.map((_, i) => i));
      expect(read.pricesE8).to.deep.equal(
        market.reserves.map((r) => replica.state.oracles.find((o) => o.symbol === r.symbol)!.priceE8),
      );
      read.positions.forEach((p, i) => {
        const model = calculateUserAccountData(market.reserves, p, read.pricesE8, market.profile);
        expect(read.accounts[i]!.healthFactor, p.id).to.equal(model.healthFactor);
        expect(read.accounts[i]!.totalCollateralBase, p.id).to.equal(model.totalCollateralBase);
        expect(read.accounts[i]!.totalDebtBase, p.id).to.equal(model.totalDebtBase);
      });
    });

    it("behavior: borrowers sit at the scenario's health factors (probe: 10 WETH against 24,000 USDC at LT 82.5%)", async () => {
      const { chain, replica } = await useReplica(backend);
      const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const index = market.positions.findIndex((p) => p.id === "probe-weth");
      const [, , , , , healthFactor] = (await chain.client.readContract({
        address: replica.book.aave.aave!.pool,
        abi: [
          {
            type: "function",
            name: "getUserAccountData",
            stateMutability: "view",
            inputs: [{ type: "address" }],
            outputs: Array(6).fill({ type: "uint256" }),
          },
        ] as const,
        functionName: "getUserAccountData",
        args: [replica.book.borrowers.aave![index]!],
      })) as readonly bigint[];
      const priceUsd = Number(replica.state.oracles.find((o) => o.symbol === "WETH")!.priceE8) / 1e8;
      const expected = (10 * priceUsd * 0.825) / 24_000; // hand formula: collateral × price × LT / debt
      expect(Number(healthFactor) / 1e18).to.be.closeTo(expected, 1e-12);
      expect(expected).to.be.closeTo(1.03125, 1e-6);
      // Generated borrowers: uniform HF in [1.02, 2].
      const generated = market.positions.filter((p) => !p.id.startsWith("probe"));
      for (const p of generated) {
        const hf =
          Number(
            calculateUserAccountData(
              market.reserves,
              p,
              market.reserves.map((r) => replica.state.oracles.find((o) => o.symbol === r.symbol)!.priceE8),
              market.profile,
            ).healthFactor,
          ) / 1e18;
        expect(hf).to.be.within(1.02 - 1e-6, 2 + 1e-6);
      }
    });

    it("behavior: Compound V3 runs Comet built from its pinned source (or, with no source fetched, is model-only with the command that fetches it)", async () => {
      const { chain, replica } = await useReplica(backend);
      if (!hasCometArtifacts()) {
        expect(replica.modelOnly.map((m) => m.id)).to.deep.equal(["compound-usdc"]);
        expect(replica.modelOnly[0]!.reason).to.contain("npm run protocols:fetch");
        return;
      }
      expect(replica.modelOnly).to.deep.equal([]);
      const comet = replica.book.compound!["compound-usdc"]!;
      const abi = loadCometArtifact("Comet").abi;
      const get = (functionName: string, args: unknown[] = []) =>
        chain.client.readContract({ address: comet.comet, abi, functionName, args } as Parameters<
          typeof chain.client.readContract
        >[0]);
      expect(await get("baseToken")).to.equal(replica.book.tokens.USDC!.address);
      expect(await get("numAssets")).to.equal(1);
      // The scenario's factors as Comet packs them (4 decimals) and its storefront factor.
      const info = (await get("getAssetInfo", [0])) as {
        liquidateCollateralFactor: bigint;
        liquidationFactor: bigint;
      };
      expect(info.liquidateCollateralFactor).to.equal(9n * 10n ** 17n);
      expect(info.liquidationFactor).to.equal(95n * 10n ** 16n);
      expect(await get("storeFrontPriceFactor")).to.equal(6n * 10n ** 17n);
      // Every seeded account is a Comet borrower with the model's principal.
      const [first] = replica.book.borrowers["compound-usdc"]!;
      const [principal] = (await get("userBasic", [first])) as readonly [bigint];
      const model = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
      expect(principal).to.equal(model.positions[0]!.principal);
    });
  });
}
