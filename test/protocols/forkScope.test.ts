import { expect } from "chai";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { classifyAaveAccount } from "../../src/protocols/aave/classifyAaveAccount.js";
import { parseForkAddresses } from "../../src/protocols/addresses/parseForkAddresses.js";
import { resolveMainnetForkAddresses } from "../../src/protocols/addresses/resolveMainnetForkAddresses.js";
import { testScenario } from "../../src/testing/testScenario.js";

// Aave's UserConfiguration: bit 2·id is "borrowing reserve id", bit 2·id+1 "using it as collateral".
const borrowing = (id: number) => 1n << BigInt(2 * id);
const collateral = (id: number) => 1n << BigInt(2 * id + 1);

describe("classifyAaveAccount", () => {
  const account = (
    userConfiguration: bigint,
    over: Partial<{ totalDebtBase: bigint; eModeCategory: number }> = {},
  ) => ({
    totalDebtBase: 5_000_00000000n,
    eModeCategory: 0,
    userConfiguration,
    ...over,
  });

  it("default: WETH collateral (id 0) against USDC debt (id 3) is in scope when the scenario lists ids 0 and 3", () => {
    expect(classifyAaveAccount(account(collateral(0) | borrowing(3)), [0, 3])).to.equal("in scope");
  });

  it("behavior: any bit of a reserve the scenario lacks puts the account out, whether borrowed or collateral", () => {
    expect(classifyAaveAccount(account(collateral(0) | borrowing(3) | collateral(7)), [0, 3])).to.equal(
      "assets outside the scenario's reserves",
    );
    expect(classifyAaveAccount(account(collateral(0) | borrowing(2)), [0, 3])).to.equal(
      "assets outside the scenario's reserves",
    );
    // Reserve ids reach past 64 bits on mainnet's larger markets (bit 2·40+1 = 81).
    expect(classifyAaveAccount(account(collateral(40) | borrowing(3)), [3, 40])).to.equal("in scope");
    expect(classifyAaveAccount(account(collateral(40) | borrowing(3)), [3, 39])).to.equal(
      "assets outside the scenario's reserves",
    );
  });

  it("behavior: no debt is not a borrower; an e-mode account is out on a Pool whose e-mode the model does not mirror (v3.0), in on v3.6+ when its assets are the scenario's", () => {
    expect(classifyAaveAccount(account(collateral(0), { totalDebtBase: 0n }), [0, 3])).to.equal("no debt");
    expect(classifyAaveAccount(account(collateral(0) | borrowing(3), { eModeCategory: 1 }), [0, 3])).to.equal(
      "e-mode",
    );
    const mirrored = { eModeModelled: true };
    expect(
      classifyAaveAccount(account(collateral(0) | borrowing(3), { eModeCategory: 1 }), [0, 3], mirrored),
    ).to.equal("in scope");
    expect(
      classifyAaveAccount(account(collateral(0) | borrowing(5), { eModeCategory: 1 }), [0, 3], mirrored),
    ).to.equal("assets outside the scenario's reserves");
  });
});

describe("resolveMainnetForkAddresses", () => {
  it("default: the test scenario resolves to Aave V3 Ethereum and Uniswap's WETH/USDC pools", () => {
    const book = resolveMainnetForkAddresses(testScenario());
    expect(book.chainId).to.equal(1);
    expect(book.tokens.WETH).to.deep.equal({
      address: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
      decimals: 18,
    });
    expect(book.tokens.USDC).to.deep.equal({
      address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
      decimals: 6,
    });
    expect(book.aave.aave!.pool).to.equal("0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2");
    // Pool addresses as listed on etherscan/Uniswap info; USDC sorts first, so it is token0.
    expect(book.uniswapV3.pools["weth-usdc-5"]).to.deep.include({
      address: "0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640",
      token0: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    });
    expect(book.uniswapV3.pools["weth-usdc-30"]!.address).to.equal(
      "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
    );
  });

  it("error: DeploymentError names an asset with no mainnet address and points to --addresses", () => {
    const scenario = testScenario((raw) => {
      raw.assets.push({ symbol: "ZZZ", decimals: 18, priceUsd: 1 });
    });
    expect(() => resolveMainnetForkAddresses(scenario)).to.throw(
      DeploymentError,
      /no mainnet address for ZZZ/,
    );
    try {
      resolveMainnetForkAddresses(scenario);
    } catch (error) {
      expect((error as DeploymentError).metaMessages!.join("\n")).to.match(/--addresses/);
    }
  });
});

describe("parseForkAddresses", () => {
  const valid = () => JSON.parse(JSON.stringify(resolveMainnetForkAddresses(testScenario())));

  it("default: a book written as JSON reads back as itself, checksummed", () => {
    const raw = valid();
    raw.tokens.WETH.address = raw.tokens.WETH.address.toLowerCase();
    expect(parseForkAddresses(raw, "book.json")).to.deep.equal(resolveMainnetForkAddresses(testScenario()));
  });

  it("error: ScenarioValidationError lists every bad field by its path", () => {
    const raw = valid();
    raw.aave.aave.oracle = "0x1234";
    delete raw.uniswapV3.factory;
    raw.chainId = "1";
    try {
      parseForkAddresses(raw, "book.json");
      expect.fail("a bad book was accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(ScenarioValidationError);
      const text = (error as ScenarioValidationError).metaMessages!.join("\n");
      expect(text).to.match(/aave\.aave\.oracle: a 0x-prefixed 20-byte address/);
      expect(text).to.match(/uniswapV3\.factory:/);
      expect(text).to.match(/chainId:/);
      expect((error as ScenarioValidationError).shortMessage).to.match(/book\.json.*3 problems/);
    }
  });
});
