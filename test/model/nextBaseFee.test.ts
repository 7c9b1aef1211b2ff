import { expect } from "chai";
import { type Hex, toHex } from "viem";
import { createChain } from "../../src/chain/createChain.js";
import { nextBaseFee } from "../../src/model/liquidators/nextBaseFee.js";

const GWEI = 10n ** 9n;

describe("EIP-1559 base fee (the liquidation race's gas price)", function () {
  this.timeout(120_000);

  it("hand values from the specification's rule", () => {
    const limit = 30_000_000n;
    // A full block raises the fee by 1/8, an empty one lowers it by 1/8, the target holds it.
    expect(nextBaseFee({ baseFeeWei: GWEI, gasUsed: limit, gasLimit: limit })).to.equal(1_125_000_000n);
    expect(nextBaseFee({ baseFeeWei: GWEI, gasUsed: 0n, gasLimit: limit })).to.equal(875_000_000n);
    expect(nextBaseFee({ baseFeeWei: GWEI, gasUsed: limit / 2n, gasLimit: limit })).to.equal(GWEI);
    // 3/4 full: + 1/8 · (22.5M − 15M)/15M = +6.25%.
    expect(nextBaseFee({ baseFeeWei: 40n * GWEI, gasUsed: 22_500_000n, gasLimit: limit })).to.equal(
      42_500_000_000n,
    );
    // Just above the target, the rise is at least 1 wei.
    expect(nextBaseFee({ baseFeeWei: 7n, gasUsed: limit / 2n + 1n, gasLimit: limit })).to.equal(8n);
  });

  it("equals anvil's own base fee after blocks of known gas", async () => {
    const chain = await createChain({ backend: "anvil" });
    try {
      const ask = chain.request as (a: { method: string; params: unknown[] }) => Promise<unknown>;
      const [from, to] = (await ask({ method: "eth_accounts", params: [] })) as Hex[];
      // [base fee, transfers of 21,000 gas, block gas limit]: below, at and above the target (half the limit).
      for (const [base, transfers, limit] of [
        [30n * GWEI, 0, 60_000_000n],
        [30n * GWEI, 1, 60_000_000n],
        [123_456_789n, 40, 60_000_000n],
        [30n * GWEI, 2, 84_000n],
        [30n * GWEI, 4, 84_000n],
        [123_456_789n, 3, 84_000n],
        [7n, 3, 84_000n],
      ] as const) {
        await ask({ method: "evm_setBlockGasLimit", params: [toHex(limit)] });
        await ask({ method: "evm_setAutomine", params: [false] });
        await ask({ method: "anvil_setNextBlockBaseFeePerGas", params: [toHex(base)] });
        for (let i = 0; i < transfers; i++)
          await ask({
            method: "eth_sendTransaction",
            params: [
              {
                from,
                to,
                value: "0x1",
                gas: toHex(21_000n),
                maxFeePerGas: toHex(base * 2n + 10n),
                maxPriorityFeePerGas: "0x0",
              },
            ],
          });
        await ask({ method: "evm_mine", params: [] });
        await ask({ method: "evm_setAutomine", params: [true] });
        const mined = await chain.client.getBlock();
        expect(mined.baseFeePerGas).to.equal(base);
        expect(mined.gasUsed).to.equal(21_000n * BigInt(transfers));
        await ask({ method: "evm_mine", params: [] });
        const next = await chain.client.getBlock();
        expect(next.baseFeePerGas, `${base} wei, ${transfers} transfers`).to.equal(
          nextBaseFee({ baseFeeWei: base, gasUsed: mined.gasUsed, gasLimit: mined.gasLimit }),
        );
      }
    } finally {
      await chain.stop();
    }
  });
});
