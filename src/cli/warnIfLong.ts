import type { ChainBackend } from "../chain/types.js";
import { estimateChainRunSeconds } from "../harness/estimateChainRunSeconds.js";
import type { Scenario } from "../model/scenario/schema.js";
import { terminal } from "./terminal.js";

/** Runs estimated above this many seconds get a warning before they start. */
const WARN_AFTER_SECONDS = 10 * 60;

/**
 * Warns, with an estimate, before a chain run that would take long (a 5-million-borrower book seeds for
 * hours), and says what is faster: `--scan final`, or `dlcm model` without a chain.
 *
 * @param scenario - the scenario to run.
 * @param parameters - backend and scan mode; `runs` variants (a sweep) multiply the cascade part.
 */
export function warnIfLong(
  scenario: Scenario,
  parameters: { backend: ChainBackend; scan: "every-block" | "final"; runs?: number },
): void {
  const { seconds, borrowers } = estimateChainRunSeconds(scenario, parameters);
  const total = seconds * (parameters.runs ?? 1);
  if (total < WARN_AFTER_SECONDS) return;
  const time = total >= 3600 ? `${(total / 3600).toFixed(1)} hours` : `${Math.round(total / 60)} minutes`;
  terminal.done(
    `  warning: ${borrowers.toLocaleString("en-US")} borrowers on chain: at the rates measured on a 2-core machine this takes at least ${time}.${parameters.scan === "every-block" ? " --scan final skips the per-block scan of every borrower;" : ""} dlcm model runs the same cascade without a chain in seconds. Ctrl-C stops it.`,
  );
}
