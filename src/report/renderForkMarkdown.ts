import type { ForkSetup } from "../harness/types.js";

const usd = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;

/**
 * The fork section of a run report: where the fork is, what DLCM found there (profiles, prices, borrowers
 * run and left out, with why) and every state edit it made before the cascade, so an auditor can tell the
 * fork's own state from DLCM's changes.
 *
 * @param fork - what openForkSession recorded.
 * @returns Markdown lines.
 */
export function renderForkMarkdown(fork: ForkSetup): string[] {
  const lines = [
    `## Fork at block ${fork.blockNumber} (chain id ${fork.chainId})`,
    "",
    `Protocol addresses: ${fork.addressSource}. Starting prices read off the fork: ${Object.entries(
      fork.prices,
    )
      .map(([s, p]) => `${s} $${p.toFixed(2)}`)
      .join(
        ", ",
      )}${fork.strikeScale !== undefined ? `; option strikes scaled ×${fork.strikeScale.toFixed(4)} to keep their moneyness` : ""}.`,
    "",
    "| Market | Rules | Borrowers found | With debt, in scope | Run | Out of scope (debt) | Why out of scope |",
    "|---|---|---|---|---|---|---|",
    ...Object.entries(fork.borrowers).map(
      ([id, b]) =>
        `| ${id} | ${fork.rules?.[id] ?? fork.profiles[id] ?? "—"} | ${b.candidates} (${b.source}) | ${b.inScope} | ${b.run}${b.capped ? ` (cap: ${b.capped} smallest left out)` : ""} | ${b.outOfScope.count} (${usd(b.outOfScope.debtUsd)}) | ${
          Object.entries(b.outOfScope.reasons)
            .map(([r, n]) => `${r}: ${n}`)
            .join("; ") || "—"
        } |`,
    ),
    "",
    "Out of scope means the model cannot price the position: on Aave it uses an e-mode category or a reserve the scenario does not list, on Comet it holds a collateral the scenario does not list. Such positions are not liquidated by the harness on chain either; add their assets to the scenario to include them.",
    "",
    "State edits made on the fork before the cascade (nothing else was changed):",
    "",
    ...fork.edits.map((e) => `- ${e}`),
    ...(fork.excluded.length
      ? ["", "Not run on this fork:", ...fork.excluded.map((e) => `- ${e.id}: ${e.reason}`)]
      : []),
    "",
  ];
  return lines;
}
