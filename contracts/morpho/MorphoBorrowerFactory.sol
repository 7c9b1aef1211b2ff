// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IMorpho, MarketParams} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

interface IFunder {
    function fund(address token, uint256 amount) external;
}

/// @title SeededMorphoBorrower
/// @notice One replica borrower of a Morpho Blue market: in its constructor it gets its collateral (minted
/// where the replica's test tokens mint to anyone; else from the factory's holdings, as for a static aToken),
/// supplies it, and borrows by assets, for itself, to itself.
contract SeededMorphoBorrower {
    constructor(IMorpho morpho, MarketParams memory market, uint256 collateral, uint256 borrowed, bool minted) {
        if (collateral > 0) {
            if (minted) IMintable(market.collateralToken).mint(address(this), collateral);
            else IFunder(msg.sender).fund(market.collateralToken, collateral);
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

    /// @dev True only while `seed` constructs borrowers: their constructors are the only callers `fund` serves.
    bool private seeding;

    /// @param minted Mint each borrower's collateral (test tokens); else pay it from what this factory holds.
    function seed(
        IMorpho morpho,
        MarketParams calldata market,
        uint256 firstIndex,
        Position[] calldata positions,
        bool minted
    ) external {
        seeding = true;
        for (uint256 i = 0; i < positions.length; i++) {
            SeededMorphoBorrower borrower =
                new SeededMorphoBorrower(morpho, market, positions[i].collateral, positions[i].borrowed, minted);
            emit BorrowerSeeded(firstIndex + i, address(borrower));
        }
        seeding = false;
    }

    function fund(address token, uint256 amount) external {
        require(seeding, "MorphoBorrowerFactory: not seeding");
        require(IMintable(token).transfer(msg.sender, amount), "MorphoBorrowerFactory: transfer");
    }
}
