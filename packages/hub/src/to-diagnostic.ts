/**
 * Conversion of anything user code throws (or rejects with) into one error diagnostic.
 *
 * @module
 */
import { CtyCodecError, type CtyPath, JsonSyntaxError, PathError } from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";
import { StopGracePeriodError } from "./abort.js";
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

/** The type of a thrown value, for messages: `string`, `object`, `array`, `null`, ... */
export function thrownTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Renders a thrown value as text without ever throwing: an `Error`'s message, else a generic
 * sentence naming only the value's type. The content of a non-Error value (a string, an object
 * dumped as JSON) is never rendered: it may carry secrets (a request with its credentials, a
 * token), and diagnostics and logs are shown to users.
 */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  return `Provider code threw a non-Error value (${thrownTypeOf(value)})`;
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

/** An error raised inside @pyvider/cty (a codec, path or JSON syntax failure). */
function isCtyError(error: PyviderError): boolean {
  return error instanceof CtyCodecError || error instanceof PathError || error instanceof JsonSyntaxError;
}

/**
 * Converts a thrown value to an error diagnostic.
 *
 * - a {@link PyviderError} uses its own summary, detail and path (cty's codec, path and JSON
 *   syntax errors, whose paths are inside a value, are reported like any other `Error`);
 * - a `SchemaError` of @pyvider/schema says what in the schema is wrong;
 * - an abort (`AbortError`) says the operation was cancelled; a handler that ignored the stop
 *   signal past the grace period ({@link StopGracePeriodError}) says its outcome is unknown;
 * - any other `Error` gives its message as the summary;
 * - anything else (a thrown string, object, ...) gives a generic summary naming only its type:
 *   its content never reaches a diagnostic.
 *
 * @param error what was thrown
 * @param where what was running, e.g. `resource kv_entry create` (used in the detail)
 */
export function errorToDiagnostic(error: unknown, where?: string): Diagnostic {
  if (error instanceof SchemaError) return schemaErrorToDiagnostic(error);
  // cty's own errors are PyviderErrors too, but their paths are inside a value, not an attribute
  // path of the request: they are reported like any unhandled error.
  if (error instanceof PyviderError && !isCtyError(error)) return error.toDiagnostic();
  const at = where === undefined ? "" : ` in ${where}`;
  if (error instanceof StopGracePeriodError) {
    const seconds = error.gracePeriodMs / 1000;
    return makeDiagnostic(
      "error",
      "Operation cancelled: its outcome is unknown",
      `The provider was asked to stop, and ${error.where} was still running ${seconds} s later, so the provider stopped waiting for it. ` +
        "It may still complete: the real object may have been changed without the state recording it. " +
        "Run the same command again once the provider has finished, and import an object that was created but is not in the state.",
    );
  }
  if (isAbortError(error)) {
    return makeDiagnostic(
      "error",
      "Operation cancelled",
      `The operation${at} was cancelled before it completed.`,
    );
  }
  if (!(error instanceof Error)) {
    return makeDiagnostic(
      "error",
      describeThrown(error),
      `Unhandled non-Error value${at}. Its content is not shown, as it may hold secrets: throw an Error (or a PyviderError) instead.`,
    );
  }
  const message = describeThrown(error);
  return makeDiagnostic(
    "error",
    message === "" ? "Unexpected error" : message,
    `Unhandled ${error.name || "Error"}${at}.`,
  );
}
