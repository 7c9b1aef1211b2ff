import { expect } from "chai";
import { parseAbi } from "viem";
import { createChain } from "../../src/chain/createChain.js";
import { impersonate } from "../../src/chain/impersonate.js";
import { roleAddress } from "../../src/chain/roleAddress.js";
import { writeContract } from "../../src/chain/writeContract.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import { openReplicaSession, type ReplicaSession } from "../../src/harness/openReplicaSession.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { readAaveMarket } from "../../src/protocols/aave/readAaveMarket.js";
import { mintTestToken } from "../../src/protocols/tokens/mintTestToken.js";
import { testScenario } from "../../src/testing/testScenario.js";

// Caps below what the seeded book already holds (as after governance lowers them): WETH supply capped at
// 100 WETH, USDC borrows at 1,000 USDC.
const capped = () =>
  testScenario((raw) => {
    const [weth, usdc] = raw.markets[0].reserves;
    weth.supplyCap = 100;
    usdc.borrowCap = 1000;
  });
const pool = parseAbi([
  "function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)",
  "function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)",
]);

describe("Aave V3 reserve caps on the replica", function () {
  this.timeout(300_000);
  let session: ReplicaSession;
  before(async () => {
    session = await openReplicaSession(await createChain({ backend: "anvil" }), capped());
  });
  after(async () => {
    await session?.stop();
  });
  const market = () => session.book.aave.aave!;
  const tokens = () => session.book.tokens;

  it("default: the pool's configuration holds the scenario's caps (whole tokens; 0 = none)", async () => {
    await session.reset();
    const read = await readAaveMarket(session.chain, {
      lens: session.book.harness.aaveLens,
      pool: market().pool,
      assets: ["WETH", "USDC"].map((symbol) => ({ symbol, asset: tokens()[symbol]!.address })),
      users: [],
    });
    expect(read.caps).to.deep.equal([
      { supplyCap: 100n, borrowCap: 0n },
      { supplyCap: 0n, borrowCap: 1000n },
    ]);
  });

  it("behavior: the v3.6 pool refuses a new supply (SupplyCapExceeded) and a new borrow (BorrowCapExceeded) over the caps", async () => {
    await session.reset();
    const user = roleAddress("caps-test-user");
    await impersonate(session.chain, user);
    await session.chain.client.setBalance({ address: user, value: 10n ** 20n });
    const weth = tokens().WETH!.address;
    await mintTestToken(session.chain, { token: weth, to: user, amount: 10n ** 21n, spender: market().pool });
    const supply = (amount: bigint) =>
      writeContract(session.chain, {
        from: user,
        address: market().pool,
        abi: pool,
        functionName: "supply",
        args: [weth, amount, user, 0],
      });
    await supply(10n ** 18n).then(
      () => expect.fail("supplied over the cap"),
      (error) => expect((error as TransactionRevertedError).reason).to.equal("SupplyCapExceeded"),
    );
    // Without the cap the same supply goes through: lift it and retry.
    await writeContract(session.chain, {
      from: market().poolAdmin,
      address: market().poolConfigurator,
      abi: parseAbi(["function setSupplyCap(address asset, uint256 newSupplyCap)"]),
      functionName: "setSupplyCap",
      args: [weth, 0n],
    });
    await supply(10n ** 20n);
    await writeContract(session.chain, {
      from: user,
      address: market().pool,
      abi: pool,
      functionName: "borrow",
      args: [tokens().USDC!.address, 10n ** 6n, 2n, 0, user],
    }).then(
      () => expect.fail("borrowed over the cap"),
      (error) => {
        expect(error).to.be.instanceOf(TransactionRevertedError);
        expect((error as TransactionRevertedError).reason).to.equal("BorrowCapExceeded");
      },
    );
  });

  it("behavior: caps do not bind liquidations: the cascade runs, every transaction exact", async () => {
    const run = await runVariantOnChain(session, capped());
    const chain = run.chain!;
    expect(chain.actions.mismatched).to.equal(0);
    expect(chain.actions.exact).to.equal(chain.actions.executed);
    expect(chain.totals.liquidations).to.be.greaterThan(5);
  });
});
