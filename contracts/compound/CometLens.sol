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
        uint128[] collateral;
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
            (int104 principal,,,,) = comet.userBasic(accounts[a]);
            uint128[] memory collateral = new uint128[](assets.length);
            for (uint256 i = 0; i < assets.length; i++) {
                (collateral[i],) = comet.userCollateral(accounts[a], assets[i]);
            }
            out[a] = Account(comet.isLiquidatable(accounts[a]), principal, collateral);
        }
    }
}
