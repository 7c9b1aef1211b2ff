// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";
import {DataTypes} from "@aave/core-v3/contracts/protocol/libraries/types/DataTypes.sol";

interface IScaledBalance {
    function scaledBalanceOf(address user) external view returns (uint256);
}

interface IPoolV36 {
    struct CollateralConfig {
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
    }

    function getEModeCategoryCollateralConfig(uint8 id) external view returns (CollateralConfig memory);
    function getEModeCategoryCollateralBitmap(uint8 id) external view returns (uint128);
    function getEModeCategoryBorrowableBitmap(uint8 id) external view returns (uint128);
    function getEModeCategoryLtvzeroBitmap(uint8 id) external view returns (uint128);
    function getReserveDeficit(address asset) external view returns (uint256);
    function getVirtualUnderlyingBalance(address asset) external view returns (uint128);
    function RESERVE_INTEREST_RATE_STRATEGY() external view returns (address);
}

interface IRateStrategyV2 {
    struct InterestRateData {
        uint16 optimalUsageRatio;
        uint32 baseVariableBorrowRate;
        uint32 variableRateSlope1;
        uint32 variableRateSlope2;
    }

    function getInterestRateDataBps(address reserve) external view returns (InterestRateData memory);
}

interface IRateStrategyV30 {
    function OPTIMAL_USAGE_RATIO() external view returns (uint256);
    function getBaseVariableBorrowRate() external view returns (uint256);
    function getVariableRateSlope1() external view returns (uint256);
    function getVariableRateSlope2() external view returns (uint256);
}

interface IScaledSupply {
    function scaledTotalSupply() external view returns (uint256);
}

interface IERC20Balance {
    function balanceOf(address) external view returns (uint256);
}

interface IPriceOracleGetter {
    function getAssetPrice(address asset) external view returns (uint256);
}

