// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IMorpho, MarketParams} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @title SeededMorphoBorrower
/// @notice One replica borrower of a Morpho Blue market: in its constructor it mints its collateral (the
/// replica's test tokens mint to anyone), supplies it, and borrows by assets, for itself, to itself.
contract SeededMorphoBorrower {
    constructor(IMorpho morpho, MarketParams memory market, uint256 collateral, uint256 borrowed) {
        if (collateral > 0) {
            IMintable(market.collateralToken).mint(address(this), collateral);
            IMintable(market.collateralToken).approve(address(morpho), collateral);
            morpho.supplyCollateral(market, collateral, address(this), "");
        }
        if (borrowed > 0) morpho.borrow(market, borrowed, 0, address(this), address(this));
    }
}

/// @title MorphoBorrowerFactory
/// @notice Seeds a Morpho Blue market's borrowers many to a transaction, in the model's position order.
contract MorphoBorrowerFactory {
    struct Position {
        uint256 collateral;
        uint256 borrowed;
    }

    event BorrowerSeeded(uint256 indexed index, address borrower);

    function seed(IMorpho morpho, MarketParams calldata market, uint256 firstIndex, Position[] calldata positions)
        external
    {
        for (uint256 i = 0; i < positions.length; i++) {
            SeededMorphoBorrower borrower =
                new SeededMorphoBorrower(morpho, market, positions[i].collateral, positions[i].borrowed);
            emit BorrowerSeeded(firstIndex + i, address(borrower));
        }
    }
}
