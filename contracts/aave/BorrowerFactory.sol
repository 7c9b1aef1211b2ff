// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IPool} from "@aave/core-v3/contracts/interfaces/IPool.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @notice One replica borrower: in its constructor it enters its e-mode category (when it has one), mints
/// its collateral (test tokens only), supplies it, and borrows its debt at the variable rate. The account
/// then just holds the position.
contract SeededBorrower {
    constructor(
        IPool pool,
        uint8 eModeCategory,
        address[] memory collateral,
        uint256[] memory supplied,
        address[] memory debt,
        uint256[] memory borrowed
    ) {
        if (eModeCategory != 0) pool.setUserEMode(eModeCategory);
        for (uint256 i = 0; i < collateral.length; i++) {
            IMintable(collateral[i]).mint(address(this), supplied[i]);
            IMintable(collateral[i]).approve(address(pool), supplied[i]);
            pool.supply(collateral[i], supplied[i], address(this), 0);
        }
        for (uint256 i = 0; i < debt.length; i++) {
            pool.borrow(debt[i], borrowed[i], 2, 0, address(this));
        }
    }
}

/// @title BorrowerFactory
/// @notice Seeds many Aave borrowers per transaction (one SeededBorrower each), so that a replica with
/// thousands of positions is built in a few dozen transactions instead of four per borrower.
contract BorrowerFactory {
    struct Position {
        /// the e-mode category to enter first (0: none)
        uint8 eModeCategory;
        address[] collateral;
        uint256[] supplied;
        address[] debt;
        uint256[] borrowed;
    }

    event BorrowerSeeded(uint256 indexed index, address borrower);

    function seed(IPool pool, uint256 firstIndex, Position[] calldata positions) external {
        for (uint256 i = 0; i < positions.length; i++) {
            Position calldata p = positions[i];
            SeededBorrower borrower = new SeededBorrower(pool, p.eModeCategory, p.collateral, p.supplied, p.debt, p.borrowed);
            emit BorrowerSeeded(firstIndex + i, address(borrower));
        }
    }
}
