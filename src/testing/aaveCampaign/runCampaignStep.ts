import type { TransactionReceipt } from "viem";
import { MathRevertError } from "../../errors/MathRevertError.js";
import { TransactionRevertedError } from "../../errors/TransactionRevertedError.js";
import { TOKEN_BALANCE_SHORT } from "../../model/lending/aave/executeLiquidationCall.js";
import { advancePoolClock } from "../../model/lending/aave/pool/advancePoolClock.js";
import type { AavePoolModel, AavePosition } from "../../model/lending/aave/types.js";
import { aaveV30ErrorName } from "./aaveV30Errors.js";
import { compareCampaignState } from "./compareCampaignState.js";
import { readCampaignState } from "./readCampaignState.js";
import type { CampaignChain, CampaignModel } from "./types.js";

/** What a step's model side leaves when it does not revert. */
export type StepEffect = { pool: AavePoolModel; positions: AavePosition[]; note?: string[] };

export type CampaignStep = {
  kind: string;
  label: string;
  /** Seconds this step's block comes after the last one (≥ 1). */
  seconds: bigint;
  /** The model's prediction at the step's block time (throws MathRevertError where the Pool reverts). */
  model: (pool: AavePoolModel, positions: readonly AavePosition[]) => StepEffect;
  /** The transaction (none: a block that only passes time). */
  chain?: () => Promise<TransactionReceipt>;
  /** Extra checks of a mined transaction against the model's effect (one line per difference). */
  check?: (receipt: TransactionReceipt, effect: StepEffect) => string[];
};

/**
 * The chain's revert reason in the model's words: a Panic(0x11) is an arithmetic underflow, and the test
 * token's "TestERC20: balance" a transfer beyond the sender's balance.
 */
function chainReason(error: TransactionRevertedError): string {
  const reason = error.reason ?? "unknown";
  if (reason === "TestERC20: balance") return TOKEN_BALANCE_SHORT;
  return /^Panic\(0x11\)$/.test(reason) ? "panic 0x11" : reason.replace(/\(.*$/, "");
}

/**
 * One campaign step on both sides at the same block time: the model predicts (an effect or a revert by
 * name), the Pool runs the transaction, and the two must agree on whether it reverted, why, the step's own
 * checks, and then the whole Pool state to the wei. A reverted step changes nothing but the clock.
 *
 * @param model - the campaign's model (replaced in place by the step's outcome).
 * @param real - the chain side.
 * @param step - the step.
 * @throws {Error} listing every difference, with the step's label.
 */
export async function runCampaignStep(
  model: CampaignModel,
  real: CampaignChain,
  step: CampaignStep,
): Promise<void> {
  const at = model.pool.nowSeconds + step.seconds;
  const pool = advancePoolClock(model.pool, at);
  let predicted: StepEffect | string;
  try {
    predicted = step.model(pool, model.positions);
  } catch (error) {
    if (!(error instanceof MathRevertError)) throw error;
    // The contract's name for it: "Aave: MustNotLeaveDust." → MustNotLeaveDust, "Aave: panic 0x11 (…)." → panic 0x11.
    predicted = error.shortMessage
      .replace(/^Aave: /, "")
      .replace(/ \(.*$/s, "")
      .replace(/\.$/, "");
  }
  const stats = model.stats;
  stats.byKind[step.kind] ??= { sent: 0, succeeded: 0 };
  const kind = stats.byKind[step.kind]!;
  kind.sent++;
  stats.steps++;
  const problems: string[] = [];
  await real.chain.client.setNextBlockTimestamp({ timestamp: model.origin + at });
  let receipt: TransactionReceipt | string;
  if (!step.chain) {
    await real.chain.client.mine({ blocks: 1 });
    receipt = "mined";
  } else {
    try {
      receipt = await step.chain();
    } catch (error) {
      if (!(error instanceof TransactionRevertedError)) throw error;
      receipt = chainReason(error);
    }
  }
  // v3.0 reverts with its Errors library's numeric codes; both sides are compared by v3.6's names.
  if (model.pool.profile === "v3.0") {
    if (typeof predicted === "string") predicted = aaveV30ErrorName(predicted);
    if (typeof receipt === "string" && receipt !== "mined") receipt = aaveV30ErrorName(receipt);
  }
  const chainReverted = typeof receipt === "string" && receipt !== "mined";
  if (process.env.DLCM_CAMPAIGN_TRACE)
    console.log(`${stats.steps} ${step.label}: ${typeof predicted === "string" ? predicted : "ok"}`);
  if (typeof predicted === "string") {
    stats.reverts[predicted] = (stats.reverts[predicted] ?? 0) + 1;
    if (!chainReverted) problems.push(`the model reverts (${predicted}), the Pool does not`);
    else if (receipt !== predicted)
      problems.push(`revert reasons differ: model ${predicted}, chain ${receipt}`);
    model.pool = pool;
  } else {
    if (chainReverted) problems.push(`the Pool reverts (${receipt}), the model does not`);
    else {
      kind.succeeded++;
      if (step.check && typeof receipt !== "string") problems.push(...step.check(receipt, predicted));
    }
    model.pool = predicted.pool;
    model.positions = predicted.positions;
  }
  if (problems.length === 0) problems.push(...compareCampaignState(model, await readCampaignState(real)));
  if (problems.length > 0)
    throw new Error(
      `Campaign step ${stats.steps} (${step.label}) differs:\n  ${problems.slice(0, 20).join("\n  ")}`,
    );
}
