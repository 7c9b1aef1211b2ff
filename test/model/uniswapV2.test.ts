import { expect } from "chai";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { swapV2 } from "../../src/model/amm/v2/swapV2.js";
import { getAmountIn, getAmountOut } from "../../src/model/amm/v2/UniswapV2Library.js";

describe("getAmountOut", () => {
  it("default: 1 WETH into 100 WETH / 200,000 USDC at 0.3% gives 1,974.316068 USDC (hand-computed)", () => {
    expect(getAmountOut(10n ** 18n, 100n * 10n ** 18n, 200_000n * 10n ** 6n)).to.equal(1_974_316_068n);
  });
  it("behavior: getAmountIn(getAmountOut(x)) ≤ x and the pair's k never falls", () => {
    for (const x of [1n, 10n ** 9n, 10n ** 17n, 5n * 10n ** 19n]) {
      const out = getAmountOut(x, 100n * 10n ** 18n, 200_000n * 10n ** 6n);
      if (out === 0n) {
        // 1 wei of WETH buys nothing: the pair reverts rather than take it for free.
        expect(() =>
          swapV2(
            { reserve0: 100n * 10n ** 18n, reserve1: 200_000n * 10n ** 6n, feeBps: 30n },
            { zeroForOne: true, amountIn: x },
          ),
        ).to.throw(MathRevertError, "INSUFFICIENT_OUTPUT_AMOUNT");
        continue;
      }
      expect(getAmountIn(out, 100n * 10n ** 18n, 200_000n * 10n ** 6n) <= x).to.equal(true);
      const r = swapV2(
        { reserve0: 100n * 10n ** 18n, reserve1: 200_000n * 10n ** 6n, feeBps: 30n },
        { zeroForOne: true, amountIn: x },
      );
      expect(r.pool.reserve0 * r.pool.reserve1 >= 100n * 10n ** 18n * 200_000n * 10n ** 6n).to.equal(true);
    }
  });
  it("error: MathRevertError on zero input", () => {
    expect(() => getAmountOut(0n, 1n, 1n)).to.throw(MathRevertError);
  });
});
