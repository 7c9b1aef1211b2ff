import type { Address } from "viem";
import type { ForkBorrowerStats } from "./types.js";

/** How one candidate account of a fork market is classified by its protocol. */
export type ForkAccountScope =
  | { scope: "no debt" }
  | { scope: "in scope" /** For ranking, in any unit shared by the market's accounts. */; debt: bigint }
  | { scope: "out of scope"; reason: string; debtUsd: number };

/**
 * A fork market's candidates tallied for the report and the ones run chosen: the in-scope accounts, the
 * largest debts first up to `maxBorrowers` (in candidate order when all fit); the others counted by reason.
 *
 * @param candidates - the accounts found, in discovery order.
 * @param scopes - each candidate's classification, same order.
 * @param parameters - where the candidates came from, the cap.
 * @returns the addresses run and the statistics.
 */
export function tallyForkBorrowers(
  candidates: readonly Address[],
  scopes: readonly ForkAccountScope[],
  parameters: { source: string; maxBorrowers: number },
): { run: Address[]; stats: ForkBorrowerStats } {
  let noDebt = 0;
  const out = { count: 0, debtUsd: 0, reasons: {} as Record<string, number> };
  const inScope: { address: Address; debt: bigint }[] = [];
  scopes.forEach((s, i) => {
    if (s.scope === "no debt") noDebt++;
    else if (s.scope === "in scope") inScope.push({ address: candidates[i]!, debt: s.debt });
    else {
      out.count++;
      out.debtUsd += s.debtUsd;
      out.reasons[s.reason] = (out.reasons[s.reason] ?? 0) + 1;
    }
  });
  const run =
    inScope.length > parameters.maxBorrowers
      ? [...inScope]
          .sort((a, b) => (b.debt > a.debt ? 1 : b.debt < a.debt ? -1 : 0))
          .slice(0, parameters.maxBorrowers)
      : inScope;
  return {
    run: run.map((r) => r.address),
    stats: {
      source: parameters.source,
      candidates: candidates.length,
      inScope: inScope.length,
      run: run.length,
      noDebt,
      outOfScope: out,
      capped: inScope.length - run.length,
    },
  };
}
