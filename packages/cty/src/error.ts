/**
 * `PyviderError`: the root of every error the pyvider packages define. It lives here, in the
 * lowest package that throws, so that every package's errors (cty's codec errors, schema's
 * `SchemaError`, the hub's author-facing errors) extend one class and one `instanceof` check
 * covers them all.
 *
 * @module
 */
import { type CtyPath, formatPath, type PathInput, toPath } from "./path.js";

/** Options shared by every {@link PyviderError}. */
export interface PyviderErrorOptions {
  /** A longer explanation, shown as the diagnostic's detail. */
  readonly detail?: string;
  /** The attribute the error is about (`"name"`, `["tags", "env"]`, or cty path steps). */
  readonly path?: PathInput;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** An error diagnostic as {@link PyviderError.toDiagnostic} gives it (absent fields left out). */
export interface ErrorDiagnostic {
  readonly severity: "error";
  /** One line saying what is wrong. */
  readonly summary: string;
  /** A longer explanation. */
  readonly detail?: string;
  /** The attribute the diagnostic is about. */
  readonly path?: CtyPath;
}

/**
 * The base of every pyvider error. It carries an optional detail and attribute path and converts
 * to an error diagnostic with {@link PyviderError.toDiagnostic}.
 */
export class PyviderError extends Error {
  /** A longer explanation. */
  readonly detail: string | undefined;
  /** The attribute the error is about. */
  readonly path: CtyPath | undefined;

  /**
   * @param message the diagnostic's summary
   * @param options detail, path and cause
   */
  constructor(message: string, options: PyviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
    this.path = options.path === undefined ? undefined : toPath(options.path);
  }

  /** The error as an error diagnostic. */
  toDiagnostic(): ErrorDiagnostic {
    const d: { severity: "error"; summary: string; detail?: string; path?: CtyPath } = {
      severity: "error",
      summary: this.message,
    };
    if (this.detail !== undefined && this.detail !== "") d.detail = this.detail;
    if (this.path !== undefined) d.path = this.path;
    return d;
  }
}

/** An error from `getPath` or `setPath`, naming the failing step. */
export class PathError extends PyviderError {
  /** The path up to and including the failing step. */
  override readonly path: CtyPath;

  /**
   * @param message what is wrong at the failing step
   * @param path the path up to and including the failing step
   */
  constructor(message: string, path: CtyPath) {
    super(`${formatPath(path)}: ${message}`);
    this.name = "PathError";
    this.path = path;
  }
}
