import { expect } from "chai";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import { MAINNET } from "../../src/protocols/addresses/mainnet.js";
import { resolveMainnetAaveMarket } from "../../src/protocols/addresses/resolveMainnetAaveMarket.js";
import { computeUniswapV3PoolAddress } from "../../src/protocols/uniswap/computeUniswapV3PoolAddress.js";

describe("mainnet address book (fork mode)", () => {
  it("default: the documented Uniswap V3 pools are the factory's CREATE2 addresses for their tokens and fee", () => {
    for (const [id, pool] of Object.entries(MAINNET.uniswapV3.pools)) {
      const [a, b] = pool.pair;
      const computed = computeUniswapV3PoolAddress({
        factory: MAINNET.uniswapV3.factory,
        tokenA: MAINNET.tokens[a as keyof typeof MAINNET.tokens].address,
        tokenB: MAINNET.tokens[b as keyof typeof MAINNET.tokens].address,
        feePips: pool.feePips,
        initCodeHash: MAINNET.uniswapV3.poolInitCodeHash,
      });
      expect(computed, id).to.equal(pool.address);
    }
  });

  it("behavior: Aave V3 Ethereum resolves by symbol from the address book, tokens agreeing with the project list", () => {
    const m = resolveMainnetAaveMarket(["WETH", "USDC"]);
    expect(m.pool).to.equal("0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2");
    expect(m.reserves.WETH!.asset).to.equal(MAINNET.tokens.WETH.address);
    expect(m.reserves.USDC).to.include({ asset: MAINNET.tokens.USDC.address, decimals: 6 });
    for (const a of [m.oracle, m.aclAdmin, m.dataProvider, m.reserves.WETH!.variableDebtToken])
      expect(a).to.match(/^0x[0-9a-fA-F]{40}$/);
  });

  it("error: a symbol the market does not list is named, with what it lists", () => {
    expect(() => resolveMainnetAaveMarket(["WETH", "NOPE"])).to.throw(
      DeploymentError,
      /does not list NOPE[\s\S]*Listed: .*USDC/,
    );
  });
});
