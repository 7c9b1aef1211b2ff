// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "./SafeTransfer.sol";
import {V2Swap} from "./V2Swap.sol";

/// @title PoolSwapper
/// @notice Calls `swap` on a Uniswap V3 pool with exactly the arguments the model uses (exact input when
/// `amountSpecified > 0`, exact output when < 0, and an explicit sqrt price limit), paying from the caller.
/// `swapV2` does the same on a Uniswap V2 pair. The harness's market makers, shock and arbitrage trades go
/// through it, so a trade on chain and in the
/// model are the same call on the same pool.
contract PoolSwapper {
    using SafeTransfer for address;

    address private expectedPool;

    /// @return amount0 token0 paid to the pool (+) or received (−)
    /// @return amount1 token1 paid to the pool (+) or received (−)
    function swap(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, address recipient)
        external
        returns (int256 amount0, int256 amount1)
    {
        expectedPool = pool;
        (amount0, amount1) = IUniswapV3Pool(pool).swap(recipient, zeroForOne, amountSpecified, sqrtPriceLimitX96, abi.encode(msg.sender));
        expectedPool = address(0);
    }

    /// @notice Exact input on a Uniswap V2 pair, paid by the caller (router math: see V2Swap).
    function swapV2(address pair, bool zeroForOne, uint256 amountIn, address recipient)
        external
        returns (int256 amount0, int256 amount1)
    {
        (amount0, amount1) = V2Swap.exactInput(pair, zeroForOne, amountIn, msg.sender, recipient);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        require(msg.sender == expectedPool, "PoolSwapper: caller");
        address payer = abi.decode(data, (address));
        if (amount0Delta > 0) IUniswapV3Pool(msg.sender).token0().safeTransferFrom(payer, msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IUniswapV3Pool(msg.sender).token1().safeTransferFrom(payer, msg.sender, uint256(amount1Delta));
    }
}
