// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "./SafeTransfer.sol";

/// @title LiquidityMinter
/// @notice Mints exact liquidity amounts at tick ranges, as the scenario states them, paying from the
/// caller. Positions belong to `owner` in the pool's own books (no NFT manager needed).
contract LiquidityMinter {
    using SafeTransfer for address;

    struct Mint {
        int24 tickLower;
        int24 tickUpper;
        uint128 liquidity;
    }

    address private expectedPool;

    function mint(address pool, address owner, Mint[] calldata mints) external {
        expectedPool = pool;
        for (uint256 i = 0; i < mints.length; i++) {
            IUniswapV3Pool(pool).mint(owner, mints[i].tickLower, mints[i].tickUpper, mints[i].liquidity, abi.encode(msg.sender));
        }
        expectedPool = address(0);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata data) external {
        require(msg.sender == expectedPool, "LiquidityMinter: caller");
        address payer = abi.decode(data, (address));
        if (amount0Owed > 0) IUniswapV3Pool(msg.sender).token0().safeTransferFrom(payer, msg.sender, amount0Owed);
        if (amount1Owed > 0) IUniswapV3Pool(msg.sender).token1().safeTransferFrom(payer, msg.sender, amount1Owed);
    }
}
