import { ModelInputError } from "../../../errors/ModelInputError.js";
import type { AaveEModeCategory, AavePosition } from "./types.js";

/**
 * The user's e-mode category, when it has one and the market defines it.
 *
 * @param position - the user (its `eModeCategory`).
 * @param categories - the market's categories.
 * @returns the category, or undefined (no e-mode).
 * @throws {ModelInputError} when the user is in a category the market does not define.
 */
export function userEModeCategory(
  position: Pick<AavePosition, "eModeCategory">,
  categories: readonly AaveEModeCategory[] | undefined,
): AaveEModeCategory | undefined {
  const id = position.eModeCategory ?? 0;
  if (id === 0) return undefined;
  const category = categories?.find((c) => c.id === id);
  if (!category)
    throw new ModelInputError(
      `An Aave user is in e-mode category ${id}, which the market's model does not define: add it to the market's eModeCategories.`,
    );
  return category;
}
