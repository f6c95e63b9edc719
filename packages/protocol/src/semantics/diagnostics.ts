/**
 * Diagnostics on the wire: @pyvider/schema's `Diagnostic` (cty paths) as tfplugin6 diagnostics
 * with an `AttributePath` (attribute names, string keys, int indexes; a path into a set element
 * stops at the set, since set elements have no address Terraform understands).
 *
 * @module
 */
import type { CtyPath } from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";
import {
  type AttributePath,
  type AttributePath_Step,
  Diagnostic_Severity,
  type Diagnostic as WireDiagnostic,
} from "../gen/tfplugin6.js";

/** A cty path as a tfplugin6 `AttributePath`, cut before the first set-element step. */
export function attributePath(path: CtyPath): AttributePath {
  const steps: AttributePath_Step[] = [];
  for (const step of path) {
    if (step.kind === "element") break;
    if (step.kind === "attr") steps.push({ selector: { $case: "attributeName", value: step.name } });
    else if (step.kind === "key") steps.push({ selector: { $case: "elementKeyString", value: step.key } });
    else steps.push({ selector: { $case: "elementKeyInt", value: step.index } });
  }
  return { steps };
}

/** One diagnostic as its tfplugin6 message. */
export function toWireDiagnostic(d: Diagnostic): WireDiagnostic {
  return {
    severity: d.severity === "warning" ? Diagnostic_Severity.WARNING : Diagnostic_Severity.ERROR,
    summary: d.summary,
    detail: d.detail ?? "",
    attribute: d.path === undefined || d.path.length === 0 ? undefined : attributePath(d.path),
  };
}

/** Diagnostics as tfplugin6 messages. */
export function toWireDiagnostics(ds: readonly Diagnostic[]): WireDiagnostic[] {
  return ds.map(toWireDiagnostic);
}

/** Builds an error diagnostic (with a path when given). */
export function errorAt(summary: string, detail: string, path?: CtyPath): Diagnostic {
  return path === undefined
    ? { severity: "error", summary, detail }
    : { severity: "error", summary, detail, path };
}

/** True if any diagnostic is an error. */
export function anyError(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}
