/**
 * The error conversion throws, and the result type of {@link tryConvert}.
 *
 * @module
 */

import type { CtyPath } from "./path.js";
import { formatPath } from "./path.js";
import type { CtyValue } from "./value.js";

/**
 * A value could not be converted to the wanted type. `message` is worded exactly as go-cty's
 * (e.g. `a number is required`, `attribute "foo" is required`); `path` locates the offending
 * nested value relative to the value given to the conversion (empty for the value itself).
 */
export class CtyConversionError extends Error {
  override readonly name = "CtyConversionError";
  /**
   * @param message the go-cty message, without any path prefix
   * @param path where in the converted value the problem is
   */
  constructor(
    message: string,
    readonly path: CtyPath = [],
  ) {
    super(message);
  }

  /** The message prefixed with the Terraform-style path when there is one, e.g. `tags["env"]: a number is required`. */
  get detail(): string {
    return this.path.length === 0 ? this.message : `${formatPath(this.path)}: ${this.message}`;
  }
}

/** The result of {@link tryConvert}: the converted value, or the conversion error. */
export type ConversionResult =
  | { readonly ok: true; readonly value: CtyValue }
  | { readonly ok: false; readonly error: CtyConversionError };
