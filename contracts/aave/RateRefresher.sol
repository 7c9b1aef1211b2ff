// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";
import {IPoolAddressesProvider} from "@aave/core-v3/contracts/interfaces/IPoolAddressesProvider.sol";

/// @title RateRefresher
/// @notice Makes an Aave v3.0 Pool recompute reserves' rates without moving a balance: a flash loan of zero
/// (`flashLoanSimple(this, asset, 0, "", 0)`), whose repayment runs the reserve's updateState and
/// updateInterestRates. v3.0's `setReserveInterestRateStrategyAddress` installs a strategy without
/// recomputing the rates, so the replica calls this in the same block to start a reserve's interest.
/// Only ever used on a local dev node.
contract RateRefresher {
    IPool public immutable POOL;

    constructor(IPool pool) {
        POOL = pool;
    }

    function ADDRESSES_PROVIDER() external view returns (IPoolAddressesProvider) {
        return POOL.ADDRESSES_PROVIDER();
    }

    function refresh(address[] calldata assets) external {
        for (uint256 i = 0; i < assets.length; i++) POOL.flashLoanSimple(address(this), assets[i], 0, "", 0);
    }

    function executeOperation(address, uint256, uint256, address initiator, bytes calldata) external view returns (bool) {
        require(msg.sender == address(POOL) && initiator == address(this), "RateRefresher: caller");
        return true;
    }
}
