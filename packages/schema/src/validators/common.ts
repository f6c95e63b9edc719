/**
 * Helpers shared by the built-in validators.
 *
 * @module
 */
import { type CtyPath, formatPath } from "@pyvider/cty";
import { type Diagnostic, errorDiag } from "../diagnostics.js";

/** An error diagnostic whose detail starts with `Attribute <path> ...`, as terraform-plugin-framework words it. */
export function attrError(summary: string, path: CtyPath, rest: string): readonly Diagnostic[] {
  return [errorDiag(summary, `Attribute ${formatPath(path)} ${rest}`, path)];
}

/** Validates that a count bound is a non-negative integer, throwing a clear error when defining a validator. */
export function checkBound(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}