/// @title AaveLens
/// @notice Read-only batch reads of an Aave V3 pool, run through `eth_call`: every reserve's configuration,
/// indices and oracle price, and every user's scaled balances, collateral bits and account data, in one
/// call per batch instead of one request per borrower. Works on v3.0 and v3.3+ pools (the fields it reads
/// of `getReserveData` keep their positions in `ReserveDataLegacy`); the virtual balance and the deficit
/// are read where the pool has them (v3.1+, v3.3+).
contract AaveLens {
    struct Reserve {
        address asset;
        uint16 id;
        uint256 configuration;
        uint256 liquidityIndexRay;
        uint256 variableBorrowIndexRay;
        address aToken;
        address variableDebtToken;
        uint256 priceBase;
        /// underlying held by the aToken (what it can pay out)
        uint256 underlyingBalance;
        /// v3.1+: the reserve's virtual balance; v3.0: its underlying balance
        uint256 virtualBalance;
        /// v3.3+: debt written off into the reserve's deficit; v3.0: 0
        uint256 deficit;
        /// interest state: stored indices, current rates, last update, scaled total debt, the block's time
        uint256 storedLiquidityIndex;
        uint256 storedVariableBorrowIndex;
        uint256 liquidityRate;
        uint256 variableBorrowRate;
        uint256 lastUpdateTimestamp;
        uint256 totalScaledDebt;
        uint256 blockTimestamp;
        /// the reserve's rate data, bps: v3.4+ from the pool's strategy (getInterestRateDataBps); v3.0 from the
        /// reserve's DefaultReserveInterestRateStrategy (its rays over 1e23: optimal usage, base, slopes 1, 2)
        uint256[4] rateDataBps;
        /// 2: rateDataBps is a v3.4+ strategy's; 1: a v3.0 DefaultReserveInterestRateStrategy's; 0: none read
        uint256 rateModel;
        /// the aToken's scaled total supply
        uint256 totalScaledSupply;
        /// the treasury's accrued share of the interest, scaled (ReserveData.accruedToTreasury)
        uint256 accruedToTreasury;
    }

    /// One v3.2+ e-mode category: its collateral terms and its three reserve-id bitmaps.
    struct EModeCategory {
        uint256 id;
        uint256 ltv;
        uint256 liquidationThreshold;
        uint256 liquidationBonus;
        uint256 collateralBitmap;
        uint256 borrowableBitmap;
        uint256 ltvzeroBitmap;
    }

    struct Account {
        uint256[] scaledCollateral;
        uint256[] scaledDebt;
        uint256 userConfiguration;
        uint256 totalCollateralBase;
        uint256 totalDebtBase;
        uint256 healthFactor;
        uint256 eModeCategory;
    }

    function reserves(IPool pool, address[] calldata assets) public view returns (Reserve[] memory out) {
        IPriceOracleGetter oracle = IPriceOracleGetter(pool.ADDRESSES_PROVIDER().getPriceOracle());
        out = new Reserve[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) {
            DataTypes.ReserveData memory data = pool.getReserveData(assets[i]);
            Reserve memory r = out[i];
            r.asset = assets[i];
            r.id = data.id;
            r.configuration = data.configuration.data;
            r.liquidityIndexRay = pool.getReserveNormalizedIncome(assets[i]);
            r.variableBorrowIndexRay = pool.getReserveNormalizedVariableDebt(assets[i]);
            r.aToken = data.aTokenAddress;
            r.variableDebtToken = data.variableDebtTokenAddress;
            r.priceBase = oracle.getAssetPrice(assets[i]);
            r.underlyingBalance = IERC20Balance(assets[i]).balanceOf(data.aTokenAddress);
            out[i].virtualBalance = out[i].underlyingBalance;
            try IPoolV36(address(pool)).getVirtualUnderlyingBalance(assets[i]) returns (uint128 v) {
                out[i].virtualBalance = v;
            } catch {}
            try IPoolV36(address(pool)).getReserveDeficit(assets[i]) returns (uint256 d) {
                out[i].deficit = d;
            } catch {}
            _interest(pool, assets[i], data, out[i]);
        }
    }

    function _interest(IPool pool, address asset, DataTypes.ReserveData memory data, Reserve memory r) private view {
        r.storedLiquidityIndex = data.liquidityIndex;
        r.storedVariableBorrowIndex = data.variableBorrowIndex;
        r.liquidityRate = data.currentLiquidityRate;
        r.variableBorrowRate = data.currentVariableBorrowRate;
        r.lastUpdateTimestamp = data.lastUpdateTimestamp;
        r.totalScaledDebt = IScaledSupply(data.variableDebtTokenAddress).scaledTotalSupply();
        r.totalScaledSupply = IScaledSupply(data.aTokenAddress).scaledTotalSupply();
        r.accruedToTreasury = data.accruedToTreasury;
        r.blockTimestamp = block.timestamp;
        try IPoolV36(address(pool)).RESERVE_INTEREST_RATE_STRATEGY() returns (address strategy) {
            try IRateStrategyV2(strategy).getInterestRateDataBps(asset) returns (IRateStrategyV2.InterestRateData memory d) {
                r.rateDataBps = [
                    uint256(d.optimalUsageRatio),
                    uint256(d.baseVariableBorrowRate),
                    uint256(d.variableRateSlope1),
                    uint256(d.variableRateSlope2)
                ];
                r.rateModel = 2;
            } catch {}
        } catch {
            _interestV30(data.interestRateStrategyAddress, r);
        }
    }

    /// v3.0: the reserve's own strategy's parameters (a strategy of zeros, e.g. ZeroRateStrategy, reads as zeros).
    function _interestV30(address strategy, Reserve memory r) private view {
        IRateStrategyV30 s = IRateStrategyV30(strategy);
        try s.OPTIMAL_USAGE_RATIO() returns (uint256 optimal) {
            r.rateDataBps = [
                optimal / 1e23,
                s.getBaseVariableBorrowRate() / 1e23,
                s.getVariableRateSlope1() / 1e23,
                s.getVariableRateSlope2() / 1e23
            ];
            r.rateModel = 1;
        } catch {}
    }

    /// @notice The pool's e-mode categories 1..255 that exist (a liquidation threshold above 0; v3.2+ pools,
    /// none on v3.0).
    function eModeCategories(IPool pool) external view returns (EModeCategory[] memory out) {
        EModeCategory[] memory found = new EModeCategory[](255);
        uint256 n = 0;
        for (uint256 id = 1; id <= 255; id++) {
            try IPoolV36(address(pool)).getEModeCategoryCollateralConfig(uint8(id)) returns (IPoolV36.CollateralConfig memory c) {
                if (c.liquidationThreshold == 0) continue;
                IPoolV36 p = IPoolV36(address(pool));
                found[n++] = EModeCategory(
                    id,
                    c.ltv,
                    c.liquidationThreshold,
                    c.liquidationBonus,
                    p.getEModeCategoryCollateralBitmap(uint8(id)),
                    p.getEModeCategoryBorrowableBitmap(uint8(id)),
                    p.getEModeCategoryLtvzeroBitmap(uint8(id))
                );
            } catch {
                return _trim(found, n);
            }
        }
        return _trim(found, n);
    }

    function _trim(EModeCategory[] memory found, uint256 n) private pure returns (EModeCategory[] memory out) {
        out = new EModeCategory[](n);
        for (uint256 i = 0; i < n; i++) out[i] = found[i];
    }

    function accounts(IPool pool, address[] calldata assets, address[] calldata users) external view returns (Account[] memory out) {
        Reserve[] memory rs = reserves(pool, assets);
        out = new Account[](users.length);
        for (uint256 u = 0; u < users.length; u++) {
            Account memory a = out[u];
            a.scaledCollateral = new uint256[](rs.length);
            a.scaledDebt = new uint256[](rs.length);
            for (uint256 i = 0; i < rs.length; i++) {
                a.scaledCollateral[i] = IScaledBalance(rs[i].aToken).scaledBalanceOf(users[u]);
                a.scaledDebt[i] = IScaledBalance(rs[i].variableDebtToken).scaledBalanceOf(users[u]);
            }
            a.userConfiguration = pool.getUserConfiguration(users[u]).data;
            (a.totalCollateralBase, a.totalDebtBase,,,, a.healthFactor) = pool.getUserAccountData(users[u]);
            a.eModeCategory = pool.getUserEMode(users[u]);
        }
    }
}
