// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @title UniswapV3Lens
/// @notice Reads a Uniswap V3 pool's swap state in one `eth_call`: slot0, active liquidity, and every
/// initialised tick (with its liquidityNet) in a range of tick-bitmap words, found by scanning the bitmap.
contract UniswapV3Lens {
    struct PoolState {
        uint160 sqrtPriceX96;
        int24 tick;
        uint128 liquidity;
        uint24 fee;
        int24 tickSpacing;
        address token0;
        address token1;
        int24[] ticks;
        int128[] liquidityNet;
    }

    function poolState(IUniswapV3Pool pool, int16 wordLower, int16 wordUpper) external view returns (PoolState memory s) {
        (s.sqrtPriceX96, s.tick,,,,,) = pool.slot0();
        s.liquidity = pool.liquidity();
        s.fee = pool.fee();
        s.tickSpacing = pool.tickSpacing();
        s.token0 = pool.token0();
        s.token1 = pool.token1();
        uint256 count = 0;
        for (int16 w = wordLower; w <= wordUpper; w++) {
            uint256 bits = pool.tickBitmap(w);
            while (bits != 0) {
                bits &= bits - 1;
                count++;
            }
        }
        s.ticks = new int24[](count);
        s.liquidityNet = new int128[](count);
        uint256 n = 0;
        for (int16 w = wordLower; w <= wordUpper; w++) {
            uint256 bits = pool.tickBitmap(w);
            for (uint256 b = 0; bits != 0 && b < 256; b++) {
                if (bits & (uint256(1) << b) == 0) continue;
                bits &= ~(uint256(1) << b);
                int24 tick = (int24(w) * 256 + int24(uint24(b))) * s.tickSpacing;
                (, int128 net,,,,,,) = pool.ticks(tick);
                s.ticks[n] = tick;
                s.liquidityNet[n] = net;
                n++;
            }
        }
    }
}
