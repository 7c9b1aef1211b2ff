// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {SafeTransfer} from "./SafeTransfer.sol";

/// @notice The part of UniswapV2Pair (v2-core 1.0.1) a swap uses.
interface IUniswapV2Pair {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @notice An exact-input swap on a Uniswap V2 pair as the V2 router does it: the output is quoted from the
/// pair's reserves with the pair's fixed 0.3% fee, the input is sent to the pair, then `pair.swap` pays out.
library V2Swap {
    using SafeTransfer for address;

    /// @param payer where the input comes from: `address(this)` transfers, anyone else `transferFrom`s.
    /// @return amount0 token0 paid to the pair (+) or received (−)
    /// @return amount1 token1 paid to the pair (+) or received (−)
    function exactInput(address pair, bool zeroForOne, uint256 amountIn, address payer, address recipient)
        internal
        returns (int256 amount0, int256 amount1)
    {
        (uint112 reserve0, uint112 reserve1,) = IUniswapV2Pair(pair).getReserves();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0);
        // The pair enforces (balance·1000 − in·3)·(other·1000) ≥ k·1000²: the largest output it accepts.
        uint256 amountInWithFee = amountIn * 997;
        uint256 amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
        address tokenIn = zeroForOne ? IUniswapV2Pair(pair).token0() : IUniswapV2Pair(pair).token1();
        if (payer == address(this)) tokenIn.safeTransfer(pair, amountIn);
        else tokenIn.safeTransferFrom(payer, pair, amountIn);
        IUniswapV2Pair(pair).swap(zeroForOne ? 0 : amountOut, zeroForOne ? amountOut : 0, recipient, "");
        (amount0, amount1) = zeroForOne
            ? (int256(amountIn), -int256(amountOut))
            : (-int256(amountOut), int256(amountIn));
    }
}
