// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IMorpho, MarketParams} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "../uniswap/SafeTransfer.sol";
import {IUniswapV2Pair, V2Swap} from "../uniswap/V2Swap.sol";

interface IBalanceOf {
    function balanceOf(address) external view returns (uint256);
}

interface IERC4626Redeem {
    function asset() external view returns (address);
    function redeem(uint256 shares, address receiver, address owner) external returns (uint256 assets);
}

/// @title MorphoLiquidator
/// @notice The cascade's liquidator on a Morpho Blue market, as a bot does it without capital: `liquidate`
/// with Morpho's callback, which hands over the seized collateral first; the callback sells it on a Uniswap
/// pool (V3 or V2, optionally after a hop on a pegged asset's own pool) for the loan token, and Morpho then
/// pulls the repayment. A collateral that is an ERC-4626 wrapper (Aave's static aToken) is redeemed first and
/// its asset sold: where the wrapper cannot redeem (its reserve's cash), the liquidation reverts. A sale that fetches less than the repayment reverts the whole liquidation. What is
/// left over (the profit) goes to the caller.
contract MorphoLiquidator {
    using SafeTransfer for address;

    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    struct Job {
        MarketParams market;
        address borrower;
        /// @dev Exactly one of the two is non-zero, as Morpho.liquidate takes them.
        uint256 seizedAssets;
        uint256 repaidShares;
        address uniswapPool;
        bool uniswapV2;
        address hopPool;
        bool hopV2;
        /// @dev Non-zero: the collateral is this ERC-4626 wrapper, redeemed before the sale.
        address redeemVault;
    }

    IMorpho public immutable MORPHO;
    address private expectedSwapPool;
    Job private job;
    uint256 private saleProceeds;

    event Liquidation(
        address indexed borrower, uint256 repaidAssets, uint256 seizedAssets, uint256 saleProceeds, uint256 profit
    );
    event Redeemed(uint256 shares, uint256 assets);

    constructor(IMorpho morpho) {
        MORPHO = morpho;
    }

    function liquidate(Job calldata j) external returns (uint256 seized, uint256 repaid) {
        job = j;
        (seized, repaid) = MORPHO.liquidate(j.market, j.borrower, j.seizedAssets, j.repaidShares, hex"01");
        uint256 proceeds = saleProceeds;
        delete job;
        delete saleProceeds;
        uint256 left = IBalanceOf(j.market.loanToken).balanceOf(address(this));
        if (left > 0) j.market.loanToken.safeTransfer(msg.sender, left);
        emit Liquidation(j.borrower, repaid, seized, proceeds, left);
    }

    function onMorphoLiquidate(uint256 repaidAssets, bytes calldata) external {
        require(msg.sender == address(MORPHO), "MorphoLiquidator: caller");
        Job memory j = job;
        uint256 seized = IBalanceOf(j.market.collateralToken).balanceOf(address(this));
        uint256 proceeds = seized == 0 ? 0 : _sale(j, seized);
        require(IBalanceOf(j.market.loanToken).balanceOf(address(this)) >= repaidAssets, "MorphoLiquidator: unprofitable");
        saleProceeds = proceeds;
        j.market.loanToken.safeApprove(address(MORPHO), repaidAssets);
    }

    function _sale(Job memory j, uint256 seized) private returns (uint256) {
        address tokenIn = j.market.collateralToken;
        uint256 amountIn = seized;
        if (j.redeemVault != address(0)) {
            amountIn = IERC4626Redeem(j.redeemVault).redeem(seized, address(this), address(this));
            tokenIn = IERC4626Redeem(j.redeemVault).asset();
            emit Redeemed(seized, amountIn);
        }
        if (j.hopPool != address(0)) {
            address token0 = IUniswapV3Pool(j.hopPool).token0();
            amountIn = j.hopV2 ? _sellV2(j.hopPool, tokenIn, amountIn) : _sell(j.hopPool, tokenIn, amountIn);
            tokenIn = tokenIn == token0 ? IUniswapV3Pool(j.hopPool).token1() : token0;
        }
        return j.uniswapV2 ? _sellV2(j.uniswapPool, tokenIn, amountIn) : _sell(j.uniswapPool, tokenIn, amountIn);
    }

    function _sell(address pool, address tokenIn, uint256 amountIn) private returns (uint256 amountOut) {
        bool zeroForOne = tokenIn == IUniswapV3Pool(pool).token0();
        expectedSwapPool = pool;
        (int256 amount0, int256 amount1) = IUniswapV3Pool(pool).swap(
            address(this), zeroForOne, int256(amountIn), zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE, ""
        );
        expectedSwapPool = address(0);
        amountOut = uint256(-(zeroForOne ? amount1 : amount0));
    }

    function _sellV2(address pair, address tokenIn, uint256 amountIn) private returns (uint256 amountOut) {
        bool zeroForOne = tokenIn == IUniswapV2Pair(pair).token0();
        (int256 amount0, int256 amount1) = V2Swap.exactInput(pair, zeroForOne, amountIn, address(this), address(this));
        amountOut = uint256(-(zeroForOne ? amount1 : amount0));
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        require(msg.sender == expectedSwapPool, "MorphoLiquidator: swap caller");
        if (amount0Delta > 0) IUniswapV3Pool(msg.sender).token0().safeTransfer(msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IUniswapV3Pool(msg.sender).token1().safeTransfer(msg.sender, uint256(amount1Delta));
    }
}
