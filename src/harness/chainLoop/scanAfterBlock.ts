import type { ChainLoop, ChainRound, OnChainRun } from "./types.js";

/**
 * The liquidators' scan on the chain's side after a block: every market on chain reads its borrowers and
 * lets the protocol's own health check say who is liquidatable; that set is compared with the model's at
 * the end of the same block, and each fund left on chain (fund less the losses measured from balances)
 * with the model's. Read right after the block (the latest state: a read at an older block number can run
 * with a timestamp before the reserves' last update, and Aave's interest math then underflows).
 *
 * @param loop - the chain loop.
 * @param round - the block's round (its market price is used for open losses); `scan` is set.
 * @param scanCheck - the running comparison, updated.
 */
export async function scanAfterBlock(
  loop: ChainLoop,
  round: ChainRound,
  scanCheck: OnChainRun["scanCheck"],
): Promise<void> {
  const { block, marketPrice } = round;
  const underlying = loop.parameters.initial.underlying.symbol;
  const modelRound = loop.parameters.model.rounds.find((r) => r.block === block);
  const insuranceLeftUsd: Record<string, number> = {};
  const modelInsuranceLeftUsd: Record<string, number> = {};
  let liquidatable = 0;
  let badDebtUsd = 0;
  for (const [id, market] of loop.markets) {
    const s = await market.scan(
      (symbol) => (symbol === underlying ? marketPrice : (loop.oracleUsd.get(symbol) ?? 0)),
      loop.parameters.scanReads ?? "changed",
    );
    scanCheck.positionsRead = (scanCheck.positionsRead ?? 0) + (s.read ?? 0);
    liquidatable += s.liquidatable.length;
    badDebtUsd += s.losses.realizedUsd + s.losses.insolventOpenUsd;
    // A safety module's sales on chain add what they raised (quote at $1) to the market's fund.
    const raised = loop.backstops.get(id)?.raised ?? 0n;
    const fund = market.insuranceFundUsd + Number(raised) / 10 ** loop.parameters.initial.quote.decimals;
    insuranceLeftUsd[id] = fund - s.losses.realizedUsd;
    modelInsuranceLeftUsd[id] = modelRound?.insuranceLeftUsd[id] ?? fund;
    scanCheck.maxInsuranceGapUsd = Math.max(
      scanCheck.maxInsuranceGapUsd,
      Math.abs(insuranceLeftUsd[id] - modelInsuranceLeftUsd[id]),
    );
    const expected = loop.parameters.modelLiquidatable?.get(block)?.[id];
    if (!expected) continue;
    scanCheck.blocks++;
    const ids = (indices: readonly number[]) => indices.map((i) => market.positionId(i));
    const want = new Set(expected);
    const got = new Set(s.liquidatable);
    const chainOnly = s.liquidatable.filter((i) => !want.has(i));
    const modelOnly = expected.filter((i) => !got.has(i));
    if (chainOnly.length === 0 && modelOnly.length === 0) scanCheck.agreed++;
    else if (scanCheck.disagreements.length < 50)
      scanCheck.disagreements.push({
        block,
        market: id,
        chainOnly: ids(chainOnly),
        modelOnly: ids(modelOnly),
      });
  }
  round.scan = { liquidatable, badDebtUsd, insuranceLeftUsd, modelInsuranceLeftUsd };
}
