import { PricePathError } from "../../errors/PricePathError.js";
import { parseScenario } from "../scenario/parseScenario.js";
import type { Scenario } from "../scenario/schema.js";
import type { PricePath } from "./types.js";

export type ReplayScenario = {
  scenario: Scenario;
  /** The replayed asset and what else the file held. */
  asset: string;
  /** Plain-language notes for the report: what was applied and how. */
  notes: string[];
};

/**
 * The scenario with its shock replaced by a recorded price path: the path's moves (each price over the
 * first) run from the scenario's starting price, block by block, through the same oracle policies, pools
 * and markets — "the prices of that day through today's state". `block` clocks become seconds with the
 * scenario's block time. maxBlocks is raised, if needed, to cover the path plus 50 blocks to settle.
 *
 * @param scenario - a validated scenario (not mutated).
 * @param path - a parsed price path.
 * @param asset - which column drives the shock (default: the scenario's underlying).
 * @returns the validated replay scenario and notes.
 * @throws {PricePathError} when the column is missing.
 */
export function replayScenario(
  scenario: Scenario,
  path: PricePath,
  asset = scenario.underlying,
): ReplayScenario {
  if (!path.assets.includes(asset))
    throw new PricePathError(`${path.name}: no ${asset} column to replay.`, {
      metaMessages: [
        `Columns: ${path.assets.join(", ")}`,
        `The scenario's underlying is ${scenario.underlying}; choose a column with --asset.`,
      ],
      docsPath: "#replays",
    });
  const first = path.points[0]!;
  const toSeconds = (at: number) =>
    path.clock === "block" ? (at - first.at) * scenario.blockTimeSeconds : at - first.at;
  const points = path.points.map((p) => ({ t: toSeconds(p.at), price: p.prices[asset]! }));
  const end = points[points.length - 1]!.t;
  const blocks = Math.ceil(end / scenario.blockTimeSeconds);
  const maxBlocks = Math.min(100_000, Math.max(scenario.maxBlocks, blocks + 50));
  const p0 = points[0]!.price;
  const low = Math.min(...points.map((p) => p.price));
  const notes = [
    `Replayed ${asset} from ${path.name}: ${points.length} points over ${(end / 60).toFixed(1)} minutes (${blocks} blocks of ${scenario.blockTimeSeconds} s), ${p0} → low ${low} (−${((1 - low / p0) * 100).toFixed(1)}%) → ${points[points.length - 1]!.price}.`,
    `The path's moves (price ÷ first price) run from the scenario's starting price of ${scenario.assets.find((a) => a.symbol === scenario.underlying)!.priceUsd} USD.`,
    ...path.assets
      .filter((a) => a !== asset)
      .map((a) => `Column ${a} is not applied: DLCM shocks one underlying (${asset}).`),
    ...(maxBlocks !== scenario.maxBlocks
      ? [`maxBlocks raised from ${scenario.maxBlocks} to ${maxBlocks} to cover the path.`]
      : []),
  ];
  const replayed = parseScenario(
    {
      ...scenario,
      name: `${scenario.name}-replay-${path.name}`.slice(0, 120),
      description: `${scenario.description} Replay of ${path.name}.`.trim(),
      maxBlocks,
      underlying: scenario.underlying,
      shock: { kind: "path", points },
    },
    `replay of ${path.name}`,
  );
  return { scenario: replayed, asset, notes };
}
