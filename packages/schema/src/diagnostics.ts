/**
 * Diagnostics: the error and warning records that validation, defaults and plan modifiers
 * return. The hub and protocol packages reuse this shape and map it to tfplugin6 diagnostics.
 *
 * @module
 */
import type { CtyPath } from "@pyvider/cty";

/** How serious a diagnostic is. */
export type Severity = "error" | "warning";

/** One error or warning, optionally tied to an attribute path. */
export interface Diagnostic {
  /** `"error"` stops the operation; `"warning"` is shown but does not. */
  readonly severity: Severity;
  /** A short, one-line summary. */
  readonly summary: string;
  /** A longer explanation, if any. */
  readonly detail?: string;
  /** The attribute the diagnostic is about, as cty path steps from the schema's root. */
  readonly path?: CtyPath;
}

/** Builds an error diagnostic. */
export function errorDiag(summary: string, detail?: string, path?: CtyPath): Diagnostic {
  return withOptional({ severity: "error", summary }, detail, path);
}

/** Builds a warning diagnostic. */
export function warningDiag(summary: string, detail?: string, path?: CtyPath): Diagnostic {
  return withOptional({ severity: "warning", summary }, detail, path);
}

function withOptional(
  d: { severity: Severity; summary: string },
  detail?: string,
  path?: CtyPath,
): Diagnostic {
  const out: { severity: Severity; summary: string; detail?: string; path?: CtyPath } = d;
  if (detail !== undefined) out.detail = detail;
  if (path !== undefined) out.path = path;
  return out;
}

/** True if any of the diagnostics is an error. */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}
