// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";
import {IPoolAddressesProvider} from "@aave/core-v3/contracts/interfaces/IPoolAddressesProvider.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {SafeTransfer} from "../uniswap/SafeTransfer.sol";
import {IUniswapV2Pair, V2Swap} from "../uniswap/V2Swap.sol";

interface IBalanceOf {
    function balanceOf(address) external view returns (uint256);
    function allowance(address owner, address spender) external view returns (uint256);
}

/// @title CascadeLiquidator
/// @notice What a real liquidation bot does, in one transaction: flash-borrow the debt asset from the Aave
/// pool, `liquidationCall` with the job's `debtToCover` (type(uint256).max: the protocol's close factor decides how
/// much), sell every unit of seized collateral on a Uniswap V3 pool (exact input, no price limit) or a V2
/// pair (exact input at the router's quote) — a pegged token first on its own pool, then what that fetched;
/// no sale when the collateral is the debt asset itself —, repay
/// the flash loan, and send what is left to the caller. Reverts `CascadeLiquidator: unprofitable` when the sale
/// does not repay the loan, as a bot's transaction would. When the collateral reserve cannot pay a seizure
/// out, it takes aTokens instead (`liquidateForATokens`) and unwinds them later (`unwind`).
contract CascadeLiquidator {
    using SafeTransfer for address;

    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    struct Job {
        address collateral;
        address debt;
        address user;
        address uniswapPool;
        /// the sale pool is a Uniswap V2 pair (exact input at the router's quote) instead of a V3 pool
        bool uniswapV2;
        /// a pegged collateral sold in two hops: its own pool, sold on first for that pool's other token, which
        /// is then sold on `uniswapPool` (address(0): one sale, on `uniswapPool`)
        address hopPool;
        /// the hop pool is a Uniswap V2 pair
        bool hopV2;
        /// what `liquidationCall` is asked to repay: type(uint256).max for as much as the close factor allows,
        /// less when the reserves' cash cannot pay the largest liquidation out
        uint256 debtToCover;
    }

    struct Result {
        uint256 debtRepaid;
        uint256 collateralSeized;
        uint256 saleProceeds;
        uint256 flashPremium;
    }

    IPool public immutable POOL;
    Result private last;
    address private expectedSwapPool;

    event Liquidation(
        address indexed user,
        address indexed collateral,
        address indexed debt,
        uint256 debtRepaid,
        uint256 collateralSeized,
        uint256 saleProceeds,
        uint256 flashPremium
    );

    event Unwind(address indexed asset, address indexed proceedsAsset, uint256 withdrawn, uint256 proceeds);

    constructor(IPool pool) {
        POOL = pool;
    }

    function ADDRESSES_PROVIDER() external view returns (IPoolAddressesProvider) {
        return POOL.ADDRESSES_PROVIDER();
    }

    /// @param flashAmount debt asset borrowed for the liquidation: at least what the close factor allows
    /// (the user's whole debt in that reserve is always enough); the unused part is returned with the loan.
    function liquidate(Job calldata job, uint256 flashAmount) external returns (Result memory result) {
        POOL.flashLoanSimple(address(this), job.debt, flashAmount, abi.encode(job), 0);
        result = last;
        delete last;
        uint256 left = IBalanceOf(job.debt).balanceOf(address(this));
        if (left > 0) job.debt.safeTransfer(msg.sender, left);
        emit Liquidation(job.user, job.collateral, job.debt, result.debtRepaid, result.collateralSeized, result.saleProceeds, result.flashPremium);
    }

    /// @notice A bot with capital of its own: repays from this contract's own inventory of the debt asset (up
    /// to `amount`; no flash loan), sells the seized collateral as `liquidate` does and keeps the proceeds here.
    /// Reverts `CascadeLiquidator: unprofitable` when the sale does not give back what the repayment took.
    function liquidateWithCapital(Job calldata job, uint256 amount) external returns (Result memory result) {
        uint256 before = IBalanceOf(job.debt).balanceOf(address(this));
        uint256 collateralBefore = IBalanceOf(job.collateral).balanceOf(address(this));
        job.debt.safeApprove(address(POOL), amount);
        POOL.liquidationCall(job.collateral, job.debt, job.user, job.debtToCover, false);
        uint256 repaid = amount - IBalanceOf(job.debt).allowance(address(this), address(POOL));
        job.debt.safeApprove(address(POOL), 0);
        uint256 seized = IBalanceOf(job.collateral).balanceOf(address(this)) + (job.collateral == job.debt ? repaid : 0) - collateralBefore;
        uint256 proceeds = seized == 0 ? 0 : job.collateral == job.debt ? seized : _sale(job, seized);
        require(IBalanceOf(job.debt).balanceOf(address(this)) >= before, "CascadeLiquidator: unprofitable");
        result = Result(repaid, seized, proceeds, 0);
        emit Liquidation(job.user, job.collateral, job.debt, repaid, seized, proceeds, 0);
    }

    /// @notice The bot's move when the collateral reserve has no cash to pay the seizure out: repay from the
    /// caller's own inventory of the debt asset (`amount` pulled, the rest returned), no flash loan and no
    /// sale, and keep the seized collateral as aTokens (`liquidationCall(…, receiveAToken = true)`) in this
    /// contract, to unwind once the reserve has cash again.
    function liquidateForATokens(Job calldata job, uint256 amount) external returns (uint256 repaid) {
        job.debt.safeTransferFrom(msg.sender, address(this), amount);
        job.debt.safeApprove(address(POOL), amount);
        POOL.liquidationCall(job.collateral, job.debt, job.user, job.debtToCover, true);
        repaid = amount - IBalanceOf(job.debt).allowance(address(this), address(POOL));
        job.debt.safeApprove(address(POOL), 0);
        if (amount > repaid) job.debt.safeTransfer(msg.sender, amount - repaid);
        emit Liquidation(job.user, job.collateral, job.debt, repaid, 0, 0, 0);
    }

    /// @notice Unwinds aTokens this contract took (`liquidateForATokens`) once their reserve has cash again:
    /// withdraws `amount` of `job.collateral` (type(uint256).max: all it holds) to itself, sells it as a
    /// liquidation's seizure is sold (the hop pool first when there is one) for `job.debt` (kept as it is
    /// when it is that asset), and sends the proceeds to the caller.
    function unwind(Job calldata job, uint256 amount) external returns (uint256 withdrawn, uint256 proceeds) {
        withdrawn = POOL.withdraw(job.collateral, amount, address(this));
        proceeds = job.collateral == job.debt ? withdrawn : _sale(job, withdrawn);
        job.debt.safeTransfer(msg.sender, proceeds);
        emit Unwind(job.collateral, job.debt, withdrawn, proceeds);
    }

    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        require(msg.sender == address(POOL) && initiator == address(this), "CascadeLiquidator: caller");
        Job memory job = abi.decode(params, (Job));
        // The pool may pull exactly the loan for the liquidation: what it pulled is what the allowance lost
        // (exact, also when the collateral is the debt asset itself and our balance moves by seized −
        // repaid; a debt token's balance difference rounds from scaled amounts and misses by a wei).
        uint256 collateralBefore = IBalanceOf(job.collateral).balanceOf(address(this));
        asset.safeApprove(address(POOL), amount);
        POOL.liquidationCall(job.collateral, job.debt, job.user, job.debtToCover, false);
        uint256 repaid = amount - IBalanceOf(asset).allowance(address(this), address(POOL));
        uint256 seized = IBalanceOf(job.collateral).balanceOf(address(this)) + (job.collateral == asset ? repaid : 0) - collateralBefore;
        // Collateral in the debt asset itself needs no sale (the model counts it as proceeds one to one).
        uint256 proceeds = seized == 0 ? 0 : job.collateral == asset ? seized : _sale(job, seized);
        require(IBalanceOf(asset).balanceOf(address(this)) >= amount + premium, "CascadeLiquidator: unprofitable");
        asset.safeApprove(address(POOL), amount + premium);
        last = Result(repaid, seized, proceeds, premium);
        return true;
    }

    /// The seized collateral sold for the debt asset: on the hop pool first when there is one, then on the sale pool.
    function _sale(Job memory job, uint256 seized) private returns (uint256) {
        address tokenIn = job.collateral;
        uint256 amountIn = seized;
        if (job.hopPool != address(0)) {
            address token0 = IUniswapV3Pool(job.hopPool).token0();
            amountIn = job.hopV2 ? _sellV2(job.hopPool, tokenIn, amountIn) : _sell(job.hopPool, tokenIn, amountIn);
            tokenIn = tokenIn == token0 ? IUniswapV3Pool(job.hopPool).token1() : token0;
        }
        return job.uniswapV2 ? _sellV2(job.uniswapPool, tokenIn, amountIn) : _sell(job.uniswapPool, tokenIn, amountIn);
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
        require(msg.sender == expectedSwapPool, "CascadeLiquidator: swap caller");
        if (amount0Delta > 0) IUniswapV3Pool(msg.sender).token0().safeTransfer(msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IUniswapV3Pool(msg.sender).token1().safeTransfer(msg.sender, uint256(amount1Delta));
    }
}
