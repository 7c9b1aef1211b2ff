// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ZeroRateStrategy
/// @notice An interest-rate strategy that answers zero for every rate, for any Aave V3 version: v3.0–v3.1
/// decode three words from `calculateInterestRates` (liquidity, stable, variable), v3.2+ two (liquidity,
/// variable) and also call `setInterestRateParams(asset, data)` on it. Every call returns 96 zero bytes,
/// which both decoders accept. Put in place of a reserve's strategy on a fork, it freezes the indices, so
/// a cascade of a few hundred blocks accrues no interest and the model (which holds indices constant)
/// stays exact to the wei. Only ever used on a local dev node or a fork.
contract ZeroRateStrategy {
    fallback(bytes calldata) external returns (bytes memory) {
        return new bytes(96);
    }
}
