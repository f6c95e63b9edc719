/**
 * Attribute paths as authors write them: `"name"`, `["tags", "env"]`, `["rule", 0, "match"]`, or
 * cty path steps for map keys and set elements.
 *
 * @module
 */
import { attrStep, type CtyPath, indexStep, type PathStep } from "@pyvider/cty";

/**
 * A path as an author writes it. Strings are attribute names and numbers list indexes; use
 * cty's `keyStep("k")` for a map key or `elementStep(v)` for a set element.
 */
export type PathInput = CtyPath | string | readonly (string | number | PathStep)[];

/** Converts a {@link PathInput} to a cty path. */
export function toPath(input: PathInput): CtyPath {
  if (typeof input === "string") return [attrStep(input)];
  return input.map((step) => {
    if (typeof step === "string") return attrStep(step);
    if (typeof step === "number") return indexStep(step);
    return step;
  });
}
