/**
 * Conversion of anything user code throws (or rejects with) into one error diagnostic.
 *
 * @module
 */
import type { CtyPath } from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";
import {
  makeDiagnostic,
  PyviderError,
  SchemaError,
  SchemaRegistrationError,
  SchemaValidationError,
} from "./errors.js";

/** True for the errors `AbortSignal`s produce (`AbortError`, `TimeoutError`). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    ((error as { name?: unknown }).name === "AbortError" ||
      (error as { name?: unknown }).name === "TimeoutError")
  );
}

/** Renders a thrown non-Error value as text without ever throwing. */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === "string") return value;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // fall through
  }
  try {
    return String(value);
  } catch {
    return "unprintable value";
  }
}

function schemaErrorToDiagnostic(error: SchemaError): Diagnostic {
  const extra = error as SchemaError & { detail?: string; path?: CtyPath };
  if (error instanceof SchemaValidationError)
    return makeDiagnostic("error", error.reason, extra.detail, extra.path);
  if (error instanceof SchemaRegistrationError) {
    const detail = extra.detail === undefined ? error.message : `${error.message}\n\n${extra.detail}`;
    return makeDiagnostic("error", "Invalid provider definition", detail);
  }
  const plain = error.toDiagnostic();
  return makeDiagnostic("error", plain.summary, plain.detail);
}

/**
 * Converts a thrown value to an error diagnostic.
 *
 * - a {@link PyviderError} uses its own summary, detail and path;
 * - a `SchemaError` of @pyvider/schema says what in the schema is wrong;
 * - an abort (`AbortError`) says the operation was cancelled;
 * - any other `Error` gives its message as the summary; anything else is rendered as text.
 *
 * @param error what was thrown
 * @param where what was running, e.g. `resource kv_entry create` (used in the detail)
 */
export function errorToDiagnostic(error: unknown, where?: string): Diagnostic {
  if (error instanceof SchemaError) return schemaErrorToDiagnostic(error);
  if (error instanceof PyviderError) return error.toDiagnostic();
  const at = where === undefined ? "" : ` in ${where}`;
  if (isAbortError(error)) {
    return makeDiagnostic(
      "error",
      "Operation cancelled",
      `The operation${at} was cancelled before it completed.`,
    );
  }
  const message = describeThrown(error);
  const kind = error instanceof Error ? error.name || "Error" : typeof error;
  return makeDiagnostic("error", message === "" ? "Unexpected error" : message, `Unhandled ${kind}${at}.`);
}
