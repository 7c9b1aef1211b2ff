// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "../uniswap/SafeTransfer.sol";
import {IUniswapV2Pair} from "../uniswap/V2Swap.sol";
import {IComet} from "./IComet.sol";

interface IBalanceOf {
    function balanceOf(address) external view returns (uint256);
}

/// @title CometLiquidator
/// @notice What a Comet bot does after an absorb, in one transaction: buy the protocol's collateral at the
/// storefront price (`buyCollateral`) and sell every unit on a Uniswap pool, with the base flash-borrowed
/// from that same pool: a flash swap sells the quoted collateral (exact input, no price limit on V3; the
/// router's quote on V2), and in the pool's callback the base it paid out buys the collateral the pool is
/// then paid with. Whatever base is left goes to the caller. Reverts when the sale does not pay for the buy.
contract CometLiquidator {
    using SafeTransfer for address;

    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    IComet public immutable COMET;
    address private expectedPool;

    struct Job {
        address asset;
        uint256 baseAmount;
        address pool;
        bool uniswapV2;
    }

    event Bought(address indexed asset, uint256 baseAmount, uint256 collateralAmount, uint256 saleProceeds);

    constructor(IComet comet) {
        COMET = comet;
    }

    function buyAndSell(Job calldata job) external returns (uint256 collateralAmount, uint256 proceeds) {
        address base = COMET.baseToken();
        collateralAmount = COMET.quoteCollateral(job.asset, job.baseAmount);
        uint256 before = IBalanceOf(base).balanceOf(address(this));
        expectedPool = job.pool;
        if (job.uniswapV2) _flashV2(job, collateralAmount);
        else _flashV3(job, collateralAmount);
        expectedPool = address(0);
        uint256 left = IBalanceOf(base).balanceOf(address(this)) - before;
        proceeds = left + job.baseAmount;
        if (left > 0) base.safeTransfer(msg.sender, left);
        emit Bought(job.asset, job.baseAmount, collateralAmount, proceeds);
    }

    function _flashV2(Job calldata job, uint256 collateralAmount) private {
        bool zeroForOne = job.asset == IUniswapV2Pair(job.pool).token0();
        (uint112 r0, uint112 r1,) = IUniswapV2Pair(job.pool).getReserves();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 inWithFee = collateralAmount * 997;
        uint256 out = (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
        bytes memory data = abi.encode(job, collateralAmount);
        IUniswapV2Pair(job.pool).swap(zeroForOne ? 0 : out, zeroForOne ? out : 0, address(this), data);
    }

    function _flashV3(Job calldata job, uint256 collateralAmount) private {
        bool zeroForOne = job.asset == IUniswapV3Pool(job.pool).token0();
        IUniswapV3Pool(job.pool).swap(
            address(this),
            zeroForOne,
            int256(collateralAmount),
            zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE,
            abi.encode(job, collateralAmount)
        );
    }

    /// In the pool's callback: the base is here, buy the collateral and pay the pool `owed` of it.
    function _buy(Job memory job, uint256 owed) private {
        address base = COMET.baseToken();
        require(IBalanceOf(base).balanceOf(address(this)) >= job.baseAmount, "CometLiquidator: unprofitable");
        base.safeApprove(address(COMET), job.baseAmount);
        COMET.buyCollateral(job.asset, 0, job.baseAmount, address(this));
        job.asset.safeTransfer(msg.sender, owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        require(msg.sender == expectedPool, "CometLiquidator: swap caller");
        (Job memory job,) = abi.decode(data, (Job, uint256));
        _buy(job, uint256(amount0Delta > 0 ? amount0Delta : amount1Delta));
    }

    function uniswapV2Call(address, uint256, uint256, bytes calldata data) external {
        require(msg.sender == expectedPool, "CometLiquidator: swap caller");
        (Job memory job, uint256 collateralAmount) = abi.decode(data, (Job, uint256));
        _buy(job, collateralAmount);
    }
}
