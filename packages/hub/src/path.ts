/**
 * Attribute paths as authors write them: `"name"`, `["tags", "env"]`, `["rule", 0, "match"]`, or
 * cty path steps for map keys and set elements. Defined in @pyvider/cty (its `PyviderError`
 * takes them); the hub re-exports them.
 *
 * @module
 */
export { type PathInput, toPath } from "@pyvider/cty";
