// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "../uniswap/SafeTransfer.sol";

/// @title DaoBackstop
/// @notice The Sovereign Risk DAO's shared liquidity backstop: a fund of stablecoins (sent to it) that buys on a
/// Uniswap V3 pool when its owner, the DAO's executor, calls `buy` (the trigger is the DAO's policy, off chain),
/// paying from its own balance and keeping what it buys. `buy` takes exactly the pool call's arguments, so the
/// harness checks it against the model like any swap.
contract DaoBackstop {
    using SafeTransfer for address;

    address public immutable owner;
    address private expectedPool;

    event Bought(address indexed pool, int256 amount0, int256 amount1);

    constructor(address owner_) {
        owner = owner_;
    }

    /// @return amount0 token0 paid to the pool (+) or received (−)
    /// @return amount1 token1 paid to the pool (+) or received (−)
    function buy(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        external
        returns (int256 amount0, int256 amount1)
    {
        require(msg.sender == owner, "DaoBackstop: owner");
        expectedPool = pool;
        (amount0, amount1) = IUniswapV3Pool(pool).swap(address(this), zeroForOne, amountSpecified, sqrtPriceLimitX96, "");
        expectedPool = address(0);
        emit Bought(pool, amount0, amount1);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        require(msg.sender == expectedPool, "DaoBackstop: caller");
        if (amount0Delta > 0) IUniswapV3Pool(msg.sender).token0().safeTransfer(msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IUniswapV3Pool(msg.sender).token1().safeTransfer(msg.sender, uint256(amount1Delta));
    }
}
