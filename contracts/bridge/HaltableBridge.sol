// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IBridgedToken {
    function mint(address to, uint256 amount) external;
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// @title HaltableBridge
/// @notice This chain's end of a lock-and-mint bridge for one token, as canonical and third-party bridges
/// run them: `bridgeIn` delivers tokens locked on the other chain (only the relayer, which carries the
/// message; tokens taken out earlier are released from escrow first, the rest minted), `bridgeOut` takes a
/// holder's tokens into escrow for the other chain. Its guardian can `halt` it, for good: from then on both
/// revert `BridgeHalted()`. Nothing else changes: the token still transfers, its pools still swap, lending
/// markets still take it, so its supply on this chain is frozen where it sits.
/// @dev The token is the replica's TestERC20 (open mint); the bridge only ever runs on a local dev node.
contract HaltableBridge {
    IBridgedToken public immutable token;
    address public immutable relayer;
    address public immutable guardian;
    bool public halted;
    /// @notice Tokens bridged in and out since deployment.
    uint256 public totalIn;
    uint256 public totalOut;

    error BridgeHalted();
    error NotRelayer();
    error NotGuardian();

    event BridgedIn(address indexed to, uint256 amount);
    event BridgedOut(address indexed from, uint256 amount);
    event Halted(uint256 blockNumber);

    constructor(IBridgedToken token_, address relayer_, address guardian_) {
        token = token_;
        relayer = relayer_;
        guardian = guardian_;
    }

    /// @notice Delivers `amount` tokens bridged in from the other chain to `to`.
    function bridgeIn(address to, uint256 amount) external {
        if (halted) revert BridgeHalted();
        if (msg.sender != relayer) revert NotRelayer();
        uint256 escrowed = token.balanceOf(address(this));
        uint256 released = escrowed < amount ? escrowed : amount;
        if (released > 0) require(token.transfer(to, released), "HaltableBridge: transfer");
        if (amount > released) token.mint(to, amount - released);
        totalIn += amount;
        emit BridgedIn(to, amount);
    }

    /// @notice Takes `amount` of the caller's tokens out to the other chain (into escrow here).
    function bridgeOut(uint256 amount) external {
        if (halted) revert BridgeHalted();
        require(token.transferFrom(msg.sender, address(this), amount), "HaltableBridge: transferFrom");
        totalOut += amount;
        emit BridgedOut(msg.sender, amount);
    }

    /// @notice Stops the bridge for good (the guardian's pause).
    function halt() external {
        if (msg.sender != guardian) revert NotGuardian();
        if (halted) revert BridgeHalted();
        halted = true;
        emit Halted(block.number);
    }
}
