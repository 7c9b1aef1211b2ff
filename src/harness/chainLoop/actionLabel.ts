import type { CascadeAction } from "../../model/cascade/types.js";

/** How an action is named in reports: `swap:hedge`, `swapV2:shock`, `bridge:out`, `oracle`, `liquidationCall`. */
export function actionLabel(action: CascadeAction): string {
  if (action.kind === "bridge") return `bridge:${action.direction}`;
  return action.kind === "swap" || action.kind === "swapV2"
    ? `${action.kind}:${action.purpose}`
    : action.kind;
}
