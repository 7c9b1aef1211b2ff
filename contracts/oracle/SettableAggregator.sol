// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title SettableAggregator
/// @notice A Chainlink AggregatorV3-compatible price feed that the harness sets, round by round.
/// It answers both `latestRoundData()` (Compound V3, most integrations) and `latestAnswer()` (AaveOracle).
/// @dev No immutables and a fixed storage layout, so the runtime code can also be put in place of a real
/// feed on a fork (anvil_setCode) and initialised by storage writes:
///   slot 0: decimals (uint8, lowest byte) and latestRoundId (uint80, the next 10 bytes), packed
///   slot 1: mapping(uint80 => Round) rounds, Round = { int256 answer; uint256 updatedAt }
/// (measured with eth_getStorageAt; installSettableFeed writes exactly these.)
/// Writes are open: this contract only ever runs on a local dev node or a fork.
contract SettableAggregator {
    struct Round {
        int256 answer;
        uint256 updatedAt;
    }

    uint8 public decimals;
    uint80 public latestRoundId;
    mapping(uint80 => Round) internal rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, int256 initialAnswer) {
        decimals = decimals_;
        _push(initialAnswer, block.timestamp);
    }

    /// @notice Starts a new round at the current block's timestamp.
    function setAnswer(int256 answer) external {
        _push(answer, block.timestamp);
    }

    /// @notice Starts a new round with an explicit timestamp (replays of recorded rounds).
    function setAnswerAt(int256 answer, uint256 updatedAt) external {
        _push(answer, updatedAt);
    }

    function description() external pure returns (string memory) {
        return "DLCM settable aggregator";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function latestAnswer() external view returns (int256) {
        return rounds[latestRoundId].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return rounds[latestRoundId].updatedAt;
    }

    function latestRound() external view returns (uint256) {
        return latestRoundId;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRoundId);
    }

    function getRoundData(uint80 roundId) public view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[roundId];
        require(round.updatedAt != 0, "No data present");
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    function _push(int256 answer, uint256 updatedAt) private {
        uint80 roundId = latestRoundId + 1;
        latestRoundId = roundId;
        rounds[roundId] = Round(answer, updatedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
