// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IComet} from "./IComet.sol";

interface IBalance {
    function balanceOf(address) external view returns (uint256);
}

/// @title CometLens
/// @notice Reads a Comet market and its accounts in one eth_call: the stored totals and indices, the base
/// balance, the collateral reserves, the feed prices Comet reads, and per account its principal, its
/// collateral balances and Comet's own isLiquidatable.
contract CometLens {
    struct Market {
        IComet.TotalsBasic totals;
        uint256 baseBalance;
        int256 reserves;
        uint256 basePrice;
        uint256[] assetPrices;
        uint256[] collateralReserves;
        uint256 timestamp;
    }

    struct Account {
        bool liquidatable;
        int104 principal;
        uint16 assetsIn;
        uint128[] collateral;
    }

    /// @notice The market's parameters as Comet holds them (immutables): what the model's market is built from.
    struct Configuration {
        address governor;
        address baseToken;
        address baseTokenPriceFeed;
        uint256 baseScale;
        uint256 storeFrontPriceFactor;
        uint256 targetReserves;
        uint256[8] rates;
        bool absorbPaused;
        bool buyPaused;
        IComet.AssetInfo[] assets;
    }

    function read(IComet comet, address[] calldata assets, address[] calldata feeds, address[] calldata accounts)
        external
        view
        returns (Market memory market, Account[] memory out)
    {
        market.totals = comet.totalsBasic();
        market.baseBalance = IBalance(comet.baseToken()).balanceOf(address(comet));
        market.reserves = comet.getReserves();
        market.basePrice = comet.getPrice(comet.baseTokenPriceFeed());
        market.assetPrices = new uint256[](assets.length);
        market.collateralReserves = new uint256[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) {
            market.assetPrices[i] = comet.getPrice(feeds[i]);
            market.collateralReserves[i] = comet.getCollateralReserves(assets[i]);
        }
        market.timestamp = block.timestamp;
        out = new Account[](accounts.length);
        for (uint256 a = 0; a < accounts.length; a++) {
            (int104 principal,,, uint16 assetsIn,) = comet.userBasic(accounts[a]);
            uint128[] memory collateral = new uint128[](assets.length);
            for (uint256 i = 0; i < assets.length; i++) {
                (collateral[i],) = comet.userCollateral(accounts[a], assets[i]);
            }
            out[a] = Account(comet.isLiquidatable(accounts[a]), principal, assetsIn, collateral);
        }
    }

    /// @notice Comet's configuration for the given collateral assets (reverts, as Comet does, on an asset it
    /// does not list). Rates in the order supplyKink, supply slope low, high, base, borrowKink, borrow slope
    /// low, high, base (per second).
    function configuration(IComet comet, address[] calldata assets) external view returns (Configuration memory c) {
        c.governor = comet.governor();
        c.baseToken = comet.baseToken();
        c.baseTokenPriceFeed = comet.baseTokenPriceFeed();
        c.baseScale = comet.baseScale();
        c.storeFrontPriceFactor = comet.storeFrontPriceFactor();
        c.targetReserves = comet.targetReserves();
        c.rates = [
            comet.supplyKink(),
            comet.supplyPerSecondInterestRateSlopeLow(),
            comet.supplyPerSecondInterestRateSlopeHigh(),
            comet.supplyPerSecondInterestRateBase(),
            comet.borrowKink(),
            comet.borrowPerSecondInterestRateSlopeLow(),
            comet.borrowPerSecondInterestRateSlopeHigh(),
            comet.borrowPerSecondInterestRateBase()
        ];
        c.absorbPaused = comet.isAbsorbPaused();
        c.buyPaused = comet.isBuyPaused();
        c.assets = new IComet.AssetInfo[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) {
            c.assets[i] = comet.getAssetInfoByAddress(assets[i]);
        }
    }
}
