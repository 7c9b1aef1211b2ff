// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IComet} from "./IComet.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @notice One replica Comet borrower: in its constructor it mints its collateral (test tokens only),
/// supplies it with `supply`, and borrows its base with `withdraw`, as a user does. It then holds the position.
contract SeededCometBorrower {
    constructor(IComet comet, address[] memory collateral, uint256[] memory supplied, uint256 borrowed) {
        for (uint256 i = 0; i < collateral.length; i++) {
            if (supplied[i] == 0) continue;
            IMintable(collateral[i]).mint(address(this), supplied[i]);
            IMintable(collateral[i]).approve(address(comet), supplied[i]);
            comet.supply(collateral[i], supplied[i]);
        }
        if (borrowed > 0) comet.withdraw(comet.baseToken(), borrowed);
    }
}

/// @title CometBorrowerFactory
/// @notice Seeds many Comet borrowers per transaction (one SeededCometBorrower each).
contract CometBorrowerFactory {
    struct Position {
        uint256[] supplied;
        uint256 borrowed;
    }

    event BorrowerSeeded(uint256 indexed index, address borrower);

    function seed(IComet comet, address[] calldata collateral, uint256 firstIndex, Position[] calldata positions) external {
        for (uint256 i = 0; i < positions.length; i++) {
            SeededCometBorrower borrower =
                new SeededCometBorrower(comet, collateral, positions[i].supplied, positions[i].borrowed);
            emit BorrowerSeeded(firstIndex + i, address(borrower));
        }
    }
}
