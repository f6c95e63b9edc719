/**
 * Results of harness calls: a value with the diagnostics, plus helpers to format diagnostics and
 * to fail a test with them.
 *
 * @module
 */
import { formatPath } from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";

/** Fields every harness result has. */
export interface HarnessOutcome {
  /** True when no error diagnostic was reported. */
  readonly ok: boolean;
  /** Errors and warnings, in order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Formats one diagnostic as `error: summary: detail (at path)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.path !== undefined && d.path.length > 0 ? ` (at ${formatPath(d.path)})` : "";
  const detail = d.detail !== undefined && d.detail !== "" ? `: ${d.detail}` : "";
  return `${d.severity}: ${d.summary}${detail}${at}`;
}

/** Formats diagnostics, one per line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.length === 0 ? "(no diagnostics)" : diagnostics.map(formatDiagnostic).join("\n");
}

/** Thrown by {@link expectOk} when a harness call reported errors. */
export class HarnessError extends Error {
  /** @param operation what was called; @param diagnostics what it reported */
  constructor(
    operation: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(`${operation} failed:\n${formatDiagnostics(diagnostics)}`);
    this.name = "HarnessError";
  }
}

/**
 * Returns the result when it has no error diagnostics, else throws a {@link HarnessError} listing
 * them (`const { state } = expectOk(await item.create({...}), "create")`).
 */
export function expectOk<R extends HarnessOutcome>(result: R, operation = "the call"): R {
  if (!result.ok) throw new HarnessError(operation, result.diagnostics);
  return result;
}

/** True when a diagnostic is an error. */
export const isError = (d: Diagnostic): boolean => d.severity === "error";
