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
