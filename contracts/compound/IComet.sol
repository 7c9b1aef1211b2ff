// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice The part of Compound V3's Comet (compound-finance/comet, CometMainInterface and CometExt) that
/// DLCM's helpers call. Comet's own code is compiled from its pinned source, never copied here.
interface IComet {
    struct TotalsBasic {
        uint64 baseSupplyIndex;
        uint64 baseBorrowIndex;
        uint64 trackingSupplyIndex;
        uint64 trackingBorrowIndex;
        uint104 totalSupplyBase;
        uint104 totalBorrowBase;
        uint40 lastAccrualTime;
        uint8 pauseFlags;
    }

    struct AssetInfo {
        uint8 offset;
        address asset;
        address priceFeed;
        uint64 scale;
        uint64 borrowCollateralFactor;
        uint64 liquidateCollateralFactor;
        uint64 liquidationFactor;
        uint128 supplyCap;
    }

    event Transfer(address indexed from, address indexed to, uint256 amount);
    event Withdraw(address indexed src, address indexed to, uint256 amount);
    event AbsorbDebt(address indexed absorber, address indexed borrower, uint256 basePaidOut, uint256 usdValue);
    event AbsorbCollateral(
        address indexed absorber,
        address indexed borrower,
        address indexed asset,
        uint256 collateralAbsorbed,
        uint256 usdValue
    );
    event BuyCollateral(address indexed buyer, address indexed asset, uint256 baseAmount, uint256 collateralAmount);

    function governor() external view returns (address);
    function baseScale() external view returns (uint256);
    function storeFrontPriceFactor() external view returns (uint256);
    function targetReserves() external view returns (uint256);
    function supplyKink() external view returns (uint256);
    function supplyPerSecondInterestRateSlopeLow() external view returns (uint256);
    function supplyPerSecondInterestRateSlopeHigh() external view returns (uint256);
    function supplyPerSecondInterestRateBase() external view returns (uint256);
    function borrowKink() external view returns (uint256);
    function borrowPerSecondInterestRateSlopeLow() external view returns (uint256);
    function borrowPerSecondInterestRateSlopeHigh() external view returns (uint256);
    function borrowPerSecondInterestRateBase() external view returns (uint256);
    function getAssetInfoByAddress(address asset) external view returns (AssetInfo memory);
    function isAbsorbPaused() external view returns (bool);
    function isBuyPaused() external view returns (bool);
    function baseToken() external view returns (address);
    function baseTokenPriceFeed() external view returns (address);
    function numAssets() external view returns (uint8);
    function getPrice(address priceFeed) external view returns (uint256);
    function getReserves() external view returns (int256);
    function getCollateralReserves(address asset) external view returns (uint256);
    function isLiquidatable(address account) external view returns (bool);
    function quoteCollateral(address asset, uint256 baseAmount) external view returns (uint256);
    function totalsBasic() external view returns (TotalsBasic memory);
    function userBasic(address account)
        external
        view
        returns (int104 principal, uint64 baseTrackingIndex, uint64 baseTrackingAccrued, uint16 assetsIn, uint8 _reserved);
    function userCollateral(address account, address asset) external view returns (uint128 balance, uint128 _reserved);
    function supply(address asset, uint256 amount) external;
    function withdraw(address asset, uint256 amount) external;
    function buyCollateral(address asset, uint256 minAmount, uint256 baseAmount, address recipient) external;
    function absorb(address absorber, address[] calldata accounts) external;
}
