/**
 * `@pyvider/protocol/internal`: the request semantics other framework packages share with the
 * protocol layer (the testing harness applies the same checks as a served provider). Not for
 * provider authors: it may change in any release.
 *
 * @packageDocumentation
 */

export { checkAgainstPlan, unknownErrors } from "./semantics/consistency.js";
export { nullWriteOnly } from "./semantics/write-only.js";
